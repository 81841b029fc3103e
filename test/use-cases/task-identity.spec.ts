import { expect } from 'chai';
import type { ExternalTask } from '../../core/index.js';
import { aConnectionInput, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, right, type Harness, requester } from '../builders/harness.js';
import { anIssue, editedLater, someIssues } from '../builders/source-issue-builder.js';
import { deleteDelivery, signedDelivery, upsertDelivery, type SignedDelivery } from '../builders/tracker-webhook-builder.js';

const SECRET = 'whsec-task-identity';
const BETA_BASE_URL = 'https://beta.tracker.test';

/** A task is its source: (organization, provider, site, external id), whichever connection wrote it. */
describe('task identity: one task per item of one tracker instance', () => {
  let h: Harness;
  beforeEach(() => (h = createHarness()));

  const tasks = (): ExternalTask[] => [...h.adapters.state.tasks.values()];
  const connect = async (baseUrl = TRACKER_BASE_URL) => right(h.createConnection(requester(ORG_A), aConnectionInput({ baseUrl, name: new URL(baseUrl).host, webhookSecret: SECRET })));
  const send = (connectionId: string, delivery: SignedDelivery) =>
    h.receiveWebhook({ provider: 'tracker', connectionId: id(connectionId), rawBody: delivery.rawBody, headers: delivery.headers });
  const drain = async () => {
    while ((await right(h.processWebhookInbox(50))).claimed > 0);
  };
  const bySite = (site: string) => tasks().find((t) => t.site === site)!;

  describe('two sites of one organization whose items share external id 10001', () => {
    let alpha: string;
    let beta: string;
    beforeEach(async () => {
      alpha = (await connect()).id;
      beta = (await connect(BETA_BASE_URL)).id;
      h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [anIssue(1, { title: 'On alpha' })]);
      h.adapters.issueSource.setIssues(BETA_BASE_URL, [anIssue(1, { title: 'On beta', url: `${BETA_BASE_URL}/browse/PROJ-1` })]);
    });

    it('keeps two tasks, each with its own site, and processes the same version of both', async () => {
      expect(await right(h.sync(ORG_A, alpha))).to.include({ created: 1, skipped: 0 });
      expect(await right(h.sync(ORG_A, beta))).to.include({ created: 1, skipped: 0 });

      expect(tasks().map((t) => [t.site, t.externalId, t.title]).sort()).to.deep.equal([
        ['acme.tracker.test', '10001', 'On alpha'],
        ['beta.tracker.test', '10001', 'On beta'],
      ]);
      const found = await right(h.adapters.tasks.findBySource(ORG_A, { externalSystem: 'tracker', site: 'beta.tracker.test', externalId: '10001' }));
      expect(found).to.include({ title: 'On beta', connectionId: beta });
      expect((await right(h.listTasks(ORG_A, { connectionId: alpha }))).items.map((t) => t.title)).to.deep.equal(['On alpha']);
    });

    it("applies a delete delivery from one site to that site's task alone", async () => {
      await right(h.sync(ORG_A, alpha));
      await right(h.sync(ORG_A, beta));
      const eventsBefore = h.adapters.domainEvents.published.length;
      const deletedAt = new Date(Date.UTC(2026, 0, 1, 10, 0));

      expect(await right(send(alpha, signedDelivery(deleteDelivery('10001', deletedAt), { secret: SECRET })))).to.include({ outcome: 'accepted' });
      await drain();

      expect(bySite('acme.tracker.test')).to.deep.include({ deletedAt });
      expect(bySite('beta.tracker.test')).to.include({ deletedAt: null, title: 'On beta' });
      const events = h.adapters.domainEvents.published.slice(eventsBefore);
      expect(events.map((e) => [e.change, e.task.site])).to.deep.equal([['deleted', 'acme.tracker.test']]);
      expect((await right(h.listTasks(ORG_A, {}))).items.map((t) => t.title)).to.deep.equal(['On beta']);
    });

    it('takes the same delivery id from both sites as two deliveries, each changing its own task', async () => {
      await right(h.sync(ORG_A, alpha));
      await right(h.sync(ORG_A, beta));
      const toAlpha = signedDelivery(upsertDelivery(editedLater(anIssue(1), { title: 'Edited on alpha' })), { secret: SECRET, deliveryId: 'delivery-1' });
      const toBeta = signedDelivery(upsertDelivery(editedLater(anIssue(1), { title: 'Edited on beta' })), { secret: SECRET, deliveryId: 'delivery-1' });

      expect(await right(send(alpha, toAlpha))).to.include({ outcome: 'accepted' });
      expect(await right(send(beta, toBeta))).to.include({ outcome: 'accepted' });
      expect(await right(send(beta, toBeta))).to.include({ outcome: 'duplicate' });
      await drain();

      expect(bySite('acme.tracker.test').title).to.equal('Edited on alpha');
      expect(bySite('beta.tracker.test').title).to.equal('Edited on beta');
    });
  });

  describe('a site connected again after its connection was deleted', () => {
    it('resumes the same tasks, skipping the versions already processed, and takes a delivery already recorded as a duplicate', async () => {
      const first = await connect();
      const issues = someIssues(3);
      h.adapters.issueSource.setIssues(TRACKER_BASE_URL, issues);
      await right(h.sync(ORG_A, first.id));
      const edit = signedDelivery(upsertDelivery(editedLater(issues[0]!, { title: 'Edited by webhook' })), { secret: SECRET, deliveryId: 'delivery-7' });
      await right(send(first.id, edit));
      await drain();
      const before = new Map(tasks().map((t) => [t.key, t.id]));

      await right(h.deleteConnection(requester(ORG_A), id(first.id)));
      expect(tasks()).to.have.length(3);
      const again = await connect();
      expect(again.id).not.to.equal(first.id);
      expect(again.site).to.equal(first.site);

      const resync = await right(h.sync(ORG_A, again.id, { mode: 'full' }));
      expect(resync).to.include({ issuesProcessed: 0, created: 0, updated: 0, skipped: 3 });
      expect(await right(send(again.id, edit))).to.include({ outcome: 'duplicate' });
      expect(new Map(tasks().map((t) => [t.key, t.id]))).to.deep.equal(before);

      h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [editedLater(issues[0]!, { title: 'Edited again' }, 120), issues[1]!, issues[2]!]);
      expect(await right(h.sync(ORG_A, again.id))).to.include({ created: 0, updated: 1 });
      expect(tasks()).to.have.length(3);
      expect(tasks().find((t) => t.key === 'PROJ-1')).to.include({ id: before.get('PROJ-1'), title: 'Edited again', connectionId: again.id });
    });
  });
});
