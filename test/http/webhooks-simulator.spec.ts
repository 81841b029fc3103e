import { expect } from 'chai';
import { call } from '../simulator/simulator-http.js';
import { countRows } from '../support/table-rows.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

const SECRET = 'whsec-simulator-end-to-end';

describe('Jira simulator webhooks into the API, end to end', () => {
  let api: TestApi;
  let connectionId: string;
  const a = tokenFor(ORG_A);
  before(async () => {
    api = await startTestApi({ issues: 8, latencyMs: 0 });
    connectionId = await createJiraConnection(api, ORG_A, SECRET);
    api.jira.simulator.webhooks.configure({ url: `${api.url}/api/webhooks/jira/${connectionId}`, secret: SECRET });
    expect((await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: a })).status).to.equal(200);
  });
  after(() => api.close());
  const sim = () => api.jira.simulator;
  const task = async (key: string) => {
    const all = (await api.http.call('GET', '/api/external-tasks?includeDeleted=true&limit=500', { token: a })).json.data as Array<Record<string, unknown>>;
    return all.find((t) => t.key === key);
  };
  const inSimulator = async (method: string, path: string, body?: unknown) => {
    const answer = await call(sim(), method, path, body === undefined ? {} : { body });
    expect(answer.status, JSON.stringify(answer.body)).to.be.oneOf([201, 204]);
    await sim().webhooks.settled();
    await api.webhooks.drain();
    return answer;
  };

  it('updates the task when its issue is edited, transitioned or deleted in the tracker', async () => {
    const issue = sim().store.sorted().find((i) => i.statusId === '10000')!;
    await inSimulator('PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary: 'Edited in Jira' } });
    expect(await task(issue.key)).to.include({ title: 'Edited in Jira', status: 'todo' });

    await inSimulator('POST', `/rest/api/3/issue/${issue.key}/transitions`, { transition: { id: '41' } });
    expect(await task(issue.key)).to.include({ status: 'done', rawStatus: 'Done' });

    await inSimulator('DELETE', `/rest/api/3/issue/${issue.key}`);
    expect((await task(issue.key))?.deletedAt).to.be.a('string');
    expect(sim().webhooks.deliveries().flatMap((d) => d.attempts.map((t) => t.status))).to.deep.equal([200, 200, 200]);
  });

  it('creates the task of a new issue, answers a resent delivery as a duplicate, and refuses a wrong secret', async () => {
    const created = await inSimulator('POST', '/rest/api/3/issue', { fields: { project: { key: 'OPS' }, issuetype: { name: 'Bug' }, summary: 'Born in Jira' } });
    expect(await task(created.body.key)).to.include({ title: 'Born in Jira', url: `${api.jira.baseUrl}/browse/${created.body.key}` });

    const delivery = sim().webhooks.deliveries().at(-1)!;
    const recorded = await countRows(api.orm, 'external_task_events', "kind = 'webhook'");
    expect((await sim().webhooks.resend(delivery.id)).status).to.equal(200);
    await api.webhooks.drain();
    expect(await countRows(api.orm, 'external_task_events', "kind = 'webhook'")).to.equal(recorded);

    sim().webhooks.signNextWithWrongSecret();
    await inSimulator('PUT', `/rest/api/3/issue/${created.body.key}`, { fields: { summary: 'Forged' } });
    expect(sim().webhooks.deliveries().at(-1)!.attempts.map((t) => t.status)).to.deep.equal([401]);
    expect(await task(created.body.key)).to.include({ title: 'Born in Jira' });
    const forged = sim().webhooks.deliveries().at(-1)!;
    expect((await sim().webhooks.resend(forged.id)).status).to.equal(200);
    await api.webhooks.drain();
    expect(await task(created.body.key)).to.include({ title: 'Forged' });

    await api.webhookStats.flush();
    const shown = (await api.http.call('GET', `/api/integrations/${connectionId}`, { token: a })).json.data.webhooks;
    expect(shown).to.include({ accepted: 6, refused: 1 });
  });
});
