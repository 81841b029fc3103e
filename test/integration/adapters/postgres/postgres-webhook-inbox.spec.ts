import { createPostgresAdapters } from '../../../../adapters/postgres/index.js';
import { CONTRACT_LEASE_MS, describeWebhookInboxContract } from '../../../contracts/webhook-inbox.contract.js';
import { emptyTestDatabase } from '../../../support/test-database.js';

describeWebhookInboxContract('PostgreSQL', async () => createPostgresAdapters((await emptyTestDatabase()).orm, { inboxLeaseMs: CONTRACT_LEASE_MS }));
