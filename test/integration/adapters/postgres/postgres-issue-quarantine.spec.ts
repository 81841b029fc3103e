import { describeIssueQuarantineContract } from '../../../contracts/issue-quarantine.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeIssueQuarantineContract('PostgreSQL', postgresSubject);
