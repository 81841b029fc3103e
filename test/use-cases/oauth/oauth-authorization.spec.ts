import { expect } from 'chai';
import { MEMORY_OAUTH_SITE, memoryOAuthProvider } from '../../../adapters/memory/index.js';
import { asEntityId, OAUTH_STATE_TTL_MS, type OAuthOutcome } from '../../../core/index.js';
import { aConnectionInput } from '../../builders/connection-input-builder.js';
import { left, right, requester } from '../../builders/harness.js';
import { anotherTracker } from '../../builders/tracker-providers.js';
import { ALICE, createOAuthHarness, MALLORY, REDIRECT_URI, type OAuthHarness } from './oauth-harness.js';

const SECOND_SITE = { id: 'second-site', name: 'second', url: 'https://second.tracker.test', scopes: ['read:work'] };

const connectedIn = (outcome: OAuthOutcome) => {
  if (outcome.status !== 'connected') return expect.fail(`expected a connection, got ${outcome.status}`);
  return outcome.connection;
};

describe('OAuth authorization (use cases)', () => {
  let h: OAuthHarness;
  beforeEach(() => (h = createOAuthHarness()));

  it('finishes an authorization bound to a browser only with that browser\'s binding, and spends the state either way', async () => {
    const start = await right(h.startOAuth('tracker', ALICE, {}, 'digest-of-alices-cookie'));
    const state = new URL(start.authorizationUrl).searchParams.get('state')!;
    const code = h.adapters.oauthProvider.consent(REDIRECT_URI);
    expect(await left(h.completeOAuth('tracker', { state, code }, 'digest-of-another-cookie'))).to.include({ _tag: 'OAuthFailed', reason: 'browser-mismatch' });
    expect(await left(h.completeOAuth('tracker', { state, code }, 'digest-of-alices-cookie'))).to.include({ reason: 'state-invalid' });
    const again = await right(h.startOAuth('tracker', ALICE, {}, 'digest-of-alices-cookie'));
    const next = { state: new URL(again.authorizationUrl).searchParams.get('state')!, code: h.adapters.oauthProvider.consent(REDIRECT_URI) };
    expect(await right(h.completeOAuth('tracker', next, 'digest-of-alices-cookie'))).to.include({ status: 'connected' });
  });

  it('starts with the provider’s consent URL for an allowed redirect URI, and refuses any other', async () => {
    const { authorizationUrl } = await right(h.oauth.start(ALICE, { redirectUri: REDIRECT_URI }));
    expect(new URL(authorizationUrl).searchParams.get('redirect_uri')).to.equal(REDIRECT_URI);
    expect(await left(h.oauth.start(ALICE, { redirectUri: 'https://evil.example/steal' }))).to.deep.include({
      _tag: 'InvalidInput',
      details: [{ path: 'redirectUri', message: 'is not an allowed redirect URI' }],
    });
  });

  it('connects the one site of a grant, in the organization that started it, showing no token', async () => {
    const connection = connectedIn(await right(h.oauth.callback(await h.consented())));
    expect(connection).to.deep.include({ provider: 'tracker', authType: 'oauth2', baseUrl: MEMORY_OAUTH_SITE.url, site: 'acme.tracker.test', email: null, hasApiToken: false, authorizationStatus: 'active' });
    expect(connection.oauth).to.deep.include({ siteId: MEMORY_OAUTH_SITE.id, scopes: ['read:work', 'offline_access'] });
    expect((await right(h.listConnections(ALICE.organizationId))).map((c) => c.id)).to.deep.equal([connection.id]);
    expect(await right(h.listConnections(MALLORY.organizationId))).to.deep.equal([]);
    const stored = h.adapters.state.connections.get(connection.id)!;
    const grant = stored.credentials.oauth ?? expect.fail('expected OAuth credentials');
    expect(JSON.stringify(connection)).not.to.contain(grant.accessToken).and.not.to.contain(grant.refreshToken);
  });

  it('refuses a state used once already, one it never issued, and one older than five minutes', async () => {
    const first = await h.consented();
    await right(h.oauth.callback(first));
    expect(await left(h.oauth.callback({ ...first, code: h.adapters.oauthProvider.consent(REDIRECT_URI) }))).to.include({ _tag: 'OAuthFailed', reason: 'state-invalid' });
    const tampered = await h.consented();
    expect(await left(h.oauth.callback({ ...tampered, state: `${tampered.state}x` }))).to.include({ reason: 'state-invalid' });
    expect(await left(h.oauth.callback({ code: tampered.code }))).to.include({ reason: 'state-invalid' });
    const late = await h.consented();
    h.adapters.clock.advance(OAUTH_STATE_TTL_MS);
    expect(await left(h.oauth.callback(late))).to.include({ _tag: 'OAuthFailed', reason: 'state-expired' });
  });

  it('connects nothing when the person declines, and the state is spent', async () => {
    const state = await h.stateFor();
    expect(await left(h.oauth.callback({ state, error: 'access_denied', error_description: 'declined' }))).to.include({ _tag: 'OAuthFailed', reason: 'access-denied' });
    expect(await left(h.oauth.callback({ state, code: h.adapters.oauthProvider.consent(REDIRECT_URI) }))).to.include({ reason: 'state-invalid' });
    expect(h.adapters.state.connections.size).to.equal(0);
  });

  it('refuses a grant that reaches no site of the tracker, naming the tracker, and connects nothing', async () => {
    h.adapters.oauthProvider.setSites([]);
    const error = await left(h.oauth.callback(await h.consented()));
    expect(error).to.include({ _tag: 'OAuthFailed', reason: 'no-site' });
    expect(error._tag === 'OAuthFailed' && error.message).to.contain('Test Tracker');
    expect(h.adapters.state.connections.size).to.equal(0);
  });

  it('makes an OAuth and an API-token connection to the same site conflict', async () => {
    await right(h.createConnection(requester(ALICE.organizationId), aConnectionInput({ baseUrl: MEMORY_OAUTH_SITE.url })));
    expect(await left(h.oauth.callback(await h.consented()))).to.deep.equal({ _tag: 'ConnectionAlreadyExists', provider: 'tracker', baseUrl: MEMORY_OAUTH_SITE.url });
  });

  it('takes a state back only through the provider it was issued for, and is OAuthNotConfigured or ProviderNotFound for the others', async () => {
    const two = createOAuthHarness({ extraProviders: [anotherTracker('other-tracker', { oauth: memoryOAuthProvider() }), anotherTracker('plain-tracker')] });
    const state = await two.stateFor();
    expect(await left(two.completeOAuth('other-tracker', { state, code: two.adapters.oauthProvider.consent(REDIRECT_URI) }))).to.include({ _tag: 'OAuthFailed', reason: 'state-invalid' });
    expect(await left(two.oauth.callback({ state, code: two.adapters.oauthProvider.consent(REDIRECT_URI) }))).to.include({ reason: 'state-invalid' });
    expect(two.adapters.state.connections.size).to.equal(0);
    expect(await left(two.startOAuth('plain-tracker', ALICE, {}))).to.deep.equal({ _tag: 'OAuthNotConfigured', provider: 'plain-tracker' });
    expect(await left(two.startOAuth('no-such-tracker', ALICE, {}))).to.deep.equal({ _tag: 'ProviderNotFound', provider: 'no-such-tracker' });
    expect(await left(two.oauth.start(ALICE, { siteUrl: 'https://acme.tracker.test' }))).to.deep.include({ _tag: 'InvalidInput', details: [{ path: 'siteUrl', message: 'is not an allowed field' }] });
  });

  describe('a grant reaching several sites', () => {
    beforeEach(() => h.adapters.oauthProvider.setSites([MEMORY_OAUTH_SITE, SECOND_SITE]));

    const pending = async () => {
      const outcome = await right(h.oauth.callback(await h.consented()));
      if (outcome.status !== 'site-selection-required') return expect.fail('expected a selection');
      return outcome;
    };

    it('waits for a person of the organization to pick one, then connects only that one, once', async () => {
      const selection = await pending();
      expect(selection.sites.map((s) => s.siteId)).to.deep.equal([MEMORY_OAUTH_SITE.id, SECOND_SITE.id]);
      const { status: _status, ...shown } = selection;
      expect(await right(h.oauth.selection(ALICE.organizationId, asEntityId(selection.selectionId)))).to.deep.equal(shown);
      expect(await left(h.oauth.selection(MALLORY.organizationId, asEntityId(selection.selectionId)))).to.include({ reason: 'selection-not-found' });
      expect(await left(h.oauth.selectSite(MALLORY, { selectionId: selection.selectionId, siteId: SECOND_SITE.id }))).to.include({ reason: 'selection-not-found' });
      const connection = await right(h.oauth.selectSite(ALICE, { selectionId: selection.selectionId, siteId: SECOND_SITE.id }));
      expect(connection).to.include({ baseUrl: SECOND_SITE.url, site: 'second.tracker.test', authType: 'oauth2' });
      expect(connection.oauth).to.deep.include({ siteId: SECOND_SITE.id });
      expect(await left(h.oauth.selectSite(ALICE, { selectionId: selection.selectionId, siteId: MEMORY_OAUTH_SITE.id }))).to.include({ reason: 'selection-not-found' });
      expect(h.adapters.state.siteSelections.size).to.equal(0);
    });

    it('finds the newest pending selection offering the site when no id is given, until it expires', async () => {
      await pending();
      await right(h.oauth.selectSite(ALICE, { siteId: MEMORY_OAUTH_SITE.id }));
      await pending();
      h.adapters.clock.advance(10 * 60_000);
      expect(await left(h.oauth.selectSite(ALICE, { siteId: SECOND_SITE.id }))).to.include({ reason: 'selection-not-found' });
    });
  });
});
