import { createHmac, randomUUID } from 'node:crypto';
import type { RecordChange, RecordStore, SnRecord } from './record-store.js';
import { renderRecord } from './render.js';
import { TASK_TABLES } from './schema.js';

export interface BusinessRuleSettings {
  /** Where deliveries go; null sends nothing. Loopback only: the simulator never calls out. */
  readonly url: string | null;
  /** Signs deliveries with `X-ServiceNow-Signature`; null sends them unsigned. */
  readonly secret: string | null;
  /** `base64` as `CertificateEncryption.generateMac` writes it, or lowercase `hex`. */
  readonly encoding: 'base64' | 'hex';
  /** Whether the body carries the record (else taskport fetches it by sys_id). */
  readonly includeRecord: boolean;
  /** Whether deliveries carry `X-Taskport-Delivery` (else the change itself is their identity). */
  readonly deliveryIds: boolean;
}

export interface BusinessRuleAttempt {
  readonly retry: number;
  readonly wrongSecret: boolean;
  readonly status: number | null;
  readonly error: string | null;
}

export interface BusinessRuleDelivery {
  readonly id: string;
  readonly table: string;
  readonly operation: RecordChange['operation'];
  readonly sysId: string;
  readonly body: string;
  readonly attempts: ReadonlyArray<BusinessRuleAttempt>;
}

/** The instance's async business rule on the synced tables (after insert, update and delete), as docs/servicenow.md has it. */
export interface BusinessRuleControl {
  readonly settings: () => Omit<BusinessRuleSettings, 'secret'> & { readonly hasSecret: boolean };
  readonly configure: (settings: Partial<BusinessRuleSettings>) => void;
  readonly signNextWithWrongSecret: (count?: number) => void;
  /** Newest last; the latest 1,000. */
  readonly deliveries: () => ReadonlyArray<BusinessRuleDelivery>;
  /** Sends a delivery again, byte for byte, as a script that retries would. */
  readonly resend: (id: string) => Promise<BusinessRuleAttempt>;
  readonly settled: () => Promise<void>;
}

export interface BusinessRuleSender extends BusinessRuleControl {
  readonly start: (instance: string) => () => void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SYNCED: ReadonlySet<string> = new Set(TASK_TABLES);
/** What the script puts in `record`: the fields taskport maps, and the two names it would otherwise look up. */
const RECORD_FIELDS = ['sys_id', 'number', 'short_description', 'description', 'state', 'priority', 'impact', 'urgency', 'active', 'assigned_to', 'assignment_group', 'due_date', 'sys_created_on', 'sys_updated_on', 'sys_mod_count', 'sys_class_name', 'assigned_to.email', 'assignment_group.name'];

const checkedUrl = (url: string | null): string | null => {
  if (url === null) return null;
  const parsed = new URL(url);
  if (!['http:', 'https:'].includes(parsed.protocol) || !LOOPBACK.has(parsed.hostname)) throw new Error('The webhook URL must be http(s) on loopback');
  return parsed.toString();
};

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

export const businessRuleSender = (store: RecordStore, initial: Partial<BusinessRuleSettings> = {}): BusinessRuleSender => {
  let settings: BusinessRuleSettings = { encoding: 'base64', includeRecord: true, deliveryIds: true, secret: null, ...initial, url: checkedUrl(initial.url ?? null) };
  let wrongSecrets = 0;
  const log: Array<BusinessRuleDelivery & { attempts: BusinessRuleAttempt[]; sends: number }> = [];
  const inFlight = new Set<Promise<unknown>>();

  const post = (delivery: (typeof log)[number], wrongSecret: boolean): Promise<BusinessRuleAttempt> => {
    const { url, secret, encoding, deliveryIds } = settings;
    const retry = delivery.sends;
    delivery.sends += 1;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'ServiceNow/1.0',
      ...(deliveryIds ? { 'x-taskport-delivery': delivery.id } : {}),
      ...(secret === null ? {} : { 'x-servicenow-signature': createHmac('sha256', wrongSecret ? `${secret}-but-wrong` : secret).update(delivery.body).digest(encoding) }),
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

  const bodyOf = (change: RecordChange, instance: string, record: SnRecord) =>
    JSON.stringify({
      table: change.table,
      sys_id: record.sys_id,
      operation: change.operation,
      sys_mod_count: record.sys_mod_count,
      occurred_at: store.now(),
      ...(settings.includeRecord ? { record: renderRecord(change.table, record, { instance, fields: RECORD_FIELDS, plainReferences: true, resolve: store.get }) } : {}),
    });

  const onChange = (instance: string) => (change: RecordChange) => {
    if (settings.url === null || !SYNCED.has(change.table)) return;
    const delivery = { id: randomUUID(), table: change.table, operation: change.operation, sysId: change.record.sys_id ?? '', body: bodyOf(change, instance, change.record), attempts: [], sends: 0 };
    log.push(delivery);
    if (log.length > 1000) log.shift();
    const wrong = wrongSecrets > 0;
    if (wrong) wrongSecrets -= 1;
    void post(delivery, wrong);
  };

  return {
    start: (instance) => store.onChange(onChange(instance)),
    settings: () => {
      const { secret, ...rest } = settings;
      return { ...rest, hasSecret: secret !== null };
    },
    configure: (next) => {
      settings = { ...settings, ...next, url: next.url === undefined ? settings.url : checkedUrl(next.url) };
    },
    signNextWithWrongSecret: (count = 1) => {
      wrongSecrets += count;
    },
    deliveries: () => log.map(({ sends: _sends, ...d }) => ({ ...d, attempts: [...d.attempts] })),
    resend: (id) => {
      const delivery = log.find((d) => d.id === id);
      return delivery === undefined ? Promise.reject(new Error(`No delivery ${id}`)) : post(delivery, false);
    },
    settled: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
};
