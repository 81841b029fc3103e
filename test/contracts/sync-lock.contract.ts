import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { persistenceFailure, type SyncLock } from '../../core/index.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { deferred, expectLeft, expectRight } from '../support/either.js';

export interface SyncLockSubject {
  readonly syncLock: SyncLock;
}

export const describeSyncLockContract = (name: string, setup: () => Promise<SyncLockSubject>) =>
  describe(`SyncLock contract (${name})`, () => {
    let syncLock: SyncLock;
    const organizationId = anOrganization();
    beforeEach(async () => ({ syncLock } = await setup()));

    /** Takes the lock and keeps it until `release` is called. */
    const hold = async (connectionId = anId(), organization = organizationId) => {
      const entered = deferred();
      const gate = deferred();
      const work = () => (entered.resolve(), gate.promise.then(() => ({ _tag: 'Right' as const, right: 'first' })));
      const result = syncLock.withLock(organization, connectionId, work)();
      await entered.promise;
      return { connectionId, result, release: gate.resolve };
    };

    it('runs the work and answers its result', async () => {
      expect(await expectRight(syncLock.withLock(organizationId, anId(), TE.right(42)))).to.equal(42);
    });

    it('refuses a second sync of a held connection at once, and lets the first finish', async () => {
      const held = await hold();
      const refused = await expectLeft(syncLock.withLock(organizationId, held.connectionId, TE.right('second')));
      expect(refused).to.deep.equal({ _tag: 'SyncInProgress', connectionId: held.connectionId });
      held.release();
      expect(await held.result).to.deep.equal({ _tag: 'Right', right: 'first' });
    });

    it('lets other connections, and the same id in another organization, sync meanwhile', async () => {
      const held = await hold();
      expect(await expectRight(syncLock.withLock(organizationId, anId(), TE.right('other')))).to.equal('other');
      expect(await expectRight(syncLock.withLock(anOrganization(), held.connectionId, TE.right('tenant')))).to.equal('tenant');
      held.release();
      await held.result;
    });

    it('releases the lock whatever the work ends with', async () => {
      const connectionId = anId();
      const failure = persistenceFailure('work failed');
      expect(await expectLeft(syncLock.withLock(organizationId, connectionId, TE.left(failure)))).to.deep.equal(failure);
      const crash = syncLock.withLock(organizationId, connectionId, () => Promise.reject(new Error('bug')));
      await crash().then(
        () => expect.fail('the crash should reach the caller'),
        (error: Error) => expect(error.message).to.equal('bug'),
      );
      expect(await expectRight(syncLock.withLock(organizationId, connectionId, TE.right('again')))).to.equal('again');
    });
  });
