import { describeTaskRepositoryContract } from '../../../contracts/task-repository.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeTaskRepositoryContract('PostgreSQL', postgresSubject);
