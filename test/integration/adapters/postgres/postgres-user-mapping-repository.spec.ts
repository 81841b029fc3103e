import { describeUserMappingRepositoryContract } from '../../../contracts/user-mapping-repository.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeUserMappingRepositoryContract('PostgreSQL', postgresSubject);
