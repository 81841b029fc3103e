import type { OutgoingHttpHeaders } from 'node:http';

/** What every request says unless the caller says otherwise: compressed answers welcome (trackers send gzip). */
const DEFAULTS: Readonly<Record<string, string>> = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'taskport' };

/**
 * The headers sent: the caller's, over the defaults whatever their case (never both `Accept` and
 * `accept`), plus the body's length and, as fetch does, a text type for a body that names none.
 */
export const requestHeaders = (given: Readonly<Record<string, string>>, body: Buffer | undefined): OutgoingHttpHeaders => {
  const headers: Record<string, string> = { ...DEFAULTS };
  for (const [name, value] of Object.entries(given)) {
    delete headers[name.toLowerCase()];
    headers[name] = value;
  }
  if (body === undefined) return headers;
  const named = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  return {
    ...(named.has('content-type') ? {} : { 'content-type': 'text/plain;charset=UTF-8' }),
    ...headers,
    ...(named.has('content-length') ? {} : { 'content-length': String(body.length) }),
  };
};
