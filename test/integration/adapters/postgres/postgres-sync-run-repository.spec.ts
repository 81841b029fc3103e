import { describeSyncRunRepositoryContract } from '../../../contracts/sync-run-repository.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeSyncRunRepositoryContract('PostgreSQL', postgresSubject);
