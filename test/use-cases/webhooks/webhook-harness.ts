import { asEntityId, type ExternalTask } from '../../../core/index.js';
import { aJiraConnectionInput } from '../../builders/connection-input-builder.js';
import { ORG_A, createHarness, right, type Harness } from '../../builders/harness.js';
import { jiraIssueWebhook, signedDelivery, type JiraIssueEvent, type JiraIssueVersion, type SignedDelivery } from '../../builders/jira-webhook-builder.js';

export const SECRET = 'whsec-use-case-secret';

/** An issue version, `minutes` after a fixed instant. */
export const version = (n: number, minutes: number, changes: Partial<JiraIssueVersion> = {}): JiraIssueVersion => ({
  id: String(10000 + n),
  key: `PROJ-${n}`,
  summary: `Issue ${n} at minute ${minutes}`,
  updated: new Date(Date.UTC(2026, 0, 1, 9, minutes)).toISOString(),
  ...changes,
});

/** The harness with one Jira connection of ORG_A whose webhook secret is `SECRET`. */
export const webhookHarness = async (options: Parameters<typeof createHarness>[0] & { connection?: Record<string, unknown> } = {}) => {
  const h: Harness = createHarness(options);
  const created = await right(h.createConnection(ORG_A, aJiraConnectionInput({ webhookSecret: SECRET, ...options.connection })));
  const connectionId = asEntityId(created.id);
  const send = (delivery: SignedDelivery, to = connectionId) =>
    h.receiveWebhook({ provider: 'jira', connectionId: to, rawBody: delivery.rawBody, headers: delivery.headers });
  const event = (name: JiraIssueEvent | string, v: JiraIssueVersion, options: Parameters<typeof signedDelivery>[1] = {}) =>
    signedDelivery(jiraIssueWebhook(name, v), { secret: SECRET, ...options });
  const tasks = (): ExternalTask[] => [...h.adapters.state.tasks.values()];
  const stats = async () => (await right(h.getConnection(ORG_A, connectionId))).webhooks;
  /** Applies every recorded delivery, as the API's runner does after answering; answers the passes' counts. */
  const drain = async () => {
    const passes = [];
    for (let pass = await right(h.processWebhookInbox(50)); pass.claimed > 0; pass = await right(h.processWebhookInbox(50))) passes.push(pass);
    return passes;
  };
  return { h, connectionId, send, event, tasks, stats, drain };
};
