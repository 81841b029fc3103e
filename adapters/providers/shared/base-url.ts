import * as E from 'fp-ts/lib/Either.js';

/** Where a provider's instances live, as data. The network guard checks every address besides. */
export interface BaseUrlRules {
  /** Host suffixes such as `.service-now.com`; empty means any host. */
  readonly hostSuffixes: ReadonlyArray<string>;
  /** Hosts the operator allowed besides (on-premise servers, local simulators). */
  readonly extraHosts?: ReadonlyArray<string>;
}

/** Refuses a URL whose host the rules do not allow; the network guard then checks and normalizes it. */
export const checkBaseUrlByRules =
  (rules: BaseUrlRules) =>
  (raw: string): E.Either<string, string> => {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      return E.left('must be a valid URL');
    }
    const host = url.hostname.toLowerCase();
    const allowed =
      rules.hostSuffixes.length === 0 ||
      rules.hostSuffixes.some((suffix) => host.endsWith(suffix.toLowerCase()) && host.length > suffix.length) ||
      (rules.extraHosts ?? []).some((extra) => extra.toLowerCase() === host);
    return allowed ? E.right(raw.trim()) : E.left(`must be on ${[...rules.hostSuffixes.map((s) => `*${s}`), ...(rules.extraHosts ?? [])].join(', ')}`);
  };
