import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeOAuthStoresContract } from '../../../contracts/oauth-stores.contract.js';
import { describeTokenRefreshLockContract } from '../../../contracts/token-refresh-lock.contract.js';

describeOAuthStoresContract('in memory', async () => createInMemoryAdapters());
describeTokenRefreshLockContract('in memory', async () => createInMemoryAdapters());
