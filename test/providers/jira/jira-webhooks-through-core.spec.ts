import { expect } from 'chai';
import { jiraProvider, type JiraProvider } from '../../../adapters/providers/jira/index.js';
import { startJiraSimulator, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
import { asEntityId, type ExternalTask } from '../../../core/index.js';
import { ORG_A, createHarness, right, type Harness, requester } from '../../builders/harness.js';
import { call } from '../../simulator/simulator-http.js';
import { startWebhookReceiver, type ReceivedWebhook } from '../../simulator/webhook-receiver.js';
import { ADMIN } from './jira-source-harness.js';

const SECRET = 'whsec-jira-through-core';
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (t: string, marks?: unknown) => ({ type: 'text', text: t, ...(marks === undefined ? {} : { marks }) });
const mention = (id: string, name: string) => ({ type: 'mention', attrs: { id, text: `@${name}`, accessLevel: '' } });

// The same issue version from a sync (REST v3: ADF) and from a webhook (REST v2: wiki markup, as in
// the Zulip and OSBot-Jira captures) must be the same task, and a connection's JQL filter must hold
// for webhooks too (issue 16, items 2 and 6). Core, the Jira adapter and the simulator, over HTTP.
describe('Jira webhooks through core, against the simulator', () => {
  let sim: JiraSimulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let jira: JiraProvider;
  let h: Harness;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    sim = await startJiraSimulator({ issues: 30, seed: 4, webhooks: { url: receiver.url, secret: SECRET } });
    jira = jiraProvider({ allowPrivateNetwork: true, sleep: async () => undefined });
    h = createHarness({ extraProviders: [jira] });
  });
  afterEach(async () => {
    jira.close();
    await sim.close();
    await receiver.close();
  });

  const connect = async (settings: Record<string, unknown> = {}) => {
    const created = await right(h.createConnection(requester(ORG_A), { type: 'jira', baseUrl: sim.url, email: ADMIN.email, apiToken: ADMIN.apiToken, webhookSecret: SECRET, ...settings }));
    return asEntityId(created.id);
  };
  const edit = async (key: string, fields: Record<string, unknown>) => {
    const answer = await call(sim, 'PUT', `/rest/api/3/issue/${key}`, { body: { fields } });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(204);
    await sim.webhooks.settled();
    return receiver.received.at(-1)!;
  };
  const deliver = async (connectionId: ReturnType<typeof asEntityId>, webhook: ReceivedWebhook) => {
    const headers = Object.fromEntries(Object.entries(webhook.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])));
    await right(h.receiveWebhook({ provider: 'jira', connectionId, rawBody: Buffer.from(webhook.body), headers }));
    return right(h.processWebhookInbox(10));
  };
  const tasks = (): ExternalTask[] => [...h.adapters.state.tasks.values()];
  const updates = () => h.adapters.domainEvents.published.filter((e) => e.type === 'external_task.updated' && e.change === 'updated');
  const fetches = () => sim.requests.entries().filter((r) => r.path === '/rest/api/3/issue/bulkfetch' || r.jql?.includes(' id in (') === true);

  it('applies the webhook of the version a sync already read without a change, reading its wiki description like the ADF', async () => {
    const issue = sim.store.sorted().find((i) => i.assigneeId !== null)!;
    const assignee = sim.store.user(issue.assigneeId)!;
    const webhook = await edit(issue.key, {
      description: { type: 'doc', version: 1, content: [paragraph(text('Ask '), mention(assignee.accountId, assignee.displayName), text(' to run '), text('make check', [{ type: 'code' }])), { type: 'codeBlock', attrs: { language: 'bash' }, content: [text('make check\nexit 2')] }] },
    });
    expect(webhook.json.issue.fields.description).to.equal(`Ask [~accountid:${assignee.accountId}] to run {{make check}}\n{code:bash}\nmake check\nexit 2\n{code}`);
    const connectionId = await connect();
    await right(h.sync(ORG_A, connectionId, { mode: 'full' }));
    const synced = tasks().find((t) => t.externalId === String(issue.id))!;
    expect(synced.description).to.equal(`Ask @${assignee.displayName} to run make check\nmake check\nexit 2`);
    const before = updates().length;

    expect(await deliver(connectionId, webhook)).to.include({ applied: 1, failed: 0 });
    expect(updates()).to.have.length(before);
    expect(tasks().find((t) => t.externalId === String(issue.id))!.description).to.equal(synced.description);
    expect(fetches(), 'the wiki said it all: no read back').to.deep.equal([]);
  });

  it('reads a description back from REST v3 when its wiki markup cannot say what the ADF does, with no change either', async () => {
    const issue = sim.store.sorted().find((i) => i.assigneeId !== null)!;
    const stranger = sim.store.users.find((u) => ![issue.assigneeId, issue.reporterId].includes(u.accountId))!;
    const webhook = await edit(issue.key, { description: { type: 'doc', version: 1, content: [paragraph(text('cc '), mention(stranger.accountId, stranger.displayName))] } });
    const connectionId = await connect();
    await right(h.sync(ORG_A, connectionId, { mode: 'full' }));
    const before = updates().length;
    expect(await deliver(connectionId, webhook)).to.include({ applied: 1, failed: 0 });
    expect(updates()).to.have.length(before);
    expect(tasks().find((t) => t.externalId === String(issue.id))!.description).to.equal(`cc @${stranger.displayName}`);
    expect(fetches()).to.have.length(1);
  });

  it('keeps webhooks of issues outside the connection’s JQL filter out, confirming each with a search by id', async () => {
    const connectionId = await connect({ jqlFilter: 'project = OPS' });
    const outside = sim.store.sorted().find((i) => i.projectKey !== 'OPS')!;
    const inside = sim.store.sorted().find((i) => i.projectKey === 'OPS')!;
    expect(await deliver(connectionId, await edit(outside.key, { summary: 'Not for this connection' }))).to.include({ ignored: 1 });
    expect(await deliver(connectionId, await edit(inside.key, { summary: 'For this connection' }))).to.include({ applied: 1 });
    expect(tasks().map((t) => t.title)).to.deep.equal(['For this connection']);
    expect(fetches().map((r) => r.jql)).to.deep.equal([`(project = OPS) AND id in (${outside.id}) ORDER BY updated ASC, key ASC`, `(project = OPS) AND id in (${inside.id}) ORDER BY updated ASC, key ASC`]);
  });

  it('follows an issue moved to another project: the same task under its new key, from the webhook and from a sync', async () => {
    const connectionId = await connect();
    await right(h.sync(ORG_A, connectionId, { mode: 'full' }));
    const issue = sim.store.sorted().find((i) => i.projectKey === 'OPS')!;
    const before = tasks().find((t) => t.externalId === String(issue.id))!;
    await call(sim, 'POST', `/__admin/issues/${issue.key}/move`, { body: { projectKey: 'WEB' } });
    await sim.webhooks.settled();
    const moved = receiver.received.at(-1)!;
    expect(moved.json).to.deep.include({ issue_event_type_name: 'issue_moved' });
    expect(await deliver(connectionId, moved)).to.include({ applied: 1 });
    const after = tasks().find((t) => t.externalId === String(issue.id))!;
    expect([after.id, after.key, after.projectKey]).to.deep.equal([before.id, issue.key, 'WEB']);
    await right(h.sync(ORG_A, connectionId, { mode: 'full' }));
    expect(tasks().filter((t) => t.externalId === String(issue.id))).to.have.length(1);
  });
});
