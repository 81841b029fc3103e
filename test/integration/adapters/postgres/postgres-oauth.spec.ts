import { describeOAuthStoresContract } from '../../../contracts/oauth-stores.contract.js';
import { describeTokenRefreshLockContract } from '../../../contracts/token-refresh-lock.contract.js';
import { postgresSubject } from '../../../support/postgres-subject.js';

describeOAuthStoresContract('PostgreSQL', postgresSubject);
describeTokenRefreshLockContract('PostgreSQL', postgresSubject);
