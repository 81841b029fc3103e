import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal } from './address-ranges.js';

export const ADDRESS_BLOCKED = 'ERR_TASKPORT_ADDRESS_BLOCKED';

/** dns.lookup's shape when asked for every address. */
export type ResolveAll = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolve: ResolveAll = (hostname, options, callback) => dns.lookup(hostname, options, callback);

const blocked = (hostname: string, reason: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`Refused to connect to ${hostname}: ${reason}`), { code: ADDRESS_BLOCKED });

/**
 * A `lookup` for sockets that refuses a host name when any address it resolves to is internal, so
 * a name that passed the base-URL check cannot be re-pointed at the internal network (DNS rebinding).
 * The check runs on the addresses the socket will actually use.
 */
export const guardedLookup =
  (allowPrivateNetwork: boolean, resolve: ResolveAll = systemResolve): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, '', 0);
      const refusal = addresses.map((a) => addressRefusal(a.address, allowPrivateNetwork)).find((r) => r !== null);
      if (refusal !== undefined) return callback(blocked(hostname, refusal), '', 0);
      const first = addresses[0];
      if (first === undefined) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all === true) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };

export interface GuardedAgents {
  readonly forUrl: (url: URL) => http.Agent;
  readonly destroy: () => void;
}

/**
 * Keep-alive agents whose every connection goes through the guarded lookup. No socket cap per host:
 * fairness between tenants comes from the per-connection throttle, and several tenants can share a
 * host (the Atlassian API gateway).
 */
export const guardedAgents = (allowPrivateNetwork: boolean, resolve?: ResolveAll): GuardedAgents => {
  const lookup = guardedLookup(allowPrivateNetwork, resolve);
  const plain = new http.Agent({ keepAlive: true, lookup });
  const secure = new https.Agent({ keepAlive: true, lookup });
  return {
    forUrl: (url) => (url.protocol === 'http:' ? plain : secure),
    destroy: () => {
      plain.destroy();
      secure.destroy();
    },
  };
};
