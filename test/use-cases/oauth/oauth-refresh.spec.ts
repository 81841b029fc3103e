import { expect } from 'chai';
import { MEMORY_OAUTH_SITE, memoryIssueSource, memorySyncQueue, runSyncsInline } from '../../../adapters/memory/index.js';
import { asEntityId, secretContext, sourceUnavailable, syncNow, type IssueSource, type OAuthGrant } from '../../../core/index.js';
import { providerRegistry } from '../../../adapters/providers/shared/registry.js';
import { someIssues } from '../../builders/source-issue-builder.js';
import { left, right, requester } from '../../builders/harness.js';
import { ALICE, createOAuthHarness, type OAuthHarness } from './oauth-harness.js';

/** Fifty-five minutes after the grant, the hour-long access token is within five minutes of expiring. */
const NEAR_EXPIRY_MS = 55 * 60_000;

describe('OAuth token refresh (use cases)', () => {
  let h: OAuthHarness;
  let id: ReturnType<typeof asEntityId>;
  beforeEach(async () => {
    h = createOAuthHarness();
    const outcome = await right(h.oauth.callback(await h.consented()));
    id = asEntityId(outcome.status === 'connected' ? outcome.connection.id : expect.fail('expected a connection'));
  });

  const stored = () => h.adapters.state.connections.get(id)!;
  const grant = (): OAuthGrant => stored().credentials.oauth ?? expect.fail('expected OAuth');
  const plainAccessToken = () => right(h.adapters.cipher.decrypt(grant().accessToken, secretContext(ALICE.organizationId, id, 'oauthAccessToken')));
  /** The use cases' dependencies with the fake tracker reading items through `issues`. */
  // The sync's job runs in this process over the same dependencies, reading through `issues`.
  const readingThrough = (issues: IssueSource) =>
    runSyncsInline({ ...h.adapters, syncQueue: memorySyncQueue({ maxAttempts: 1 }), providers: providerRegistry([{ ...h.adapters.provider, issues }]) });
  const test = () => h.testConnection(ALICE.organizationId, id);

  it('uses a token that is not about to expire as it is', async () => {
    h.adapters.clock.advance(NEAR_EXPIRY_MS - 1);
    expect(await right(test())).to.include({ connected: true });
    expect(h.adapters.oauthProvider.refreshCount()).to.equal(0);
  });

  it('refreshes a token within five minutes of expiring, stores the rotated pair encrypted, and calls with the new one', async () => {
    const before = grant();
    h.adapters.issueSource.rejectToken(await plainAccessToken());
    h.adapters.clock.advance(NEAR_EXPIRY_MS);
    expect(await right(test())).to.include({ connected: true });
    const after = grant();
    expect(h.adapters.oauthProvider.refreshCount()).to.equal(1);
    expect(after.refreshToken).not.to.equal(before.refreshToken);
    expect(after.expiresAt.getTime()).to.equal(h.adapters.clock.now().getTime() + 3600_000);
    expect(await right(test())).to.include({ connected: true });
    expect(h.adapters.oauthProvider.refreshCount()).to.equal(1);
  });

  it('lets twenty concurrent calls that all need a refresh share one', async () => {
    h.adapters.clock.advance(NEAR_EXPIRY_MS);
    const results = await Promise.all(Array.from({ length: 20 }, () => right(test())));
    expect(results.every((r) => r.connected)).to.equal(true);
    expect(h.adapters.oauthProvider.refreshCount()).to.equal(1);
  });

  it('marks the connection for reauthorization when its refresh token is refused, and never retries it', async () => {
    const lost = stored();
    h.adapters.clock.advance(NEAR_EXPIRY_MS);
    await right(test());
    // As if the rotated pair had never been stored: the spent refresh token comes back.
    h.adapters.state.connections.set(id, lost);
    expect(await left(test())).to.deep.equal({ _tag: 'ReauthorizationRequired', connectionId: id });
    expect(await right(h.getConnection(ALICE.organizationId, id))).to.include({ authorizationStatus: 'reauthorization_required' });
    expect(await left(h.sync(ALICE.organizationId, id))).to.deep.equal({ _tag: 'ReauthorizationRequired', connectionId: id });
    h.adapters.clock.advance(3600_000);
    expect(await left(test())).to.include({ _tag: 'ReauthorizationRequired' });
    expect(h.adapters.oauthProvider.refreshCount()).to.equal(2);
    expect(h.adapters.state.syncRuns.size).to.equal(0);
  });

  it('gives the same connection a new grant when its site is authorized again', async () => {
    const lost = stored();
    h.adapters.clock.advance(NEAR_EXPIRY_MS);
    await right(test());
    h.adapters.state.connections.set(id, lost);
    expect(await left(test())).to.include({ _tag: 'ReauthorizationRequired' });
    const again = await right(h.oauth.callback(await h.consented()));
    expect(again).to.deep.include({ status: 'connected' });
    expect(again.status === 'connected' && again.connection).to.include({ id, authorizationStatus: 'active' });
    expect(h.adapters.state.connections.size).to.equal(1);
    expect(await right(test())).to.include({ connected: true });
  });

  it('keeps the connection active when the provider cannot be reached, and refreshes on the next call', async () => {
    h.adapters.clock.advance(NEAR_EXPIRY_MS);
    h.adapters.oauthProvider.failNextRefresh(sourceUnavailable('auth.tracker.test did not answer'));
    expect(await left(test())).to.include({ _tag: 'SourceUnavailable' });
    expect(grant().status).to.equal('active');
    expect(await right(test())).to.include({ connected: true });
  });

  it('refreshes between pages when the token nears its expiry during a long sync', async () => {
    const source = memoryIssueSource(3);
    source.setIssues(MEMORY_OAUTH_SITE.url, someIssues(7));
    const slow = { ...source, searchIssues: (...args: Parameters<typeof source.searchIssues>) => (h.adapters.clock.advance(30 * 60_000), source.searchIssues(...args)) };
    const sync = syncNow(readingThrough(slow));
    const report = await right(sync({ organizationId: ALICE.organizationId, connectionId: id }));
    // Three pages, thirty minutes each: the third starts as the hour-long token expires.
    expect(report).to.include({ created: 7 });
    expect(h.adapters.oauthProvider.refreshCount()).to.equal(1);
  });

  it('reads the connection no more once a sync has refreshed its token', async () => {
    const source = memoryIssueSource(2);
    source.setIssues(MEMORY_OAUTH_SITE.url, someIssues(8));
    let reads = 0;
    const readsAtEachPage: number[] = [];
    const connections = { ...h.adapters.connections, findById: (...args: Parameters<typeof h.adapters.connections.findById>) => ((reads += 1), h.adapters.connections.findById(...args)) };
    const counting = {
      ...source,
      searchIssues: (...args: Parameters<typeof source.searchIssues>) => {
        readsAtEachPage.push(reads);
        if (readsAtEachPage.length === 1) h.adapters.clock.advance(NEAR_EXPIRY_MS);
        return source.searchIssues(...args);
      },
    };
    const through = runSyncsInline({ ...readingThrough(counting), syncQueue: memorySyncQueue({ maxAttempts: 1 }), connections });
    const report = await right(syncNow(through)({ organizationId: ALICE.organizationId, connectionId: id }));
    expect(report).to.include({ created: 8 });
    expect(h.adapters.oauthProvider.refreshCount()).to.equal(1);
    // Page 2 refreshed (and read the row to do so); pages 3 and 4 reuse what it stored.
    const [, second] = readsAtEachPage;
    // From page 2's call to the end only sync-now's read of the cursor remains: the run's checks that
    // its connection still exists and is enabled are read with its progress (recordProgress), not
    // through findById. A refresh would read more.
    expect(reads - second!).to.equal(1);
  });

  it('keeps an OAuth connection’s site and tokens out of reach of an edit', async () => {
    expect(await left(h.updateConnection(requester(ALICE.organizationId), id, { baseUrl: 'https://elsewhere.tracker.test', apiToken: 'x' }))).to.deep.include({
      _tag: 'InvalidInput',
      details: [
        { path: 'baseUrl', message: 'is not an allowed field: it cannot be changed on an OAuth connection; authorize again instead' },
        { path: 'apiToken', message: 'is not an allowed field: it cannot be changed on an OAuth connection; authorize again instead' },
      ],
    });
    // Refused beside whatever else is wrong, so one answer names every field to fix.
    const both = await left(h.updateConnection(requester(ALICE.organizationId), id, { apiToken: 'x', filter: 12 }));
    expect(both).to.have.property('details').that.deep.equals([
      { path: 'apiToken', message: 'is not an allowed field: it cannot be changed on an OAuth connection; authorize again instead' },
      { path: 'filter', message: 'must be a non-empty string of at most 100 characters' },
    ]);
    const before = stored();
    expect(await right(h.updateConnection(requester(ALICE.organizationId), id, { name: 'Renamed', filter: 'OPS' }))).to.include({ name: 'Renamed', filter: 'OPS' });
    expect(stored().credentials).to.deep.equal(before.credentials);
    expect(stored()).to.include({ baseUrl: before.baseUrl, site: before.site });
  });
});
