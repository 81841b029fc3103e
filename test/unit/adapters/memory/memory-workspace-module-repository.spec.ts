import { createInMemoryAdapters } from '../../../../adapters/memory/index.js';
import { describeWorkspaceModuleRepositoryContract } from '../../../contracts/workspace-module-repository.contract.js';

describeWorkspaceModuleRepositoryContract('in memory', async () => createInMemoryAdapters());
