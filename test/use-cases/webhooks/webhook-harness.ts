import { asEntityId, type ExternalTask, type SourceIssue } from '../../../core/index.js';
import { aConnectionInput } from '../../builders/connection-input-builder.js';
import { ORG_A, createHarness, right, type Harness, requester } from '../../builders/harness.js';
import { anIssue } from '../../builders/source-issue-builder.js';
import { deleteDelivery, signedDelivery, upsertDelivery, type SignedDelivery } from '../../builders/tracker-webhook-builder.js';

export const SECRET = 'whsec-use-case-secret';

/** An item of the fake tracker as edited `minutes` after a fixed instant (its version is that instant). */
export const version = (n: number, minutes: number, changes: Partial<SourceIssue> = {}): SourceIssue =>
  anIssue(n, { title: `Issue ${n} at minute ${minutes}`, updatedAt: new Date(Date.UTC(2026, 0, 1, 9, minutes)), ...changes });

type SignOptions = Parameters<typeof signedDelivery>[1];

/** The harness with one fake-tracker connection of ORG_A whose webhook secret is `SECRET`. */
export const webhookHarness = async (options: Parameters<typeof createHarness>[0] & { connection?: Record<string, unknown> } = {}) => {
  const h: Harness = createHarness(options);
  const created = await right(h.createConnection(requester(ORG_A), aConnectionInput({ webhookSecret: SECRET, ...options.connection })));
  const connectionId = asEntityId(created.id);
  const send = (delivery: SignedDelivery, to = connectionId) =>
    h.receiveWebhook({ provider: 'tracker', connectionId: to, rawBody: delivery.rawBody, headers: delivery.headers });
  /** A delivery saying the item changed to `v`, signed with `SECRET` unless told otherwise. */
  const upsert = (v: SourceIssue, sign: SignOptions = {}) => signedDelivery(upsertDelivery(v), { secret: SECRET, ...sign });
  /** A delivery saying the item was deleted at `at`. */
  const deletion = (externalId: string, at: Date, sign: SignOptions = {}) => signedDelivery(deleteDelivery(externalId, at), { secret: SECRET, ...sign });
  const tasks = (): ExternalTask[] => [...h.adapters.state.tasks.values()];
  const stats = async () => (await right(h.getConnection(ORG_A, connectionId))).webhooks;
  /** Applies every recorded delivery, as the API's runner does after answering; answers the passes' counts. */
  const drain = async () => {
    const passes = [];
    for (let pass = await right(h.processWebhookInbox(50)); pass.claimed > 0; pass = await right(h.processWebhookInbox(50))) passes.push(pass);
    return passes;
  };
  return { h, connectionId, site: created.site, send, upsert, deletion, tasks, stats, drain };
};

export type WebhookHarness = Awaited<ReturnType<typeof webhookHarness>>;
