import { expect } from 'chai';
import { MEMORY_OAUTH_SITE } from '../../../adapters/memory/index.js';
import { asEntityId, OAUTH_STATE_TTL_MS, type OAuthOutcome } from '../../../core/index.js';
import { aJiraConnectionInput } from '../../builders/connection-input-builder.js';
import { left, right } from '../../builders/harness.js';
import { ALICE, createOAuthHarness, MALLORY, REDIRECT_URI, type OAuthHarness } from './oauth-harness.js';

const SECOND_SITE = { cloudId: 'second-cloud', name: 'second', url: 'https://second.atlassian.net', scopes: ['read:jira-work'] };

const connectedIn = (outcome: OAuthOutcome) => {
  if (outcome.status !== 'connected') return expect.fail(`expected a connection, got ${outcome.status}`);
  return outcome.connection;
};

describe('OAuth authorization (use cases)', () => {
  let h: OAuthHarness;
  beforeEach(() => (h = createOAuthHarness()));

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
    expect(connection).to.deep.include({ authType: 'oauth2', baseUrl: MEMORY_OAUTH_SITE.url, email: null, hasApiToken: false, authorizationStatus: 'active' });
    expect(connection.oauth).to.deep.include({ cloudId: MEMORY_OAUTH_SITE.cloudId });
    expect((await right(h.listConnections(ALICE.organizationId))).map((c) => c.id)).to.deep.equal([connection.id]);
    expect(await right(h.listConnections(MALLORY.organizationId))).to.deep.equal([]);
    const stored = h.adapters.state.connections.get(connection.id)!;
    if (stored.credentials.kind !== 'oauth2') return expect.fail('expected OAuth credentials');
    expect(JSON.stringify(connection)).not.to.contain(stored.credentials.accessToken).and.not.to.contain(stored.credentials.refreshToken);
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

  it('refuses a grant that reaches no Jira site', async () => {
    h.adapters.oauthProvider.setSites([{ ...MEMORY_OAUTH_SITE, scopes: ['read:confluence-content.all'] }]);
    expect(await left(h.oauth.callback(await h.consented()))).to.include({ _tag: 'OAuthFailed', reason: 'no-jira-site' });
  });

  it('makes an OAuth and an API-token connection to the same site conflict', async () => {
    await right(h.createConnection(ALICE.organizationId, aJiraConnectionInput({ baseUrl: MEMORY_OAUTH_SITE.url })));
    expect(await left(h.oauth.callback(await h.consented()))).to.deep.equal({ _tag: 'ConnectionAlreadyExists', provider: 'jira', baseUrl: MEMORY_OAUTH_SITE.url });
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
      expect(selection.sites.map((s) => s.cloudId)).to.deep.equal([MEMORY_OAUTH_SITE.cloudId, SECOND_SITE.cloudId]);
      const { status: _status, ...shown } = selection;
      expect(await right(h.oauth.selection(ALICE.organizationId, asEntityId(selection.selectionId)))).to.deep.equal(shown);
      expect(await left(h.oauth.selection(MALLORY.organizationId, asEntityId(selection.selectionId)))).to.include({ reason: 'selection-not-found' });
      expect(await left(h.oauth.selectSite(MALLORY, { selectionId: selection.selectionId, cloudId: SECOND_SITE.cloudId }))).to.include({ reason: 'selection-not-found' });
      const connection = await right(h.oauth.selectSite(ALICE, { selectionId: selection.selectionId, cloudId: SECOND_SITE.cloudId }));
      expect(connection).to.include({ baseUrl: SECOND_SITE.url, authType: 'oauth2' });
      expect(await left(h.oauth.selectSite(ALICE, { selectionId: selection.selectionId, cloudId: MEMORY_OAUTH_SITE.cloudId }))).to.include({ reason: 'selection-not-found' });
      expect(h.adapters.state.siteSelections.size).to.equal(0);
    });

    it('finds the newest pending selection offering the site when no id is given, until it expires', async () => {
      await pending();
      await right(h.oauth.selectSite(ALICE, { cloudId: MEMORY_OAUTH_SITE.cloudId }));
      await pending();
      h.adapters.clock.advance(10 * 60_000);
      expect(await left(h.oauth.selectSite(ALICE, { cloudId: SECOND_SITE.cloudId }))).to.include({ reason: 'selection-not-found' });
    });
  });
});
