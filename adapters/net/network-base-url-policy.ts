import * as E from 'fp-ts/lib/Either.js';
import type { BaseUrlPolicy } from '../../core/index.js';
import { warnIfPrivateNetworkAllowed, type WarnLogger } from './logger.js';
import { urlRefusal } from './url-target.js';

export interface NetworkPolicyOptions {
  /** TASKPORT_ALLOW_PRIVATE_NETWORK: http plus loopback and private addresses, for local development. */
  readonly allowPrivateNetwork: boolean;
  readonly logger?: WarnLogger;
}

const parse = (raw: string): URL | null => {
  try {
    return new URL(raw.trim());
  } catch {
    return null;
  }
};

/**
 * The base-URL rule for saving a connection: https, no credentials, query or fragment, and no IP
 * literal in a loopback, private, link-local or metadata range. It needs no DNS; the address really
 * connected to is checked again on every request (see guarded-lookup.ts).
 */
export const networkBaseUrlPolicy = (options: NetworkPolicyOptions): BaseUrlPolicy => {
  warnIfPrivateNetworkAllowed(options.logger, options.allowPrivateNetwork, 'base-url-policy');
  return {
    check: (raw) => {
      const url = parse(raw);
      if (url === null) return E.left('must be a valid URL');
      const refusal = urlRefusal(url, options.allowPrivateNetwork);
      if (refusal !== null) return E.left(refusal);
      if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) {
        return E.left('must not have a query or fragment');
      }
      return E.right(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
    },
  };
};
