import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createMetrics } from '../../adapters/metrics/metrics.js';
import { postgresBacklog } from '../../adapters/postgres/postgres-backlog.js';
import { createPostgresAdapters } from '../../adapters/postgres/index.js';
import { asEntityId, asOrganizationId, queuedRun } from '../../core/index.js';
import { emptyTestDatabase } from '../support/test-database.js';

const gauge = (text: string, name: string) => Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1]);

describe('the queue and outbox gauges of /metrics, read from PostgreSQL', () => {
  it('show the queued and running runs, the oldest queued run age, and the events not yet published with their age', async () => {
    const { orm } = await emptyTestDatabase();
    const runs = createPostgresAdapters(orm).syncRuns;
    const organizationId = asOrganizationId('org-backlog');
    const queue = (minutesAgo: number) =>
      runs.open(queuedRun({ id: asEntityId(randomUUID()), organizationId, connectionId: asEntityId(randomUUID()), trigger: 'schedule', mode: 'incremental' }, new Date(Date.now() - minutesAgo * 60_000)))();
    await Promise.all([queue(10), queue(1), queue(0)]);
    const publishedAt = new Date(Date.now() - 30_000);
    await orm.em.fork().execute(
      `insert into outbox_events (id, organization_id, type, occurred_at, cause, data, position) values
       (?, 'org-backlog', 'external_task.created', ?, 'sync', '{}', null), (?, 'org-backlog', 'external_task.created', now(), 'sync', '{}', null), (?, 'org-backlog', 'external_task.created', now(), 'sync', '{}', 1)`,
      [randomUUID(), publishedAt, randomUUID(), randomUUID()],
    );
    const text = await createMetrics({ backlog: postgresBacklog(() => orm.em.fork()) }).registry.metrics();
    expect([gauge(text, 'taskport_sync_queue_depth'), gauge(text, 'taskport_sync_runs_running'), gauge(text, 'taskport_outbox_pending_events')]).to.deep.equal([3, 0, 2]);
    expect(gauge(text, 'taskport_sync_queue_oldest_age_seconds')).to.be.within(595, 660);
    expect(gauge(text, 'taskport_outbox_lag_seconds')).to.be.within(29, 90);
  });
});
