import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeTaskRepositoryContract } from '../../../contracts/task-repository.contract.js';

describeTaskRepositoryContract('in memory', async () => createInMemoryAdapters());
