import { expect } from 'chai';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { jiraIssueWebhook, signedDelivery } from '../builders/jira-webhook-builder.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';

const SECRET = 'whsec-provider-contract';
const a = tokenFor(ORG_A);

interface Task {
  readonly id: string;
  readonly externalId: string;
  readonly site: string;
  readonly title: string;
  readonly deletedAt: string | null;
}

describe('HTTP: one provider contract', () => {
  let api: TestApi;
  before(async () => (api = await startTestApi({ issues: 5 })));
  after(() => api.close());
  beforeEach(async () => {
    await api.webhooks.drain();
    await api.orm.em.fork().execute('truncate integration_connections, external_tasks, external_task_events, webhook_inbox');
  });

  const connect = async (baseUrl: string, token = a) => {
    const body = { type: 'jira', baseUrl, email: api.jira.email, apiToken: api.jira.apiToken, webhookSecret: SECRET };
    const created = await api.http.call('POST', '/api/integrations', { token, body });
    expect(created.status, created.text).to.equal(201);
    return created.json.data as { id: string; site: string };
  };
  const sync = async (id: string) => (await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a })).json.data;
  const tasks = async (query = '') => (await api.http.call('GET', `/api/external-tasks?limit=500${query}`, { token: a })).json.data as Task[];

  describe('GET /api/providers', () => {
    it('lists each provider with its auth modes and fields, secret fields marked, and no secret value', async () => {
      const answer = await api.http.call('GET', '/api/providers', { token: a });
      expect(answer.status).to.equal(200);
      const jira = (answer.json.data as Array<Record<string, unknown>>).find((p) => p.name === 'jira') as Record<string, unknown> & { fields: Array<Record<string, unknown>> };
      expect(jira).to.deep.include({ displayName: 'Jira Cloud', authModes: ['api-token', 'oauth2'], webhooks: { available: true, signedWithSecret: true } });
      expect(jira.oauth).to.deep.include({ available: false });
      const fields = Object.fromEntries(jira.fields.map((f) => [f.name, f]));
      expect(Object.keys(fields)).to.have.members(['name', 'baseUrl', 'email', 'apiToken', 'jqlFilter', 'webhookSecret']);
      expect(fields.apiToken).to.deep.include({ type: 'secret', secret: true, required: true, authModes: ['api-token'] });
      expect(fields.jqlFilter).to.deep.include({ type: 'text', secret: false, required: false });
      expect(answer.text).to.not.contain(api.jira.apiToken);
    });

    it('needs a token like every other route', async () => {
      expect((await api.http.call('GET', '/api/providers')).status).to.equal(401);
    });
  });

  describe('the provider a request names', () => {
    it('answers 404 for an unknown provider in a path, and 400 naming `type` for one in a body', async () => {
      const webhook = await api.http.call('POST', '/api/webhooks/asana/0d0d0d0d-0000-4000-8000-00000000000d', { rawBody: Buffer.from('{}'), headers: {} });
      expect([webhook.status, webhook.json.error.code]).to.deep.equal([404, 'provider/not-found']);
      const oauth = await api.http.call('POST', '/api/integrations/oauth/asana/start', { token: a, body: {} });
      expect([oauth.status, oauth.json.error.code]).to.deep.equal([404, 'provider/not-found']);
      const created = await api.http.call('POST', '/api/integrations', { token: a, body: { type: 'asana', baseUrl: api.jira.baseUrl } });
      expect(created.status).to.equal(400);
      expect(created.json.error.details).to.deep.include({ path: 'type', message: 'must be one of jira, connectwise' });
    });

    it('refuses a field another provider takes, naming it, with every other bad field', async () => {
      const body = { type: 'jira', baseUrl: api.jira.baseUrl, email: 'not-an-email', apiToken: 'x', tables: ['incident'] };
      const created = await api.http.call('POST', '/api/integrations', { token: a, body });
      expect(created.status).to.equal(400);
      expect(created.json.error.details.map((d: { path: string }) => d.path)).to.have.members(['email', 'tables']);
    });
  });

  describe('tasks keyed by their source', () => {
    let second: JiraSimulator;
    before(async () => (second = await startJiraSimulator({ issues: 5, cloudId: 'second-site-cloud-id' })));
    after(() => second.close());

    it('keeps two tasks for two sites of one organization whose issues share an id; a delete from one site leaves the other', async () => {
      const first = await connect(api.jira.baseUrl);
      const other = await connect(second.url);
      expect(first.site).to.not.equal(other.site);
      expect(other.site).to.equal('second-site-cloud-id');
      await sync(first.id);
      await sync(other.id);
      const both = (await tasks()).filter((t) => t.externalId === '10001');
      expect(both.map((t) => t.site).sort()).to.deep.equal([first.site, other.site].sort());

      const deletion = jiraIssueWebhook('jira:issue_deleted', { id: '10001', key: 'X-1', summary: 'gone', updated: new Date().toISOString() });
      const delivered = signedDelivery(deletion, { secret: SECRET });
      const answer = await api.http.call('POST', `/api/webhooks/jira/${other.id}`, { rawBody: delivered.rawBody, headers: delivered.headers });
      expect(answer.status, answer.text).to.equal(200);
      await api.webhooks.drain();
      const after = (await tasks('&includeDeleted=true')).filter((t) => t.externalId === '10001');
      expect(after.find((t) => t.site === other.site)?.deletedAt).to.be.a('string');
      expect(after.find((t) => t.site === first.site)?.deletedAt).to.equal(null);
    });

    it('resumes the same tasks when a site is connected again, and a resync of unchanged issues is skipped', async () => {
      const first = await connect(api.jira.baseUrl);
      await sync(first.id);
      const before = await tasks();
      expect((await api.http.call('DELETE', `/api/integrations/${first.id}`, { token: a })).status).to.equal(204);
      const again = await connect(api.jira.baseUrl);
      expect(again.site).to.equal(first.site);
      const report = await sync(again.id);
      expect(report).to.include({ created: 0, skipped: api.jira.issueCount });
      const after = await tasks();
      expect(after.map((t) => t.id).sort()).to.deep.equal(before.map((t) => t.id).sort());
    });

    it('keeps organizations apart even when both connect the same site', async () => {
      const mine = await connect(api.jira.baseUrl);
      const theirs = await connect(api.jira.baseUrl, tokenFor(ORG_B));
      expect(mine.site).to.equal(theirs.site);
      expect(await sync(mine.id)).to.include({ created: api.jira.issueCount });
      const report = (await api.http.call('POST', `/api/integrations/${theirs.id}/sync-now`, { token: tokenFor(ORG_B) })).json.data;
      expect(report).to.include({ created: api.jira.issueCount, skipped: 0 });
    });
  });
});
