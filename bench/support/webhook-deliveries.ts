import { createHmac } from 'node:crypto';
import { DEFAULT_ACCOUNTS, simulatorDeps } from '../../apps/simulator/jira/index.js';
import { webhookPayload } from '../../apps/simulator/jira/webhook-payload.js';
import { connectWiseDeliveries, type ConnectWiseSite } from './connectwise-deliveries.js';
import { serviceNowDeliveries } from './servicenow-deliveries.js';

export interface Delivery {
  readonly id: string;
  readonly body: Buffer;
  readonly headers: Record<string, string>;
}

const UPDATED = '@@updated@@';
const TIMESTAMP = 4_102_444_800_123;
const ANCHOR = Date.parse('2026-01-01T00:00:00.000Z');

/** Jira's webhook timestamps: `2026-01-01T00:00:00.000+0000`. */
const jiraTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

/**
 * Signed `jira:issue_updated` deliveries in the exact shape the simulator's webhooks send (REST v2,
 * wiki-markup description, about 5 KB), over `issues` issues in turn. Delivery n carries a version
 * one millisecond newer than delivery n-1, so every one is new work; the issues are pre-rendered so
 * the load generator spends its time sending, not rendering.
 */
export const deliveryFactory = (issues: number, secret: string, site: string) => {
  // Plain descriptions only: the bench's API applies deliveries from what they carry, never reading an issue back.
  const deps = simulatorDeps({ issues, richDescriptionShare: 0 });
  const ctx = { site, zone: 'UTC', store: deps.store };
  const templates = deps.store.sorted().map((issue) => {
    const payload = webhookPayload({ type: 'issue_updated', issue, items: [], at: TIMESTAMP }, ctx, DEFAULT_ACCOUNTS[0]!, 1) as { issue: { fields: Record<string, unknown> } };
    payload.issue.fields.updated = UPDATED;
    return JSON.stringify(payload).split(UPDATED).map((part) => part.split(String(TIMESTAMP)));
  });
  return (n: number): Delivery => {
    const at = ANCHOR + n;
    const template = templates[n % templates.length]!;
    const body = Buffer.from(template.map((parts) => parts.join(String(at))).join(jiraTime(at)));
    const id = `bench-${n}`;
    return {
      id,
      body,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        'x-atlassian-webhook-identifier': id,
        'x-atlassian-webhook-flow': 'Primary',
        'x-hub-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      },
    };
  };
};

/** Which tracker's deliveries a load sends, and what signs them. */
export type DeliverySpec =
  | { readonly provider: 'jira'; readonly secret: string; readonly issues: number }
  | { readonly provider: 'servicenow'; readonly secret: string; readonly records: number }
  | ({ readonly provider: 'connectwise' } & ConnectWiseSite);

/** Delivery n of a load (n from 0), each a new one; pre-rendered where rendering costs. */
export const deliveriesFor = (spec: DeliverySpec): ((n: number) => Delivery) => {
  switch (spec.provider) {
    case 'jira':
      return deliveryFactory(spec.issues, spec.secret, 'https://bench.atlassian.net');
    case 'servicenow':
      return serviceNowDeliveries(spec.records, spec.secret);
    case 'connectwise':
      return connectWiseDeliveries(spec);
  }
};
