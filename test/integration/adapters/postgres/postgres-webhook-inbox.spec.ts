import { expect } from 'chai';
import { createOrm, createPostgresAdapters } from '../../../../adapters/postgres/index.js';
import type { InboxDelivery } from '../../../../core/index.js';
import { CONTRACT_LEASE_MS, describeWebhookInboxContract } from '../../../contracts/webhook-inbox.contract.js';
import { anId, anOrganization } from '../../../support/builders/ids.js';
import { expectLeft, expectRight } from '../../../support/either.js';
import { explainAnalyzed, statementOf, tableScans } from '../../../support/query-plans.js';
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

  it('fails only the delivery PostgreSQL refuses, not those recorded beside it in the same statement', async () => {
    const { webhookInbox } = createPostgresAdapters((await emptyTestDatabase()).orm);
    const [refused, kept] = await Promise.all([
      webhookInbox.record(aDelivery({ deliveryId: 'nul \u0000 in text' }))(),
      webhookInbox.record(aDelivery({ deliveryId: 'delivery-2' }))(),
    ]);
    expect(refused).to.have.nested.property('left._tag', 'UnstorableData');
    expect(kept).to.deep.equal({ _tag: 'Right', right: 'recorded' });
    const claimed = await expectRight(webhookInbox.claim(10, new Date()));
    expect(claimed.map((delivery) => delivery.deliveryId)).to.deep.equal(['delivery-2']);
  });

  it('is a PersistenceFailure, not a crash, when the database is gone', async () => {
    const orm = await createOrm((await testDatabase()).url);
    const { webhookInbox } = createPostgresAdapters(orm);
    await orm.close();
    expect((await expectLeft(webhookInbox.record(aDelivery())))._tag).to.equal('PersistenceFailure');
  });
});

describe('PostgreSQL webhook inbox: completing a batch', () => {
  it('reads only the completed deliveries, however many the inbox holds, with statistics taken when it was empty', async () => {
    const { orm } = await emptyTestDatabase();
    const { webhookInbox } = createPostgresAdapters(orm);
    // A burst fills the inbox faster than autovacuum analyses it: the statistics still say it is empty.
    await orm.em.fork().execute('analyze webhook_inbox');
    await orm.em.fork().execute(`insert into webhook_inbox (delivery_key, organization_id, connection_id, provider, delivery_id, received_at, body, headers, completed_at)
      select 'key-' || n, 'org', gen_random_uuid(), 'tracker', 'delivery-' || n, now(), null, null, case when n <= 2950 then now() end from generate_series(1, 3000) as n`);
    const claimed = await expectRight(webhookInbox.claim(50, new Date()));
    expect(claimed).to.have.length(50);
    const complete = await statementOf(orm, () => expectRight(webhookInbox.complete(claimed.map((d) => d.id), new Date())), (sql) => /^\s*update webhook_inbox set completed_at/i.test(sql));
    const scans = tableScans(await explainAnalyzed(orm, complete), 'webhook_inbox');
    expect(scans.map((scan) => scan['Node Type'])).to.not.include('Seq Scan');
    for (const scan of scans) expect(scan['Actual Rows'] * scan['Actual Loops'], 'rows read').to.be.at.most(4 * claimed.length);
    expect(await expectRight(webhookInbox.claim(50, new Date())), 'nothing left to claim').to.deep.equal([]);
  });
});
