import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { invalidInput, type OAuthProfile, type Provider, type SourceConnection } from '../../../core/index.js';
import { memoryOAuthProvider } from '../../../adapters/memory/index.js';
import { anotherTracker } from '../../builders/tracker-providers.js';
import { createHarness, id, left, right } from '../../builders/harness.js';
import { ALICE, REDIRECT_URI } from './oauth-harness.js';

/** A tracker whose OAuth start takes a filter, and whose settings check refuses the filter `BAD`, remembering what it was given. */
const checkedTracker = () => {
  const server = memoryOAuthProvider([REDIRECT_URI]);
  const oauth: OAuthProfile = {
    ...server,
    decodeStart: (body) => E.right({ baseUrl: null, settings: typeof body.filter === 'string' ? { filter: body.filter } : {}, secrets: {} }),
  };
  const seen: SourceConnection[] = [];
  const provider: Provider = {
    ...anotherTracker('checked', { oauth }),
    checkSettings: (connection) => {
      seen.push(connection);
      return connection.settings.filter === 'BAD' ? TE.left(invalidInput([{ path: 'filter', message: 'names a field the tracker lacks' }])) : TE.right(undefined);
    },
  };
  return { provider, server, seen };
};

describe('the settings check of OAuth connections', () => {
  const setup = () => {
    const tracker = checkedTracker();
    const h = createHarness({ extraProviders: [tracker.provider] });
    const authorize = async (body: Record<string, unknown>) => {
      const started = await right(h.startOAuth('checked', ALICE, body));
      const state = new URL(started.authorizationUrl).searchParams.get('state')!;
      return h.completeOAuth('checked', { state, code: tracker.server.consent(REDIRECT_URI) })();
    };
    return { h, tracker, authorize };
  };

  it('runs at the callback with the grant’s own token, and a refusal connects nothing', async () => {
    const { h, tracker, authorize } = setup();
    const refused = await authorize({ filter: 'BAD' });
    expect(E.isLeft(refused) && refused.left).to.deep.include({ _tag: 'InvalidInput' });
    expect(tracker.seen[0]!.oauth?.accessToken).to.match(/^at-/);
    expect(await right(h.listConnections(ALICE.organizationId))).to.deep.equal([]);
    const connected = await authorize({ filter: 'OK' });
    expect(E.isRight(connected) && connected.right.status).to.equal('connected');
  });

  it('runs on a change of an OAuth connection’s settings, with a token refreshed first when it nears expiry', async () => {
    const { h, tracker, authorize } = setup();
    const connected = await authorize({ filter: 'OK' });
    const connectionId = E.isRight(connected) && connected.right.status === 'connected' ? connected.right.connection.id : expect.fail('not connected');
    const granted = tracker.seen.at(-1)!.oauth!.accessToken;
    expect(await left(h.updateConnection(ALICE, id(connectionId), { filter: 'BAD' }))).to.deep.include({ _tag: 'InvalidInput' });
    expect(tracker.server.refreshCount()).to.equal(0);
    h.adapters.clock.advance(56 * 60_000);
    await right(h.updateConnection(ALICE, id(connectionId), { filter: 'OK again' }));
    expect(tracker.server.refreshCount()).to.equal(1);
    const checkedWith = tracker.seen.at(-1)!;
    expect([checkedWith.settings.filter, checkedWith.oauth!.accessToken === granted]).to.deep.equal(['OK again', false]);
  });
});
