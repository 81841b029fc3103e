import { describeUnitOfWorkContract } from '../../../contracts/unit-of-work.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeUnitOfWorkContract('PostgreSQL', postgresSubject);
