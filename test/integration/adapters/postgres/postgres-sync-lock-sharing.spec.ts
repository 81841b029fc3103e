import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { createOrm, createPostgresAdapters, type MikroORM } from '../../../../adapters/postgres/index.js';
import type { EntityId } from '../../../../core/index.js';
import { anId, anOrganization } from '../../../support/builders/ids.js';
import { deferred, expectLeft, expectRight } from '../../../support/either.js';
import { testDatabase } from '../../../support/test-database.js';

describe('PostgreSQL sync lock shared by several processes', () => {
  let one: MikroORM;
  let other: MikroORM;
  const organizationId = anOrganization();
  before(async () => {
    const { url } = await testDatabase();
    [one, other] = await Promise.all([createOrm(url), createOrm(url)]);
  });
  after(async () => Promise.all([one.close(), other.close()]));

  const holdOn = (orm: MikroORM, connectionId: EntityId) => {
    const entered = deferred();
    const gate = deferred();
    const work = () => (entered.resolve(), gate.promise.then(() => ({ _tag: 'Right' as const, right: 'held' })));
    const result = createPostgresAdapters(orm).syncLock.withLock(organizationId, connectionId, work)();
    return { entered: entered.promise, release: gate.resolve, result };
  };

  it('refuses a sync in one process while another process runs it', async () => {
    const connectionId = anId();
    const held = holdOn(one, connectionId);
    await held.entered;
    expect(await expectLeft(createPostgresAdapters(other).syncLock.withLock(organizationId, connectionId, TE.right('x')))).to.deep.equal({
      _tag: 'SyncInProgress',
      connectionId,
    });
    held.release();
    await held.result;
    expect(await expectRight(createPostgresAdapters(other).syncLock.withLock(organizationId, connectionId, TE.right('now')))).to.equal('now');
  });

  it('frees the lock of a process whose database connection died', async () => {
    const connectionId = anId();
    const held = holdOn(one, connectionId);
    await held.entered;
    await other.em.fork().execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'taskport-lock'");
    expect(await expectRight(createPostgresAdapters(other).syncLock.withLock(organizationId, connectionId, TE.right('taken over')))).to.equal('taken over');
    held.release();
    expect(await held.result).to.deep.equal({ _tag: 'Right', right: 'held' });
  });
});
