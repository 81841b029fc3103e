import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeTaskKeyLookupContract } from '../../../contracts/task-key-lookup.contract.js';

describeTaskKeyLookupContract('in memory', async () => createInMemoryAdapters());
