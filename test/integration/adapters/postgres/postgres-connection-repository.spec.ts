import { describeConnectionRepositoryContract } from '../../../contracts/connection-repository.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeConnectionRepositoryContract('PostgreSQL', postgresSubject);
