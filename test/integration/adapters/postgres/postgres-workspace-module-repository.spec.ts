import { describeWorkspaceModuleRepositoryContract } from '../../../contracts/workspace-module-repository.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeWorkspaceModuleRepositoryContract('PostgreSQL', postgresSubject);
