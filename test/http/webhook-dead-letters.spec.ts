import { Writable } from 'node:stream';
import { expect } from 'chai';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { countRows } from '../support/table-rows.js';
import { startTestApi, webhookKeyOf, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';
import { jiraIssueWebhook, signedDelivery } from '../builders/jira-webhook-builder.js';
import { createJiraConnection, postWebhook } from './support/webhook-client.js';

const SECRET = 'whsec-dead-letters';
const a = tokenFor(ORG_A);

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

describe('HTTP: signed webhooks that cannot be applied are dead-lettered, shown and replayed', () => {
  let api: TestApi;
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  before(async () => {
    // Short waits between tries, so five of them take well under a second.
    api = await startTestApi({ issues: 6, latencyMs: 0, logger: createLogger('info', sink), webhookRetry: { maxAttempts: 5, firstDelayMs: 20 }, webhookRunner: { pollMs: 20 } });
  });
  after(() => api.close());
  afterEach(() => api.jira.simulator.revoked.restore(api.jira.apiToken));
  beforeEach(async () => {
    await api.webhooks.drain();
    await api.orm.em.fork().execute('truncate integration_connections, external_tasks, external_task_events, webhook_inbox, audit_events');
  });
  const sim = () => api.jira.simulator;
  const deadLetters = async (id: string, token = a) => api.http.call('GET', `/api/integrations/${id}/webhook-dead-letters`, { token });
  const waitForDeadLetters = async (id: string, count: number) => {
    for (;;) {
      const listed = await deadLetters(id);
      if (listed.json.data.length >= count) return listed.json.data as Array<Record<string, unknown>>;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('tries a delivery five times, dead-letters it with its reason (said once at warn), and applies it once when replayed after the fix', async () => {
    const issue = sim().store.sorted()[0]!;
    // Jira does not apply a connection's filter to admin webhooks: every delivery is confirmed by a search, which the revoked token makes fail.
    const id = await createJiraConnection(api, ORG_A, SECRET, { jqlFilter: `project = ${issue.projectKey}` });
    sim().webhooks.configure({ url: `${api.url}/api/webhooks/jira/${id}`, secret: SECRET });
    sim().revoked.revoke(api.jira.apiToken, 'reject');
    // Edited in the site itself (every account shares the revoked token), which sends its webhook.
    sim().store.update(issue, { summary: 'Edited while the token was revoked' });
    await sim().webhooks.settled();
    const delivery = sim().webhooks.deliveries().at(-1)!;
    expect(delivery.attempts.map((attempt) => attempt.status)).to.deep.equal([200]);

    const [letter, ...others] = await waitForDeadLetters(id, 1);
    expect(others).to.deep.equal([]);
    expect(letter).to.include({ connectionId: id, provider: 'jira', deliveryId: delivery.id, attempts: 5 });
    expect(letter!.reason).to.match(/Jira rejected the credentials \(401\)/);
    expect((await api.http.call('GET', `/api/integrations/${id}`, { token: a })).json.data.webhooks).to.include({ deadLetters: 1 });
    const listed = (await api.http.call('GET', '/api/integrations', { token: a })).json.data.find((c: { id: string }) => c.id === id);
    expect(listed.webhooks).to.include({ deadLetters: 1 });
    const warned = lines.filter((line) => line.level === 40 && line.deliveryId === delivery.id);
    expect(warned.map((line) => [line.msg, line.attempts, line.reason])).to.deep.equal([
      ['webhook delivery dead-lettered after its last try; replay it once the cause is fixed', 5, letter!.reason],
    ]);

    expect((await deadLetters(id, tokenFor(ORG_B))).status).to.equal(404);
    expect((await api.http.call('POST', `/api/integrations/${id}/webhook-dead-letters/replay`, { token: tokenFor(ORG_B) })).status).to.equal(404);
    expect((await api.http.call('POST', `/api/integrations/${id}/webhook-dead-letters/${String(letter!.id)}/replay`, { token: tokenFor(ORG_B) })).status).to.equal(404);

    sim().revoked.restore(api.jira.apiToken);
    const replayed = await api.http.call('POST', `/api/integrations/${id}/webhook-dead-letters/${String(letter!.id)}/replay`, { token: a });
    expect([replayed.status, replayed.json.data]).to.deep.equal([200, { replayed: 1 }]);
    await api.webhooks.drain();
    const tasks = (await api.http.call('GET', `/api/external-tasks?connectionId=${id}`, { token: a })).json.data as Array<{ key: string; title: string }>;
    expect(tasks.map((task) => [task.key, task.title])).to.deep.equal([[issue.key, 'Edited while the token was revoked']]);
    expect(await countRows(api.orm, 'external_task_events', 'idempotency_key = ?', [await webhookKeyOf(api.orm, id, delivery.id)])).to.equal(1);
    expect((await deadLetters(id)).json.data).to.deep.equal([]);
    expect((await api.http.call('GET', `/api/integrations/${id}`, { token: a })).json.data.webhooks).to.include({ deadLetters: 0 });

    const again = await api.http.call('POST', `/api/integrations/${id}/webhook-dead-letters/${String(letter!.id)}/replay`, { token: a });
    expect([again.status, again.json.error.code]).to.deep.equal([404, 'webhook-dead-letter/not-found']);
    expect((await api.http.call('POST', `/api/integrations/${id}/webhook-dead-letters/replay`, { token: a })).json.data).to.deep.equal({ replayed: 0 });
    const audit = await api.http.call('GET', `/api/audit-events?action=connection.webhooks_replayed&targetId=${id}`, { token: a });
    expect(audit.json.data.map((entry: { actor: string; summary: unknown }) => [entry.actor, entry.summary])).to.deep.equal([['user-1', { deadLetterIds: [letter!.id] }]]);
  });

  it('bounds the tries of a delivery whose issue was updated in the year 0, which no column holds, and names the database refusing it', async () => {
    const id = await createJiraConnection(api, ORG_A, SECRET);
    // Jira writes the offset without a colon; a plain (wiki) description needs no read-back.
    const delivery = signedDelivery(
      jiraIssueWebhook('jira:issue_updated', { id: '77001', key: 'ODD-1', summary: 'From the year 0', updated: '0000-06-01T00:00:00.000Z', description: 'plain' }, Date.parse('2026-06-01T00:00:00Z')),
      { secret: SECRET, deliveryId: 'year-zero' },
    );
    expect((await postWebhook(api, id, delivery)).status).to.equal(200);
    const [letter] = await waitForDeadLetters(id, 1);
    expect(letter).to.include({ deliveryId: 'year-zero', attempts: 5 });
    expect(letter!.reason).to.match(/the database refused a value/);
    expect(await countRows(api.orm, 'external_tasks', 'connection_id = ?', [id])).to.equal(0);
  });
});
