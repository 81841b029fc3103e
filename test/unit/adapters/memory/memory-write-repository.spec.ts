import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeWriteRepositoryContract } from '../../../contracts/write-repository.contract.js';

describeWriteRepositoryContract('in memory', async () => createInMemoryAdapters());
