import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { persistenceFailure, type Connection, type TokenRefreshLock } from '../../core/index.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { anOAuthConnection } from '../support/builders/oauth-connection.js';
import { deferred, expectLeft, expectRight } from '../support/either.js';

export interface TokenRefreshLockSubject {
  readonly tokenRefreshLock: TokenRefreshLock;
}

/** A refresh that counts its runs and waits for the test to let it finish. */
const gatedRefresh = (answer: E.Either<ReturnType<typeof persistenceFailure>, Connection>) => {
  const gate = deferred();
  const entered = deferred();
  let runs = 0;
  const refresh: TE.TaskEither<ReturnType<typeof persistenceFailure>, Connection> = async () => {
    runs += 1;
    entered.resolve();
    await gate.promise;
    return answer;
  };
  return { refresh, entered: entered.promise, release: gate.resolve, runs: () => runs };
};

export const describeTokenRefreshLockContract = (name: string, setup: () => Promise<TokenRefreshLockSubject>) =>
  describe(`TokenRefreshLock contract (${name})`, () => {
    let lock: TokenRefreshLock;
    const organizationId = anOrganization();
    beforeEach(async () => ({ tokenRefreshLock: lock } = await setup()));

    it('runs the refresh and answers its outcome, a failure included', async () => {
      const connection = anOAuthConnection();
      expect(await expectRight(lock.withLock(organizationId, connection.id, TE.right(connection)))).to.equal(connection);
      expect(await expectLeft(lock.withLock(organizationId, connection.id, TE.left(persistenceFailure('down'))))).to.include({ message: 'down' });
    });

    it('lets twenty concurrent callers of one connection share a single refresh', async () => {
      const connectionId = anId();
      const refreshed = anOAuthConnection({ id: connectionId });
      const gated = gatedRefresh(E.right(refreshed));
      const callers = Array.from({ length: 20 }, () => lock.withLock(organizationId, connectionId, gated.refresh)());
      await gated.entered;
      gated.release();
      const outcomes = await Promise.all(callers);
      expect(gated.runs()).to.equal(1);
      expect(outcomes.every((o) => E.isRight(o) && o.right === refreshed)).to.equal(true);
    });

    it('runs a new refresh once the previous one has finished', async () => {
      const connectionId = anId();
      let runs = 0;
      const refresh = TE.fromIO(() => ((runs += 1), anOAuthConnection({ id: connectionId })));
      await expectRight(lock.withLock(organizationId, connectionId, refresh));
      await expectRight(lock.withLock(organizationId, connectionId, refresh));
      expect(runs).to.equal(2);
    });

    it('refreshes other connections, and the same id of another organization, meanwhile', async () => {
      const connectionId = anId();
      const held = gatedRefresh(E.right(anOAuthConnection({ id: connectionId })));
      const first = lock.withLock(organizationId, connectionId, held.refresh)();
      await held.entered;
      await expectRight(lock.withLock(organizationId, anId(), TE.right(anOAuthConnection())));
      await expectRight(lock.withLock(anOrganization(), connectionId, TE.right(anOAuthConnection())));
      held.release();
      expect(E.isRight(await first)).to.equal(true);
    });
  });
