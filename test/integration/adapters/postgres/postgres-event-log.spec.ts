import { describeEventLogContract } from '../../../contracts/event-log.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeEventLogContract('PostgreSQL', postgresSubject);
