import { expect } from 'chai';
import { createOrm, createPostgresAdapters, type MikroORM } from '../../../../adapters/postgres/index.js';
import type { Connection, SchedulePolicy } from '../../../../core/index.js';
import { aConnection } from '../../../support/builders/connection.js';
import { anId } from '../../../support/builders/ids.js';
import { aSyncRun } from '../../../support/builders/sync-run.js';
import { expectRight } from '../../../support/either.js';
import { emptyTestDatabase } from '../../../support/test-database.js';

const policy: SchedulePolicy = { minIntervalSeconds: 60, sweepIntervalSeconds: 86_400, jitter: 0.1 };
const now = new Date('2026-03-01T10:00:00.000Z');

describe('PostgreSQL sync schedule', () => {
  let one: MikroORM;
  let other: MikroORM;
  let connections: Connection[];
  before(async () => {
    const { url } = await emptyTestDatabase();
    [one, other] = await Promise.all([createOrm(url), createOrm(url)]);
  });
  after(async () => Promise.all([one.close(), other.close()]));
  beforeEach(async () => {
    await emptyTestDatabase();
    connections = Array.from({ length: 40 }, () => aConnection({ id: anId(), syncIntervalSeconds: 300 }));
    for (const c of connections) await expectRight(createPostgresAdapters(one).connections.insert(c));
  });

  it('hands each due slot to exactly one of several processes claiming at once, then moves it by the interval and jitter', async () => {
    const claims = await Promise.all([one, other, one, other].map((orm) => expectRight(createPostgresAdapters(orm).syncSchedule.claimDue(now, policy, 15))));
    const claimed = claims.flat().map((due) => due.connectionId);
    expect(claimed).to.have.length(40);
    expect(new Set(claimed).size).to.equal(40);
    expect(claims.flat().every((due) => due.mode === 'incremental')).to.equal(true);
    expect(await expectRight(createPostgresAdapters(other).syncSchedule.claimDue(now, policy, 100))).to.deep.equal([]);
    const stored = await expectRight(createPostgresAdapters(one).connections.findById(connections[0]!.organizationId, connections[0]!.id));
    const wait = stored!.schedule.nextSyncAt!.getTime() - now.getTime();
    expect(wait).to.be.within(300_000, 330_000);
    expect(stored!.schedule.nextSweepAt!.getTime()).to.be.within(now.getTime(), now.getTime() + 86_400_000);
  });

  it('skips a connection with an open run, a paused schedule, polling off or disabled', async () => {
    const adapters = createPostgresAdapters(one);
    const [withRun, paused, pausedThenChanged] = connections;
    await expectRight(adapters.syncRuns.open(aSyncRun({ organizationId: withRun!.organizationId, connectionId: withRun!.id })));
    await expectRight(adapters.syncSchedule.pause(paused!.organizationId, paused!.id, { at: now, reason: 'refused' }));
    await expectRight(adapters.syncSchedule.pause(pausedThenChanged!.organizationId, pausedThenChanged!.id, { at: new Date(now.getTime() - 1000), reason: 'refused' }));
    await expectRight(adapters.connections.update({ ...pausedThenChanged!, name: 'renamed', updatedAt: now }));
    await one.em.fork().execute(`update integration_connections set polling_enabled = false where id = '${connections[3]!.id}'`);
    await one.em.fork().execute(`update integration_connections set enabled = false where id = '${connections[4]!.id}'`);
    const claimed = (await expectRight(adapters.syncSchedule.claimDue(now, policy, 100))).map((due) => due.connectionId);
    expect(claimed).to.have.length(36);
    expect(claimed).to.include(pausedThenChanged!.id);
    expect(claimed).to.not.include.members([withRun!.id, paused!.id, connections[3]!.id, connections[4]!.id]);
  });

  it('sweeps a connection once its sweep is due and its sync is not', async () => {
    const adapters = createPostgresAdapters(one);
    await expectRight(adapters.syncSchedule.claimDue(now, policy, 100));
    const later = new Date(now.getTime() + 2 * 86_400_000 - 400_000);
    await one.em.fork().execute(`update integration_connections set next_sync_at = '${new Date(later.getTime() + 60_000).toISOString()}'`);
    const due = await expectRight(adapters.syncSchedule.claimDue(later, policy, 100));
    expect(due).to.have.length(40);
    expect(due.every((d) => d.mode === 'sweep')).to.equal(true);
  });
});
