import { describeSyncLockContract } from '../../../contracts/sync-lock.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeSyncLockContract('PostgreSQL', postgresSubject);
