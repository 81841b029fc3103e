import { expect } from 'chai';
import { asEntityId, secretContext, type AuditEntry, type OrganizationId } from '../../../core/index.js';
import { aConnectionInput, TRACKER_API_TOKEN, TRACKER_BASE_URL, WEBHOOK_SECRET } from '../../builders/connection-input-builder.js';
import { ORG_A, ORG_B, requester, right, left } from '../../builders/harness.js';
import { someIssues } from '../../builders/source-issue-builder.js';
import { ALICE, createOAuthHarness, type OAuthHarness } from '../oauth/oauth-harness.js';

/** Secrets nobody could mistake for anything else: none may appear in any entry. */
const ROTATED_TOKEN = 'rotated-api-token-6c1f0e7a-SECRET';
const ROTATED_WEBHOOK_SECRET = 'rotated-webhook-secret-93ab2d-SECRET';
const ASKER = requester(ORG_A, 'ann', 'req-42');

describe('the audit log', () => {
  let h: OAuthHarness;
  /** Runs `action` and answers the entries it added, oldest first. */
  const auditing = async (action: () => Promise<unknown>, organizationId: OrganizationId = ORG_A): Promise<AuditEntry[]> => {
    const before = new Set(h.adapters.state.auditEntries.keys());
    await action();
    return [...h.adapters.state.auditEntries.values()].filter((e) => !before.has(e.id) && e.organizationId === organizationId);
  };
  const all = async (organizationId: OrganizationId = ORG_A) => (await right(h.listAuditEvents(organizationId, { limit: '500' }))).items;
  beforeEach(() => {
    h = createOAuthHarness({ pageSize: 2 });
  });

  it('records each change to connections, mappings, user mappings, modules and endpoints as exactly one entry', async () => {
    let connectionId = '';
    const created = await auditing(async () => (connectionId = (await right(h.createConnection(ASKER, aConnectionInput({ webhookSecret: WEBHOOK_SECRET })))).id));
    expect(created.map((e) => [e.action, e.actor, e.targetType, e.targetId, e.requestId])).to.deep.equal([['connection.created', 'ann', 'connection', connectionId, 'req-42']]);
    expect(created[0]!.summary).to.deep.include({ provider: 'tracker', baseUrl: TRACKER_BASE_URL, secretsSet: ['apiToken', 'webhookSecret'] });
    const id = asEntityId(connectionId);

    const updated = await auditing(() => right(h.updateConnection(ASKER, id, { name: 'Renamed', apiToken: ROTATED_TOKEN, webhookSecret: ROTATED_WEBHOOK_SECRET })));
    expect(updated.map((e) => e.action)).to.deep.equal(['connection.updated']);
    expect(updated[0]!.summary).to.deep.equal({
      changed: ['name', 'apiToken', 'webhookSecret'],
      changes: { name: { before: 'Acme Tracker', after: 'Renamed' } },
      secrets: ['apiToken rotated', 'webhookSecret rotated'],
    });
    expect((await auditing(() => right(h.updateConnection(ASKER, id, { enabled: false })))).map((e) => e.action)).to.deep.equal(['connection.disabled']);
    expect((await auditing(() => right(h.updateConnection(ASKER, id, { enabled: true, filter: 'OPS' })))).map((e) => e.action)).to.deep.equal(['connection.updated', 'connection.enabled']);
    expect(await auditing(() => right(h.updateConnection(ASKER, id, { name: 'Renamed' })))).to.deep.equal([]);

    const mappings = await auditing(() => right(h.replaceMappings(ASKER, id, { status: { Blocked: 'todo', default: 'backlog' }, priority: { default: 'low' } })));
    expect(mappings.map((e) => e.action)).to.deep.equal(['mappings.replaced']);
    expect(mappings[0]!.summary).to.have.nested.property('after.status.Blocked', 'todo');
    expect(mappings[0]!.summary).to.have.nested.property('before.priority.default', 'medium');

    let mappingId = '';
    const mapped = await auditing(async () => (mappingId = (await right(h.createUserMapping(ASKER, { externalSystem: 'tracker', externalEmail: 'bob@acme.test', resourceId: 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11' }))).mapping.id));
    expect(mapped.map((e) => [e.action, e.targetId])).to.deep.equal([['user_mapping.created', mappingId]]);
    expect((await auditing(() => right(h.deleteUserMapping(ASKER, asEntityId(mappingId))))).map((e) => [e.action, e.targetId])).to.deep.equal([['user_mapping.deleted', mappingId]]);

    const switched = await auditing(() => right(h.updateWorkspaceModule(ASKER, { workspaceId: 'ws-1', moduleKey: 'external-tasks' }, { enabled: false, config: { token: 'product-config-value' } })));
    expect(switched.map((e) => [e.action, e.targetId, e.summary])).to.deep.equal([
      ['workspace_module.switched', 'ws-1/external-tasks', { workspaceId: 'ws-1', moduleKey: 'external-tasks', enabled: { before: true, after: false }, configReplaced: true }],
    ]);

    let endpointId = '';
    const endpoint = await auditing(async () => (endpointId = (await right(h.createEventEndpoint(ASKER, { url: 'https://hooks.product.test/in' }))).id));
    expect(endpoint.map((e) => e.action)).to.deep.equal(['event_endpoint.created']);
    const rotated = await auditing(() => right(h.updateEventEndpoint(ASKER, asEntityId(endpointId), { rotateSecret: true })));
    expect(rotated.map((e) => [e.action, e.summary.secrets])).to.deep.equal([['event_endpoint.updated', ['signingSecret rotated']]]);
    expect((await auditing(() => right(h.deleteEventEndpoint(ASKER, asEntityId(endpointId))))).map((e) => e.action)).to.deep.equal(['event_endpoint.deleted']);

    const deleted = await auditing(() => right(h.deleteConnection(ASKER, id)));
    expect(deleted.map((e) => [e.action, e.targetId])).to.deep.equal([['connection.deleted', connectionId]]);
    expect(await auditing(() => left(h.deleteConnection(ASKER, id)))).to.deep.equal([]);
  });

  it('records a sync run when it starts and when it finishes, with its counts and status, as the one who asked', async () => {
    const { id } = await right(h.createConnection(ASKER, aConnectionInput()));
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(3));
    const entries = await auditing(() => right(h.syncNow({ organizationId: ORG_A, connectionId: asEntityId(id), origin: ASKER })));
    expect(entries.map((e) => [e.action, e.actor, e.requestId])).to.deep.equal([
      ['sync_run.started', 'ann', 'req-42'],
      ['sync_run.finished', 'ann', 'req-42'],
    ]);
    expect(entries[1]!.summary).to.deep.equal({ connectionId: id, status: 'succeeded', counts: { issuesProcessed: 3, created: 3, updated: 0, unchanged: 0, skipped: 0, quarantined: 0 }, error: null });
    const scheduled = await auditing(() => right(h.syncNow({ organizationId: ORG_A, connectionId: asEntityId(id), trigger: 'schedule' })));
    expect(scheduled.map((e) => e.actor)).to.deep.equal(['system:scheduler', 'system:scheduler']);
  });

  it('records an OAuth connection, its reauthorization and a refused refresh, each once', async () => {
    const oauth = h;
    const connected = await auditing(async () => right(oauth.oauth.callback(await oauth.consented())));
    expect(connected.map((e) => [e.action, e.actor])).to.deep.equal([['connection.oauth_connected', ALICE.actor]]);
    const id = asEntityId(connected[0]!.targetId);
    const lost = h.adapters.state.connections.get(id)!;
    h.adapters.clock.advance(55 * 60_000);
    await right(h.testConnection(ORG_A, id));
    h.adapters.state.connections.set(id, lost);
    const refused = await auditing(() => left(h.testConnection(ORG_A, id)));
    expect(refused.map((e) => [e.action, e.actor, e.targetId])).to.deep.equal([['connection.oauth_refresh_refused', 'system:taskport', id]]);
    const told = [...h.adapters.state.outbox.values()].map((row) => row.event).filter((e) => e.type === 'connection.authorization_required');
    expect(told.map((e) => [e.connectionId, e.data.provider])).to.deep.equal([[id, 'tracker']]);
    const again = await auditing(async () => right(oauth.oauth.callback(await oauth.consented())));
    expect(again.map((e) => [e.action, e.targetId])).to.deep.equal([['connection.oauth_reauthorized', id]]);
    const tokens = await Promise.all(
      (['oauthAccessToken', 'oauthRefreshToken'] as const).map((field) =>
        right(h.adapters.cipher.decrypt(h.adapters.state.connections.get(id)!.credentials.oauth![field === 'oauthAccessToken' ? 'accessToken' : 'refreshToken'], secretContext(ORG_A, id, field))),
      ),
    );
    expect(JSON.stringify(await all())).not.to.contain(tokens[0]).and.not.to.contain(tokens[1]);
  });

  it('never holds a secret value, and shows another organization nothing', async () => {
    const { id } = await right(h.createConnection(ASKER, aConnectionInput({ webhookSecret: WEBHOOK_SECRET })));
    await right(h.updateConnection(ASKER, asEntityId(id), { apiToken: ROTATED_TOKEN, webhookSecret: ROTATED_WEBHOOK_SECRET }));
    await right(h.updateConnection(ASKER, asEntityId(id), { webhookSecret: null }));
    const { signingSecret, id: endpointId } = await right(h.createEventEndpoint(ASKER, { url: 'https://hooks.product.test/in' }));
    const { signingSecret: rotated } = await right(h.updateEventEndpoint(ASKER, asEntityId(endpointId), { rotateSecret: true }));
    await right(h.deleteConnection(ASKER, asEntityId(id)));
    const text = JSON.stringify(await all());
    for (const secret of [TRACKER_API_TOKEN, WEBHOOK_SECRET, ROTATED_TOKEN, ROTATED_WEBHOOK_SECRET, signingSecret, rotated!]) expect(text).not.to.contain(secret);
    expect(text).to.contain('webhookSecret removed');
    expect(await all(ORG_B)).to.deep.equal([]);
    expect((await right(h.listAuditEvents(ORG_B, { targetId: id }))).items).to.deep.equal([]);
  });

  it('lists newest first, filtered, with a cursor, and refuses a cursor it never gave', async () => {
    for (const name of ['one', 'two', 'three']) {
      await right(h.createConnection(ASKER, aConnectionInput({ name, baseUrl: `https://${name}.tracker.test` })));
      h.adapters.clock.advance(1_000);
    }
    const page = await right(h.listAuditEvents(ORG_A, { limit: '2', action: 'connection.created', actor: 'ann' }));
    expect(page.items.map((e) => e.summary.name)).to.deep.equal(['three', 'two']);
    const rest = await right(h.listAuditEvents(ORG_A, { limit: '2', action: 'connection.created', cursor: page.nextCursor! }));
    expect(rest.items.map((e) => e.summary.name)).to.deep.equal(['one']);
    expect(rest.nextCursor).to.equal(null);
    expect(await left(h.listAuditEvents(ORG_A, { cursor: 'nope' }))).to.deep.include({ _tag: 'InvalidQuery' });
    expect(await left(h.listAuditEvents(ORG_A, { action: 'connection.renamed' }))).to.deep.include({ _tag: 'InvalidQuery' });
  });
});
