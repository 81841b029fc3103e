import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeSyncLockContract } from '../../../contracts/sync-lock.contract.js';

describeSyncLockContract('in memory', async () => createInMemoryAdapters());
