import { expect } from 'chai';
import { TRACKER_API_TOKEN, WEBHOOK_SECRET, aConnectionInput } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, left, right, type Harness, requester } from '../builders/harness.js';
import { secretContext, type Ciphertext, type PublicConnection, type StoredCredentials } from '../../core/index.js';

const apiTokenOf = (credentials: StoredCredentials): Ciphertext =>
  credentials.authMode === 'api-token' && credentials.secrets.apiToken !== undefined ? credentials.secrets.apiToken : expect.fail('expected API-token credentials');

describe('connections', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  const storedCiphertexts = (): string[] =>
    [...h.adapters.state.connections.values()].flatMap((c) => [apiTokenOf(c.credentials), ...(c.webhookSecret === null ? [] : [c.webhookSecret])]);

  const expectNoSecretIn = (value: unknown) => {
    const json = JSON.stringify(value);
    expect(json).not.to.contain(TRACKER_API_TOKEN);
    expect(json).not.to.contain(WEBHOOK_SECRET);
    for (const ciphertext of storedCiphertexts()) expect(json).not.to.contain(ciphertext);
  };

  it('creates a connection whose public view says which secrets are set and shows none of them', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput({ webhookSecret: WEBHOOK_SECRET })));

    expect(created).to.include({ provider: 'tracker', name: 'Acme Tracker', baseUrl: 'https://acme.tracker.test', site: 'acme.tracker.test', hasApiToken: true, hasWebhookSecret: true });
    expect(created).to.include({ email: 'integrations@acme.example', filter: null, oauth: null });
    expect(created).to.include({ pollingEnabled: false, enabled: true, authType: 'api-token' });
    expect(created.syncState).to.deep.equal({ cursor: null, lastSyncAt: null, lastSyncStatus: 'never', lastSyncError: null });
    expectNoSecretIn(created);
    expectNoSecretIn(await right(h.listConnections(ORG_A)));
    expectNoSecretIn(await right(h.getConnection(ORG_A, id(created.id))));
  });

  it('stores secrets only as ciphertext bound to the organization and connection', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput({ webhookSecret: WEBHOOK_SECRET })));
    const stored = h.adapters.state.connections.get(created.id)!;

    expect(apiTokenOf(stored.credentials)).not.to.contain(TRACKER_API_TOKEN);
    const context = secretContext(ORG_A, stored.id, 'apiToken');
    expect(await right(h.adapters.cipher.decrypt(apiTokenOf(stored.credentials), context))).to.equal(TRACKER_API_TOKEN);
    const elsewhere = secretContext(ORG_A, stored.id, 'webhookSecret');
    expect(await left(h.adapters.cipher.decrypt(apiTokenOf(stored.credentials), elsewhere))).to.include({ _tag: 'SecretUnreadable' });
  });

  it('refuses a second connection of the organization to the same provider and base URL', async () => {
    await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    const error = await left(h.createConnection(requester(ORG_A), aConnectionInput({ baseUrl: 'https://ACME.tracker.test/' })));
    expect(error).to.deep.include({ _tag: 'ConnectionAlreadyExists', provider: 'tracker' });
  });

  it('names every offending field of an invalid body', async () => {
    const error = await left(
      h.createConnection(requester(ORG_A), { type: 'tracker', baseUrl: 'not a url', email: 'nobody', apiToken: '', organizationId: 'org-b' }),
    );
    expect(error._tag).to.equal('InvalidInput');
    const paths = error._tag === 'InvalidInput' ? error.details.map((d) => d.path) : [];
    expect(paths).to.have.members(['organizationId', 'baseUrl', 'email', 'apiToken']);
  });

  it('rejects an unknown provider and a missing body', async () => {
    const unknown = await left(h.createConnection(requester(ORG_A), aConnectionInput({ type: 'trello' })));
    expect(unknown).to.deep.include({ _tag: 'InvalidInput' });
    expect(unknown._tag === 'InvalidInput' && unknown.details.map((d) => d.path)).to.deep.equal(['type']);
    const missing = await left(h.createConnection(requester(ORG_A), undefined));
    expect(missing).to.deep.include({ _tag: 'InvalidInput' });
  });

  it('refuses a base URL the policy refuses, naming the field', async () => {
    const error = await left(h.createConnection(requester(ORG_A), aConnectionInput({ baseUrl: 'https://user:pw@acme.tracker.test' })));
    expect(error).to.deep.equal({ _tag: 'InvalidInput', message: 'The input is invalid', details: [{ path: 'baseUrl', message: 'must not contain credentials' }] });
  });

  it('rotates the API token and the webhook secret, and removes the secret with null', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput({ webhookSecret: WEBHOOK_SECRET })));
    const before = h.adapters.state.connections.get(created.id)!;

    const rotated = await right(h.updateConnection(requester(ORG_A), id(created.id), { apiToken: 'new-token', webhookSecret: null }));
    const after = h.adapters.state.connections.get(created.id)!;

    expect(rotated.hasWebhookSecret).to.equal(false);
    expect(apiTokenOf(after.credentials)).not.to.equal(apiTokenOf(before.credentials));
    const context = secretContext(ORG_A, after.id, 'apiToken');
    expect(await right(h.adapters.cipher.decrypt(apiTokenOf(after.credentials) as Ciphertext, context))).to.equal('new-token');
  });

  it('changes filter, project mappings and switches, keeping what was not given', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    const updated: PublicConnection = await right(
      h.updateConnection(requester(ORG_A), id(created.id), { filter: 'OPS', projectMappings: [{ projectKey: 'OPS' }], enabled: false }),
    );
    expect(updated).to.include({ filter: 'OPS', enabled: false, name: 'Acme Tracker', email: created.email, hasApiToken: true });
    expect(updated.mappings.projects).to.deep.equal([{ projectKey: 'OPS', internalProjectId: null }]);
    expect(updated.projectScope).to.deep.equal([]);
  });

  it('keeps the project scope apart from the project mappings: set on create, replaced on update, each key once', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput({ projectScope: ['OPS', ' WEB', 'ops'], projectMappings: [{ projectKey: 'PROJ', internalProjectId: 'p-1' }] })));
    expect(created.projectScope).to.deep.equal(['OPS', 'WEB']);
    expect(created.mappings.projects).to.deep.equal([{ projectKey: 'PROJ', internalProjectId: 'p-1' }]);
    const widened = await right(h.updateConnection(requester(ORG_A), id(created.id), { projectScope: [] }));
    expect([widened.projectScope, widened.mappings.projects]).to.deep.equal([[], [{ projectKey: 'PROJ', internalProjectId: 'p-1' }]]);
    await right(h.updateConnection(requester(ORG_A), id(created.id), { projectScope: ['OPS'] }));
    expect((await right(h.updateConnection(requester(ORG_A), id(created.id), { projectScope: null }))).projectScope).to.deep.equal([]);
    const tooMany = await left(h.updateConnection(requester(ORG_A), id(created.id), { projectScope: Array.from({ length: 101 }, (_, i) => `P${i}`) }));
    expect(tooMany).to.deep.include({ _tag: 'InvalidInput', details: [{ path: 'projectScope', message: 'must name at most 100 projects' }] });
    const blank = await left(h.updateConnection(requester(ORG_A), id(created.id), { projectScope: [''] }));
    expect(blank._tag === 'InvalidInput' && blank.details.map((d) => d.path)).to.deep.equal(['projectScope.0']);
    // Said in plain words, never as the codec's name.
    const notAList = await left(h.updateConnection(requester(ORG_A), id(created.id), { projectScope: 'OPS' }));
    expect(notAList).to.deep.include({ _tag: 'InvalidInput', details: [{ path: 'projectScope', message: 'must be a list of project keys (an empty list: every project)' }] });
  });

  it('requires the API token again before the base URL moves to another host', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    const error = await left(h.updateConnection(requester(ORG_A), id(created.id), { baseUrl: 'https://evil.example' }));
    expect(error).to.deep.include({ _tag: 'InvalidInput', details: [{ path: 'apiToken', message: 'must be given again when baseUrl changes' }] });
    expect(await right(h.getConnection(ORG_A, id(created.id)))).to.include({ baseUrl: 'https://acme.tracker.test', site: 'acme.tracker.test' });
    const moved = await right(h.updateConnection(requester(ORG_A), id(created.id), { baseUrl: 'https://other.tracker.test', apiToken: 't2' }));
    expect(moved).to.include({ baseUrl: 'https://other.tracker.test', site: 'other.tracker.test' });
  });

  it('deletes a connection and its stored secrets', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    await right(h.deleteConnection(requester(ORG_A), id(created.id)));
    expect(h.adapters.state.connections.size).to.equal(0);
    expect(await left(h.getConnection(ORG_A, id(created.id)))).to.deep.include({ _tag: 'ConnectionNotFound' });
    expect(await left(h.deleteConnection(requester(ORG_A), id(created.id)))).to.deep.include({ _tag: 'ConnectionNotFound' });
  });

  it("forgets the deleted connection's quarantined items, and no other connection's", async () => {
    const [doomed, kept] = [await right(h.createConnection(requester(ORG_A), aConnectionInput())), await right(h.createConnection(requester(ORG_A), aConnectionInput({ baseUrl: 'https://other.tracker.test' })))];
    const at = new Date('2026-02-01T10:00:00Z');
    const entry = (connectionId: string) => ({ organizationId: ORG_A, connectionId: id(connectionId), externalId: '1', key: 'OPS-1', version: 'v1', reason: 'refused', runId: null, firstQuarantinedAt: at, quarantinedAt: at });
    await right(h.adapters.quarantine.hold([entry(doomed.id), entry(kept.id)]));
    await right(h.deleteConnection(requester(ORG_A), id(doomed.id)));
    expect(await right(h.adapters.quarantine.list(ORG_A, id(doomed.id), 10))).to.deep.equal([]);
    expect(await right(h.adapters.quarantine.list(ORG_A, id(kept.id), 10))).to.have.length(1);
  });

  it('tests a connection with its decrypted credentials and syncs nothing', async () => {
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    expect(await right(h.testConnection(ORG_A, id(created.id)))).to.deep.equal({ connected: true, message: 'Connected as integrations@acme.example' });

    h.adapters.issueSource.rejectToken(TRACKER_API_TOKEN);
    expect(await right(h.testConnection(ORG_A, id(created.id)))).to.deep.include({ connected: false });
    expect(h.adapters.issueSource.calls).to.have.length(0);
  });
});
