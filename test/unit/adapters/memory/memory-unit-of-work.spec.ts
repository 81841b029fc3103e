import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeUnitOfWorkContract } from '../../../contracts/unit-of-work.contract.js';

describeUnitOfWorkContract('in memory', async () => createInMemoryAdapters());
