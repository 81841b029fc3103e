import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeSyncRunRepositoryContract } from '../../../contracts/sync-run-repository.contract.js';

describeSyncRunRepositoryContract('in memory', async () => createInMemoryAdapters());
