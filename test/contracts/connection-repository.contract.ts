import { expect } from 'chai';
import { asEntityId, type Ciphertext, type ConnectionRepository } from '../../core/index.js';
import { aConnection } from '../support/builders/connection.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { expectLeft, expectRight } from '../support/either.js';
import { describeConnectionWebhookState } from './connection-repository-webhooks.js';

export interface ConnectionRepositorySubject {
  readonly connections: ConnectionRepository;
}

export const describeConnectionRepositoryContract = (name: string, setup: () => Promise<ConnectionRepositorySubject>) =>
  describe(`ConnectionRepository contract (${name})`, () => {
    let connections: ConnectionRepository;
    beforeEach(async () => ({ connections } = await setup()));

    it('reads back an inserted connection exactly, secrets, mappings and sync state included', async () => {
      const connection = aConnection({
        webhookSecret: 'cipher-of-webhook' as Ciphertext,
        settings: { email: 'bot@acme.test', filter: null, tables: ['a', 'b'], nested: { depth: 2 } },
        syncState: { cursor: '2026-01-31T23:59:59.999Z', lastSyncAt: new Date('2026-02-01T00:00:00.001Z'), lastSyncStatus: 'failed', lastSyncError: 'boom' },
        projectScope: ['OPS', 'WEB'],
      });
      expect(await expectRight(connections.insert(connection))).to.deep.equal(connection);
      expect(await expectRight(connections.findById(connection.organizationId, connection.id))).to.deep.equal(connection);
    });

    it('refuses a second connection to the same provider and site of an organization', async () => {
      const first = aConnection();
      await expectRight(connections.insert(first));
      const clash = aConnection({ organizationId: first.organizationId, baseUrl: first.baseUrl, site: first.site, name: 'Another name' });
      expect(await expectLeft(connections.insert(clash))).to.deep.equal({ _tag: 'ConnectionAlreadyExists', provider: 'tracker', baseUrl: first.baseUrl });
    });

    it('allows the same provider and site in another organization', async () => {
      const first = aConnection();
      await expectRight(connections.insert(first));
      await expectRight(connections.insert(aConnection({ baseUrl: first.baseUrl, site: first.site })));
    });

    it("treats another organization's connection as missing", async () => {
      const connection = aConnection();
      await expectRight(connections.insert(connection));
      const stranger = anOrganization();
      expect(await expectRight(connections.findById(stranger, connection.id))).to.equal(null);
      expect(await expectRight(connections.list(stranger))).to.deep.equal([]);
      const notFound = { _tag: 'ConnectionNotFound', connectionId: connection.id };
      expect(await expectLeft(connections.update({ ...connection, organizationId: stranger, name: 'Hijack' }))).to.deep.equal(notFound);
      expect(await expectLeft(connections.recordSyncState(stranger, connection.id, connection.syncState))).to.deep.equal(notFound);
      expect(await expectLeft(connections.delete(stranger, connection.id))).to.deep.equal(notFound);
      expect(await expectRight(connections.findById(connection.organizationId, connection.id))).to.deep.equal(connection);
    });

    it('answers not found for ids it never stored, UUID or not', async () => {
      const organizationId = anOrganization();
      for (const id of [anId(), asEntityId('not-a-uuid')]) {
        expect(await expectRight(connections.findById(organizationId, id))).to.equal(null);
        expect(await expectLeft(connections.delete(organizationId, id))).to.deep.equal({ _tag: 'ConnectionNotFound', connectionId: id });
      }
    });

    it("lists an organization's connections oldest first", async () => {
      const organizationId = anOrganization();
      const at = (iso: string) => new Date(iso);
      const newer = aConnection({ organizationId, createdAt: at('2026-03-02T00:00:00Z') });
      const older = aConnection({ organizationId, createdAt: at('2026-03-01T00:00:00Z') });
      for (const c of [newer, older, aConnection()]) await expectRight(connections.insert(c));
      expect(await expectRight(connections.list(organizationId))).to.deep.equal([older, newer]);
    });

    it('updates the editable fields and keeps the stored sync state', async () => {
      const connection = aConnection();
      await expectRight(connections.insert(connection));
      const state = { cursor: '2026-02-02T00:00:00.000Z', lastSyncAt: new Date('2026-02-02T00:00:01Z'), lastSyncStatus: 'succeeded' as const, lastSyncError: null };
      await expectRight(connections.recordSyncState(connection.organizationId, connection.id, state));
      const edited = {
        ...connection,
        name: 'Renamed',
        baseUrl: 'https://renamed.tracker.test',
        site: 'renamed.tracker.test',
        settings: { email: 'new@acme.test' },
        credentials: { authMode: 'api-token', secrets: { apiToken: 'cipher-new' as Ciphertext, other: 'cipher-other' as Ciphertext }, oauth: null },
        webhookSecret: 'cipher-hook' as Ciphertext,
        mappings: { status: { default: 'todo' as const, Blocked: 'in_progress' as const }, priority: { default: 'high' as const }, projects: [] },
        projectScope: ['HELP'],
        pollingEnabled: false,
        enabled: false,
        updatedAt: new Date('2026-02-03T00:00:00Z'),
      };
      const expected = { ...edited, syncState: state };
      expect(await expectRight(connections.update(edited))).to.deep.equal(expected);
      expect(await expectRight(connections.findById(connection.organizationId, connection.id))).to.deep.equal(expected);
    });

    it("refuses an update onto another connection's provider and site", async () => {
      const organizationId = anOrganization();
      const taken = aConnection({ organizationId });
      const moving = aConnection({ organizationId });
      for (const c of [taken, moving]) await expectRight(connections.insert(c));
      const error = await expectLeft(connections.update({ ...moving, baseUrl: taken.baseUrl, site: taken.site }));
      expect(error).to.deep.equal({ _tag: 'ConnectionAlreadyExists', provider: 'tracker', baseUrl: taken.baseUrl });
      expect(await expectRight(connections.findById(organizationId, moving.id))).to.deep.equal(moving);
    });

    it('records the sync state without touching the rest', async () => {
      const connection = aConnection();
      await expectRight(connections.insert(connection));
      const state = { cursor: null, lastSyncAt: new Date('2026-02-05T00:00:00Z'), lastSyncStatus: 'failed' as const, lastSyncError: 'The tracker is down' };
      await expectRight(connections.recordSyncState(connection.organizationId, connection.id, state));
      expect(await expectRight(connections.findById(connection.organizationId, connection.id))).to.deep.equal({ ...connection, syncState: state });
    });

    it('deletes for good', async () => {
      const connection = aConnection();
      await expectRight(connections.insert(connection));
      await expectRight(connections.delete(connection.organizationId, connection.id));
      expect(await expectRight(connections.findById(connection.organizationId, connection.id))).to.equal(null);
      expect(await expectLeft(connections.delete(connection.organizationId, connection.id))).to.deep.equal({
        _tag: 'ConnectionNotFound',
        connectionId: connection.id,
      });
      await expectRight(connections.insert(aConnection({ organizationId: connection.organizationId, baseUrl: connection.baseUrl, site: connection.site })));
    });

    it('allows one connection per organization, provider and site: another organization or provider may reach the same site', async () => {
      const connection = aConnection();
      await expectRight(connections.insert(connection));
      const again = aConnection({ organizationId: connection.organizationId, site: connection.site, baseUrl: `${connection.baseUrl}/other-spelling` });
      expect(await expectLeft(connections.insert(again))).to.deep.include({ _tag: 'ConnectionAlreadyExists' });
      await expectRight(connections.insert(aConnection({ site: connection.site, baseUrl: connection.baseUrl })));
      await expectRight(connections.insert(aConnection({ organizationId: connection.organizationId, provider: 'other', site: connection.site })));
      const sameUrlOtherSite = aConnection({ organizationId: connection.organizationId, baseUrl: connection.baseUrl, site: `${connection.site}#company-2` });
      await expectRight(connections.insert(sameUrlOtherSite));
    });

    describeConnectionWebhookState(setup);
  });
