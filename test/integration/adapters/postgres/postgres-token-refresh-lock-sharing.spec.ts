import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { MikroORM } from '../../../../adapters/postgres/index.js';
import { postgresTokenRefreshLock } from '../../../../adapters/postgres/postgres-token-refresh-lock.js';
import type { Connection, DomainError } from '../../../../core/index.js';
import { anId, anOrganization } from '../../../support/builders/ids.js';
import { anOAuthConnection } from '../../../support/builders/oauth-connection.js';
import { deferred } from '../../../support/either.js';
import { testDatabase } from '../../../support/test-database.js';

/** The server's own view: a session is blocked on an advisory lock (the second process, queued). */
const waitUntilSomeoneWaitsForAnAdvisoryLock = async (orm: MikroORM) => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const [row] = await orm.em.fork().execute<Array<{ n: string }>>("select count(*) as n from pg_locks where locktype = 'advisory' and not granted");
    if (Number(row?.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect.fail('the second process never queued for the lock');
};

describe('PostgreSQL token refresh lock shared by several processes', () => {
  const organizationId = anOrganization();

  it('makes a second process wait for the first one’s refresh, then run its own', async () => {
    const { url, orm } = await testDatabase();
    const [one, other] = [postgresTokenRefreshLock(url), postgresTokenRefreshLock(url)];
    const connectionId = anId();
    const events: string[] = [];
    const entered = deferred();
    const gate = deferred();
    const first: TE.TaskEither<DomainError, Connection> = async () => {
      events.push('first started');
      entered.resolve();
      await gate.promise;
      events.push('first stored');
      return E.right(anOAuthConnection({ id: connectionId }));
    };
    const second: TE.TaskEither<DomainError, Connection> = async () => {
      events.push('second started');
      return E.right(anOAuthConnection({ id: connectionId }));
    };
    const firstDone = one.withLock(organizationId, connectionId, first)();
    await entered.promise;
    const secondDone = other.withLock(organizationId, connectionId, second)();
    await waitUntilSomeoneWaitsForAnAdvisoryLock(orm);
    expect(events).to.deep.equal(['first started']);
    gate.resolve();
    await Promise.all([firstDone, secondDone]);
    expect(events).to.deep.equal(['first started', 'first stored', 'second started']);
  });
});
