import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeUserMappingRepositoryContract } from '../../../contracts/user-mapping-repository.contract.js';

describeUserMappingRepositoryContract('in memory', async () => createInMemoryAdapters());
