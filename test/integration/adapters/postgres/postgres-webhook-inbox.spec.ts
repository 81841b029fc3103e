import { expect } from 'chai';
import { createOrm, createPostgresAdapters } from '../../../../adapters/postgres/index.js';
import type { InboxDelivery } from '../../../../core/index.js';
import { CONTRACT_LEASE_MS, describeWebhookInboxContract } from '../../../contracts/webhook-inbox.contract.js';
import { anId, anOrganization } from '../../../support/builders/ids.js';
import { expectLeft } from '../../../support/either.js';
import { emptyTestDatabase, testDatabase } from '../../../support/test-database.js';

describeWebhookInboxContract('PostgreSQL', async () => createPostgresAdapters((await emptyTestDatabase()).orm, { inboxLeaseMs: CONTRACT_LEASE_MS }));

const aDelivery = (changes: Partial<InboxDelivery> = {}): InboxDelivery => ({
  organizationId: anOrganization(),
  connectionId: anId(),
  provider: 'tracker',
  deliveryId: 'delivery-1',
  deliveryKey: `webhook:tracker:acme.tracker.test:${anId()}`,
  receivedAt: new Date('2026-03-01T10:00:00.000Z'),
  rawBody: Buffer.from('{"secret-looking":"body"}'),
  headers: {},
  ...changes,
});

// Recording goes straight to the pg driver (pooled-statement.ts), so its failures are checked here as the ORM's are.
describe('PostgreSQL webhook inbox: recording failures', () => {
  it('is UnstorableData, without the values, when PostgreSQL refuses one', async () => {
    const { webhookInbox } = createPostgresAdapters((await emptyTestDatabase()).orm);
    const failure = await expectLeft(webhookInbox.record(aDelivery({ deliveryId: 'nul \u0000 in text' })));
    expect(failure._tag).to.equal('UnstorableData');
    expect(failure.message).to.match(/^Recording a webhook delivery failed: the database refused a value: /);
    expect(failure.message).not.to.contain('secret-looking');
  });

  it('is a PersistenceFailure, not a crash, when the database is gone', async () => {
    const orm = await createOrm((await testDatabase()).url);
    const { webhookInbox } = createPostgresAdapters(orm);
    await orm.close();
    expect((await expectLeft(webhookInbox.record(aDelivery())))._tag).to.equal('PersistenceFailure');
  });
});
