import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Kind, TicketStore } from './store.js';
import { render } from './store.js';

export interface RegisteredCallback {
  readonly id: number;
  readonly url: string;
  readonly type: string;
  readonly level: string;
  readonly objectId: number;
  readonly description: string;
  readonly inactiveFlag: boolean;
}

export interface CallbackControl {
  readonly list: () => ReadonlyArray<RegisteredCallback>;
  readonly add: (callback: Omit<RegisteredCallback, 'id'>) => RegisteredCallback;
  readonly remove: (id: number) => boolean;
  /** The signing key behind a key_url id. */
  readonly signingKey: (keyId: string) => string | undefined;
  /** Sends a ticket callback to every active ticket callback; answers when all are answered. */
  readonly send: (action: 'added' | 'updated' | 'deleted', kind: Kind, id: number, options?: { readonly entity?: 'omit' | 'garbled' }) => Promise<ReadonlyArray<number>>;
  /**
   * Holds every callback until `release()` (ConnectWise sends them some time after the change): a
   * test decides whether a callback reaches the API before or after what it is testing.
   */
  readonly hold: () => void;
  /** Sends the held callbacks in order, and every later one at once; answers when all are answered. */
  readonly release: () => Promise<void>;
  /** Every body sent, newest last, with its signature header. */
  readonly sent: () => ReadonlyArray<{ readonly url: string; readonly body: string; readonly signature: string; readonly status: number }>;
}

/**
 * ConnectWise's callbacks: bodies with the entity as a JSON string, signed with
 * `x-content-signature` = base64 HMAC-SHA256(body) keyed with SHA-256(signing key), where the key
 * is served at the body's `Metadata.key_url`.
 */
export const callbackControl = (store: TicketStore, site: { readonly url: () => string; readonly codebase: string; readonly companyId: string }): CallbackControl => {
  const callbacks = new Map<number, RegisteredCallback>();
  const keyId = randomUUID();
  const signingKey = `sim-${randomUUID()}`;
  const log: { url: string; body: string; signature: string; status: number }[] = [];
  let nextId = 26550;
  let held: Array<() => Promise<unknown>> | null = null;
  const control: CallbackControl = {
    list: () => [...callbacks.values()],
    add: (callback) => {
      const added = { ...callback, id: (nextId += 1) };
      callbacks.set(added.id, added);
      return added;
    },
    remove: (id) => callbacks.delete(id),
    signingKey: (id) => (id === keyId ? signingKey : undefined),
    hold: () => void (held ??= []),
    release: async () => {
      const waiting = held ?? [];
      held = null;
      for (const send of waiting) await send();
    },
    send: async (action, kind, id, options = {}) => {
      if (held !== null) {
        // The entity is read when the callback leaves, as ConnectWise reads the record it sends.
        held.push(() => control.send(action, kind, id, options));
        return [];
      }
      const ticket = store.find(kind, id);
      const entity = action === 'deleted' || options.entity === 'omit' || ticket === undefined ? null : options.entity === 'garbled' ? '{"id":' : JSON.stringify(render(ticket));
      const body = JSON.stringify({
        Action: action,
        Type: 'ticket',
        ID: id,
        Entity: entity,
        CallbackObjectRecId: 0,
        CompanyId: site.companyId,
        MemberId: 'simulator',
        FromUrl: new URL(site.url()).host,
        MessageId: randomUUID(),
        Metadata: { key_url: `${site.url()}/${site.codebase}//system/callbackkey/index.rails?companyName=${site.companyId}&id=${keyId}` },
      });
      const signature = createHmac('sha256', createHash('sha256').update(signingKey).digest()).update(body).digest('base64');
      const targets = [...callbacks.values()].filter((c) => c.type === 'ticket' && !c.inactiveFlag);
      return Promise.all(
        targets.map(async (callback) => {
          const answer = await fetch(callback.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-content-signature': signature }, body }).catch(() => null);
          const status = answer?.status ?? 0;
          log.push({ url: callback.url, body, signature, status });
          return status;
        }),
      );
    },
    sent: () => log,
  };
  return control;
};
