import { expect } from 'chai';
import { createPostgresAdapters } from '../../../../adapters/postgres/index.js';
import { emptyTestDatabase } from '../../../support/test-database.js';
import { anId, anOrganization } from '../../../support/builders/ids.js';
import { countRows } from '../../../support/table-rows.js';
import { aConnection } from '../../../support/builders/connection.js';
import { expectRight } from '../../../support/either.js';

const day = (n: number) => new Date(Date.UTC(2026, 2, n));

describe('PostgreSQL retention', () => {
  it('trims idempotency keys and applied webhook deliveries older than their windows, never a pending delivery', async () => {
    const { orm } = await emptyTestDatabase();
    const em = orm.em.fork();
    const [organizationId, connectionId] = [anOrganization(), anId()];
    for (const [key, at] of [['old', day(1)], ['recent', day(9)]] as const) {
      await em.execute('insert into external_task_events (idempotency_key, organization_id, connection_id, external_id, kind, processed_at) values (?, ?, ?, ?, ?, ?)', [key, organizationId, connectionId, '1', 'poll', at]);
    }
    const delivery = (id: string, completedAt: Date | null) =>
      em.execute('insert into webhook_inbox (delivery_key, organization_id, connection_id, provider, delivery_id, received_at, completed_at) values (?, ?, ?, ?, ?, ?, ?)', [
        `webhook:jira:site:${id}`,
        organizationId,
        connectionId,
        'jira',
        id,
        day(1),
        completedAt,
      ]);
    await delivery('applied-long-ago', day(1));
    await delivery('applied-lately', day(9));
    await delivery('pending', null);
    const trimmed = await createPostgresAdapters(orm).trimHistory({ eventsBefore: day(8), inboxBefore: day(8) });
    expect(trimmed).to.deep.equal({ events: 1, deliveries: 1, orphanedDeadLetters: 0 });
    expect(await em.execute('select idempotency_key from external_task_events')).to.deep.equal([{ idempotency_key: 'recent' }]);
    expect((await em.execute<Array<{ delivery_id: string }>>('select delivery_id from webhook_inbox order by delivery_id')).map((r) => r.delivery_id)).to.deep.equal(['applied-lately', 'pending']);
    expect(await countRows(orm, 'webhook_inbox')).to.equal(2);
  });

  it("trims the dead letters of deleted connections, whatever their age, and keeps a live connection's", async () => {
    const { orm } = await emptyTestDatabase();
    const adapters = createPostgresAdapters(orm);
    const live = aConnection({ id: anId() });
    await expectRight(adapters.connections.insert(live));
    const deadLetter = (organizationId: string, connectionId: string, id: string) =>
      orm.em
        .fork()
        .execute('insert into webhook_inbox (delivery_key, organization_id, connection_id, provider, delivery_id, received_at, last_error, dead_lettered_at) values (?, ?, ?, ?, ?, ?, ?, ?)', [
          `webhook:jira:site:${id}`,
          organizationId,
          connectionId,
          'jira',
          id,
          day(9),
          'refused every time',
          day(9),
        ]);
    await deadLetter(live.organizationId, live.id, 'of-the-live-one');
    await deadLetter(anOrganization(), anId(), 'of-a-deleted-one');
    const trimmed = await adapters.trimHistory({ eventsBefore: day(1), inboxBefore: day(1) });
    expect(trimmed).to.deep.equal({ events: 0, deliveries: 0, orphanedDeadLetters: 1 });
    expect((await orm.em.fork().execute<Array<{ delivery_id: string }>>('select delivery_id from webhook_inbox')).map((r) => r.delivery_id)).to.deep.equal(['of-the-live-one']);
  });
});
