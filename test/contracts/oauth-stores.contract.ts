import { expect } from 'chai';
import { asEntityId, type Ciphertext, type ConnectionRepository, type OAuthStateBinding, type OAuthStateStore, type SiteSelectionStore } from '../../core/index.js';
import { aConnection } from '../support/builders/connection.js';
import { anOAuthConnection, anOAuthGrant, aSiteSelection } from '../support/builders/oauth-connection.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { expectLeft, expectRight } from '../support/either.js';

export interface OAuthStoresSubject {
  readonly oauthStates: OAuthStateStore;
  readonly siteSelections: SiteSelectionStore;
  readonly connections: ConnectionRepository;
}

const binding = (overrides: Partial<OAuthStateBinding> = {}): OAuthStateBinding => ({
  organizationId: anOrganization(),
  subject: 'user-1',
  provider: 'tracker',
  redirectUri: 'https://app.example.test/callback',
  client: { id: anId(), baseUrl: 'https://instance.tracker.test', settings: { clientId: 'client-1', tables: ['a'] }, secrets: { clientSecret: 'cipher-of-client-secret' as Ciphertext } },
  expiresAt: new Date('2026-01-01T00:05:00.000Z'),
  ...overrides,
});

const at = (iso: string) => new Date(iso);

export const describeOAuthStoresContract = (name: string, setup: () => Promise<OAuthStoresSubject>) =>
  describe(`OAuth persistence contract (${name})`, () => {
    let subject: OAuthStoresSubject;
    beforeEach(async () => (subject = await setup()));

    describe('OAuthStateStore', () => {
      it('answers an unguessable state and its binding exactly once', async () => {
        const bound = binding();
        const [state, other] = [await expectRight(subject.oauthStates.issue(bound)), await expectRight(subject.oauthStates.issue(binding()))];
        expect(state).to.have.length.of.at.least(32).and.not.equal(other);
        expect(await expectRight(subject.oauthStates.consume(state))).to.deep.equal(bound);
        expect(await expectRight(subject.oauthStates.consume(state))).to.equal(null);
      });

      it('knows nothing of a state it did not issue or that was altered', async () => {
        const state = await expectRight(subject.oauthStates.issue(binding()));
        const altered = `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`;
        expect(await expectRight(subject.oauthStates.consume(altered))).to.equal(null);
        expect(await expectRight(subject.oauthStates.consume('made-up'))).to.equal(null);
        expect(await expectRight(subject.oauthStates.consume(state))).not.to.equal(null);
      });

      it('gives a state to one of two callbacks racing with it', async () => {
        const state = await expectRight(subject.oauthStates.issue(binding()));
        const answers = await Promise.all([subject.oauthStates.consume(state)(), subject.oauthStates.consume(state)()]);
        expect(answers.filter((a) => a._tag === 'Right' && a.right !== null)).to.have.length(1);
      });
    });

    describe('SiteSelectionStore', () => {
      const now = at('2026-01-01T00:01:00.000Z');

      it('finds a live selection of the organization only', async () => {
        const selection = aSiteSelection();
        await expectRight(subject.siteSelections.save(selection));
        expect(await expectRight(subject.siteSelections.find(selection.organizationId, selection.id, now))).to.deep.equal(selection);
        expect(await expectRight(subject.siteSelections.find(anOrganization(), selection.id, now))).to.equal(null);
        expect(await expectRight(subject.siteSelections.find(selection.organizationId, selection.id, selection.validUntil))).to.equal(null);
        expect(await expectRight(subject.siteSelections.find(selection.organizationId, asEntityId('not-a-uuid'), now))).to.equal(null);
      });

      it('takes a selection once, by id or as the newest offering the site', async () => {
        const organizationId = anOrganization();
        const older = aSiteSelection({ organizationId });
        const newer = aSiteSelection({ organizationId, createdAt: at('2026-01-01T00:00:30.000Z') });
        for (const s of [older, newer]) await expectRight(subject.siteSelections.save(s));
        const take = (selectionId: string | null, siteId = 'site-b') =>
          subject.siteSelections.take(organizationId, { selectionId: selectionId === null ? null : asEntityId(selectionId), siteId, now });
        expect(await expectRight(take(older.id, 'cloud-z'))).to.equal(null);
        expect(await expectRight(take(null))).to.deep.equal(newer);
        expect(await expectRight(take(older.id))).to.deep.equal(older);
        expect(await expectRight(take(older.id))).to.equal(null);
        expect(await expectRight(take(null))).to.equal(null);
      });

      it("never hands out another organization's selection or an expired one", async () => {
        const selection = aSiteSelection();
        await expectRight(subject.siteSelections.save(selection));
        const query = { selectionId: selection.id, siteId: 'site-a' };
        expect(await expectRight(subject.siteSelections.take(anOrganization(), { ...query, now }))).to.equal(null);
        expect(await expectRight(subject.siteSelections.take(selection.organizationId, { ...query, now: selection.validUntil }))).to.equal(null);
      });

      it('gives a selection to one of two requests racing for it', async () => {
        const selection = aSiteSelection();
        await expectRight(subject.siteSelections.save(selection));
        const take = () => subject.siteSelections.take(selection.organizationId, { selectionId: selection.id, siteId: 'site-a', now })();
        const answers = await Promise.all([take(), take()]);
        expect(answers.filter((a) => a._tag === 'Right' && a.right !== null)).to.have.length(1);
      });
    });

    describe('ConnectionRepository with an OAuth grant', () => {
      it('reads back an OAuth connection exactly, expiry and scopes included', async () => {
        const connection = anOAuthConnection();
        await expectRight(subject.connections.insert(connection));
        expect(await expectRight(subject.connections.findById(connection.organizationId, connection.id))).to.deep.equal(connection);
      });

      it('replaces the token pair, or marks it for reauthorization, in one write', async () => {
        const connection = anOAuthConnection();
        await expectRight(subject.connections.insert(connection));
        const rotated = anOAuthGrant({ expiresAt: at('2026-02-01T12:00:00.000Z') });
        await expectRight(subject.connections.storeOAuthGrant(connection.organizationId, connection.id, rotated));
        expect((await expectRight(subject.connections.findById(connection.organizationId, connection.id)))?.credentials.oauth).to.deep.equal(rotated);
        const marked = { ...rotated, status: 'reauthorization_required' as const };
        await expectRight(subject.connections.storeOAuthGrant(connection.organizationId, connection.id, marked));
        expect((await expectRight(subject.connections.findById(connection.organizationId, connection.id)))?.credentials.oauth).to.deep.equal(marked);
      });

      it("stores tokens only on the organization's own OAuth connection", async () => {
        const connection = anOAuthConnection();
        const apiToken = aConnection();
        for (const c of [connection, apiToken]) await expectRight(subject.connections.insert(c));
        const store = (org: typeof connection.organizationId, id: typeof connection.id) => subject.connections.storeOAuthGrant(org, id, anOAuthGrant());
        for (const [org, id] of [[anOrganization(), connection.id], [apiToken.organizationId, apiToken.id], [connection.organizationId, anId()]] as const) {
          expect(await expectLeft(store(org, id))).to.deep.equal({ _tag: 'ConnectionNotFound', connectionId: id });
        }
        expect(await expectRight(subject.connections.findById(apiToken.organizationId, apiToken.id))).to.deep.equal(apiToken);
      });

      it('keeps the stored tokens when an edit was made from a read older than a refresh', async () => {
        const stale = anOAuthConnection();
        await expectRight(subject.connections.insert(stale));
        const rotated = anOAuthGrant();
        await expectRight(subject.connections.storeOAuthGrant(stale.organizationId, stale.id, rotated));
        const edited = await expectRight(subject.connections.update({ ...stale, name: 'Renamed' }));
        expect(edited).to.include({ name: 'Renamed' });
        expect(edited.credentials.oauth).to.deep.equal(rotated);
      });

      it('deletes the tokens with the connection', async () => {
        const connection = anOAuthConnection();
        await expectRight(subject.connections.insert(connection));
        await expectRight(subject.connections.delete(connection.organizationId, connection.id));
        expect(await expectRight(subject.connections.findById(connection.organizationId, connection.id))).to.equal(null);
        expect(await expectLeft(subject.connections.storeOAuthGrant(connection.organizationId, connection.id, anOAuthGrant()))).to.include({
          _tag: 'ConnectionNotFound',
        });
      });
    });
  });
