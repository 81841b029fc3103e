import * as E from 'fp-ts/lib/Either.js';
import { checkBaseUrlByRules } from '../shared/base-url.js';
import { CONNECTWISE_BASE_URL_RULES } from './facts.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export interface ConnectWiseHostOptions {
  /** Operator-allowed on-premise hosts (TASKPORT_CONNECTWISE_ALLOWED_HOSTS). */
  readonly allowedHosts?: ReadonlyArray<string>;
  /** TASKPORT_ALLOW_PRIVATE_NETWORK: a loopback simulator may be reached too. */
  readonly allowPrivateNetwork: boolean;
}

/**
 * https on a ConnectWise cloud host or an operator-allowed on-premise one; a loopback host (the
 * simulator) only under the private-network flag. The network guard then refuses private,
 * loopback and metadata addresses whatever the host name says.
 */
export const checkConnectWiseBaseUrl = (options: ConnectWiseHostOptions) => {
  const byRules = checkBaseUrlByRules({ ...CONNECTWISE_BASE_URL_RULES, extraHosts: options.allowedHosts ?? [] });
  return (raw: string): E.Either<string, string> => {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      return E.left('must be a valid URL');
    }
    if (options.allowPrivateNetwork && LOOPBACK.test(url.hostname)) return E.right(raw.trim());
    if (url.protocol !== 'https:') return E.left('must use https');
    return E.mapLeft((reason: string) => `${reason}, or a host the operator allowed (TASKPORT_CONNECTWISE_ALLOWED_HOSTS)`)(byRules(raw));
  };
};

/** Whether a host may serve a callback's signing key for a connection on `siteHost`. */
export const isKeyHostAllowed = (keyHost: string, siteHost: string, suffixes: ReadonlyArray<string>): boolean => {
  const host = keyHost.toLowerCase();
  return host === siteHost.toLowerCase() || suffixes.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
};
