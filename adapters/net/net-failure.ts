/** Why an HTTP exchange produced no response; each kind is worded for a person in describeNetFailure. */
export type NetFailure =
  | { readonly kind: 'timeout'; readonly host: string; readonly timeoutMs: number }
  | { readonly kind: 'tls'; readonly host: string; readonly code: string }
  | { readonly kind: 'dns'; readonly host: string; readonly code: string }
  | { readonly kind: 'refused'; readonly host: string }
  | { readonly kind: 'network'; readonly host: string; readonly code: string }
  | { readonly kind: 'blocked'; readonly host: string; readonly reason: string }
  | { readonly kind: 'redirect'; readonly host: string; readonly status: number; readonly locationHost: string; readonly location: string }
  | { readonly kind: 'too-large'; readonly host: string; readonly limitBytes: number };

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'EPROTO',
]);

const isTlsCode = (code: string) => TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
};

/** Turns what the request or its answer failed with into a NetFailure; the caller has already recognised its own timeout. */
export const classifyThrown = (error: unknown, host: string, blockedCode: string): NetFailure => {
  const code = codeOf(error);
  if (code === blockedCode) {
    // The guarded lookup's own error: its message ends with "Refused to connect to <host>: <reason>".
    const reason = (error instanceof Error ? /Refused to connect to [^:]+: (.*)$/.exec(error.message)?.[1] : undefined) ?? 'an internal address';
    return { kind: 'blocked', host, reason };
  }
  if (isTlsCode(code)) return { kind: 'tls', host, code };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') return { kind: 'dns', host, code };
  if (code === 'ECONNREFUSED') return { kind: 'refused', host };
  return { kind: 'network', host, code };
};

/** Worth another attempt: the same request may well succeed a moment later. */
export const isTransient = (failure: NetFailure): boolean =>
  failure.kind === 'timeout' ||
  failure.kind === 'refused' ||
  failure.kind === 'network' ||
  (failure.kind === 'dns' && failure.code === 'EAI_AGAIN');

/** A sentence a person can act on. */
export const describeNetFailure = (failure: NetFailure): string => {
  switch (failure.kind) {
    case 'timeout':
      return `${failure.host} did not answer within ${Math.ceil(failure.timeoutMs / 1000)} s; the site may be down or overloaded, try again later`;
    case 'tls':
      return `The secure (TLS) connection to ${failure.host} failed (${failure.code}); check that the base URL is the site's https address and that its certificate is valid`;
    case 'dns':
      return `The host ${failure.host} could not be found (${failure.code}); check the base URL`;
    case 'refused':
      return `${failure.host} refused the connection; check the base URL and port`;
    case 'network':
      return `The connection to ${failure.host} failed (${failure.code}); try again later`;
    case 'blocked':
      return `taskport does not connect to ${failure.host}: ${failure.reason}`;
    case 'redirect':
      return `${failure.host} answered with a redirect (${failure.status}) to ${failure.locationHost}; use the site's own URL as the base URL`;
    case 'too-large':
      return `${failure.host} sent a response larger than ${failure.limitBytes} bytes`;
  }
};
