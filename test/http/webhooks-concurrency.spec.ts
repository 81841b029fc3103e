import { expect } from 'chai';
import { jiraIssueWebhook, signedDelivery, type SignedDelivery } from '../builders/jira-webhook-builder.js';
import { countRows } from '../support/table-rows.js';
import type { ApiResponse } from './support/http-client.js';
import { startTestApi, webhookKeyOf, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';
import { createJiraConnection, postWebhook } from './support/webhook-client.js';

const SECRET = 'whsec-concurrency';
const ISSUES = 40;
const VERSIONS = 5;
const SENDERS = 20;

/** The same order on every run (a small LCG), so a failure can be replayed. */
const shuffled = <A>(items: ReadonlyArray<A>, seed = 42): A[] => {
  const result = [...items];
  let state = seed;
  for (let i = result.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
};

describe('HTTP webhooks under concurrency', () => {
  let api: TestApi;
  before(async () => (api = await startTestApi()));
  after(() => api.close());

  /** Like Jira: a 5xx (for example two transactions creating the same task at once) is retried. */
  const deliverLikeJira = async (connectionId: string, delivery: SignedDelivery): Promise<ApiResponse> => {
    for (let attempt = 0; ; attempt += 1) {
      const headers = attempt === 0 ? delivery.headers : { ...delivery.headers, 'x-atlassian-webhook-retry': String(attempt) };
      const answer = await postWebhook(api, connectionId, { ...delivery, headers });
      if (answer.status < 500 || attempt === 9) return answer;
      await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
    }
  };

  it('records and applies each of 200 deliveries exactly once when 20 senders deliver them, each twice, at once', async () => {
    await api.webhooks.drain();
    await api.orm.em.fork().execute('truncate integration_connections, external_tasks, external_task_events, webhook_inbox');
    const connectionId = await createJiraConnection(api, ORG_A, SECRET);
    const deliveries = Array.from({ length: ISSUES * VERSIONS }, (_, i) => {
      const [n, minute] = [i % ISSUES, Math.floor(i / ISSUES)];
      const version = { id: String(40000 + n), key: `OPS-${n + 1}`, summary: `OPS-${n + 1} v${minute}`, updated: new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString() };
      return signedDelivery(jiraIssueWebhook(minute === 0 ? 'jira:issue_created' : 'jira:issue_updated', version), { secret: SECRET, deliveryId: `delivery-${i}` });
    });
    const queue = shuffled([...deliveries, ...deliveries]);
    const answers: ApiResponse[] = [];
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) answers.push(await deliverLikeJira(connectionId, next));
      }),
    );

    expect(answers.filter((a) => a.status !== 200).map((a) => a.text)).to.deep.equal([]);
    const outcomes = answers.map((a) => a.json.data.outcome as string);
    expect([outcomes.filter((o) => o === 'accepted').length, outcomes.filter((o) => o === 'duplicate').length]).to.deep.equal([200, 200]);
    const recorded = await api.orm.em.fork().execute<Array<{ delivery_key: string }>>('select delivery_key from webhook_inbox');
    const expectedKeys = await Promise.all(deliveries.map((_, i) => webhookKeyOf(api.orm, connectionId, `delivery-${i}`)));
    expect(recorded.map((r) => r.delivery_key).sort()).to.deep.equal(expectedKeys.sort());
    await api.webhooks.drain();
    expect(await countRows(api.orm, 'webhook_inbox', 'completed_at is null')).to.equal(0);
    const keys = await api.orm.em.fork().execute<Array<{ idempotency_key: string }>>("select idempotency_key from external_task_events where kind = 'webhook'");
    expect(keys.map((k) => k.idempotency_key).sort()).to.deep.equal(expectedKeys.sort());
    expect(await countRows(api.orm, 'external_tasks')).to.equal(ISSUES);
    const tasks = (await api.http.call('GET', '/api/external-tasks?limit=500', { token: tokenFor(ORG_A) })).json.data as Array<{ key: string; title: string }>;
    expect(tasks.every((t) => t.title === `${t.key} v${VERSIONS - 1}`), 'every task holds its newest version').to.equal(true);
    await api.webhookStats.flush();
    const shown = (await api.http.call('GET', `/api/integrations/${connectionId}`, { token: tokenFor(ORG_A) })).json.data.webhooks;
    expect(shown).to.include({ accepted: 400, refused: 0 });
  });
});
