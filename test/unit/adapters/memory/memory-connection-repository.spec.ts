import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeConnectionRepositoryContract } from '../../../contracts/connection-repository.contract.js';

describeConnectionRepositoryContract('in memory', async () => createInMemoryAdapters());
