import { describeWriteRepositoryContract } from '../../../contracts/write-repository.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeWriteRepositoryContract('PostgreSQL', postgresSubject);
