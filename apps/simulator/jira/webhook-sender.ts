import { createHmac, randomUUID } from 'node:crypto';
import type { SimulatorAccount } from './accounts.js';
import type { IssueStore } from './issue-store.js';
import type { IssueChange } from './model.js';
import { webhookPayload } from './webhook-payload.js';

export interface WebhookSettings {
  /** Where deliveries go; null sends nothing. Loopback only: the simulator never calls out. */
  readonly url: string | null;
  /** Signs deliveries with `X-Hub-Signature: sha256=…`; null sends them unsigned, as Jira does without a secret. */
  readonly secret: string | null;
}

export interface DeliveryAttempt {
  /** 0 for the first attempt; resends carry it in `X-Atlassian-Webhook-Retry`. */
  readonly retry: number;
  readonly wrongSecret: boolean;
  /** The receiver's status, or null when it could not be reached. */
  readonly status: number | null;
  readonly error: string | null;
}

export interface WebhookDelivery {
  /** `X-Atlassian-Webhook-Identifier`: the same on every attempt. */
  readonly id: string;
  readonly event: string;
  readonly issueKey: string;
  readonly body: string;
  readonly attempts: ReadonlyArray<DeliveryAttempt>;
}

/** The simulated site's webhook, like a Jira admin webhook: every issue created, edited, transitioned or deleted. */
export interface WebhookControl {
  readonly settings: () => { readonly url: string | null; readonly hasSecret: boolean };
  /** Changes the target and/or the secret; refuses a URL that is not on loopback. */
  readonly configure: (settings: Partial<WebhookSettings>) => void;
  /** Signs the next `count` deliveries with a wrong secret, to see a receiver refuse them. */
  readonly signNextWithWrongSecret: (count?: number) => void;
  /** Newest last; the latest 1,000. */
  readonly deliveries: () => ReadonlyArray<WebhookDelivery>;
  /** Sends a delivery again, byte for byte, with the next retry count, as Jira retries. */
  readonly resend: (id: string, options?: { readonly wrongSecret?: boolean }) => Promise<DeliveryAttempt>;
  /**
   * Deliveries made from now on wait until the returned release is called, then go in order: a
   * site's webhooks arrive after its API has answered, and a test can make that order certain.
   */
  readonly hold: () => () => void;
  /** Resolves once every delivery sent so far has been answered. */
  readonly settled: () => Promise<void>;
}

export interface WebhookSender extends WebhookControl {
  /** Starts listening to the store; `site` is the simulator's own URL, which its links are built on. */
  readonly start: (site: string) => () => void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const checkedUrl = (url: string | null): string | null => {
  if (url === null) return null;
  const parsed = new URL(url);
  if (!['http:', 'https:'].includes(parsed.protocol) || !LOOPBACK.has(parsed.hostname)) throw new Error('The webhook URL must be http(s) on loopback');
  return parsed.toString();
};

const sign = (body: string, secret: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

type Logged = WebhookDelivery & { attempts: DeliveryAttempt[]; sends: number };

const send = async (url: string | null, headers: Record<string, string>, body: string): Promise<{ status: number | null; error: string | null }> => {
  if (url === null) return { status: null, error: 'no webhook URL is configured' };
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(20_000) });
    await response.arrayBuffer();
    return { status: response.status, error: null };
  } catch (error) {
    return { status: null, error: error instanceof Error ? error.message : String(error) };
  }
};

export const webhookSender = (deps: { store: IssueStore; accounts: ReadonlyArray<SimulatorAccount>; zone?: string }, initial: Partial<WebhookSettings> = {}): WebhookSender => {
  let settings: WebhookSettings = { url: checkedUrl(initial.url ?? null), secret: initial.secret ?? null };
  let wrongSecrets = 0;
  let changelogId = 10000;
  let held: Array<() => void> | null = null;
  const log: Logged[] = [];
  const inFlight = new Set<Promise<unknown>>();

  const post = (delivery: Logged, wrongSecret: boolean): Promise<DeliveryAttempt> => {
    const { url, secret } = settings;
    const retry = delivery.sends;
    delivery.sends += 1;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=UTF-8',
      'user-agent': 'Atlassian Webhook HTTP Client',
      'x-atlassian-webhook-identifier': delivery.id,
      'x-atlassian-webhook-flow': 'Primary',
      ...(retry > 0 ? { 'x-atlassian-webhook-retry': String(retry) } : {}),
      ...(secret === null ? {} : { 'x-hub-signature': sign(delivery.body, wrongSecret ? `${secret}-but-wrong` : secret) }),
    };
    const sent = send(url, headers, delivery.body).then((answer) => {
      const attempt = { retry, wrongSecret, ...answer };
      delivery.attempts.push(attempt);
      return attempt;
    });
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
    return sent;
  };

  const onChange = (site: string) => (change: IssueChange) => {
    if (settings.url === null) return;
    const actor = deps.accounts[0]!;
    const body = JSON.stringify(webhookPayload(change, { site, zone: deps.zone ?? actor.timeZone, store: deps.store }, actor, (changelogId += 1)));
    const delivery: Logged = { id: randomUUID(), event: `jira:${change.type}`, issueKey: change.issue.key, body, attempts: [], sends: 0 };
    log.push(delivery);
    if (log.length > 1000) log.shift();
    const wrong = wrongSecrets > 0;
    if (wrong) wrongSecrets -= 1;
    if (held === null) void post(delivery, wrong);
    else held.push(() => void post(delivery, wrong));
  };

  return {
    start: (site) => deps.store.onChange(onChange(site)),
    settings: () => ({ url: settings.url, hasSecret: settings.secret !== null }),
    configure: (next) => {
      settings = { url: next.url === undefined ? settings.url : checkedUrl(next.url), secret: next.secret === undefined ? settings.secret : next.secret };
    },
    signNextWithWrongSecret: (count = 1) => {
      wrongSecrets += count;
    },
    hold: () => {
      held = held ?? [];
      return () => {
        const waiting = held ?? [];
        held = null;
        waiting.forEach((send) => send());
      };
    },
    deliveries: () => log.map(({ sends: _sends, ...d }) => ({ ...d, attempts: [...d.attempts] })),
    resend: (id, options = {}) => {
      const delivery = log.find((d) => d.id === id);
      if (delivery === undefined) return Promise.reject(new Error(`No delivery ${id}`));
      return post(delivery, options.wrongSecret === true);
    },
    settled: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
};
