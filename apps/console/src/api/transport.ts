import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { ApiError } from './api-error';
import { ErrorBodyCodec } from './codecs';

export interface Transport {
  /** Calls the API and decodes the JSON answer with `codec`; a failure is thrown as an ApiError. */
  readonly call: <A>(method: string, path: string, codec: t.Decoder<unknown, A>, body?: unknown, options?: CallOptions) => Promise<A>;
}

export interface CallOptions {
  /**
   * Keep what the answer sets in this browser: only starting an OAuth authorization needs it (the
   * cookie that binds the authorization to this browser). Every other call sends and keeps no cookie.
   */
  readonly keepCookies?: boolean;
  /** Request headers beyond the ones every call sends (`Prefer: respond-async`). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TransportOptions {
  /** The bearer token, read at each call: it lives in memory only. */
  readonly token: () => string | undefined;
  /** A 401: the token expired or was refused. */
  readonly onUnauthorized: () => void;
}

const readJson = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(response.status, 'client/unreadable-response', `The server answered ${response.status} with something that is not JSON`);
  }
};

const failureOf = (status: number, body: unknown): ApiError => {
  const decoded = ErrorBodyCodec.decode(body);
  if (E.isLeft(decoded)) return new ApiError(status, 'client/unexpected-error', `The server answered ${status}`);
  const { code, message, details, requestId } = decoded.right.error;
  return new ApiError(status, code, message, details ?? [], requestId);
};

/** The console's only way to the API: same origin, bearer token, JSON in and out, every answer decoded. */
export const transport = (options: TransportOptions): Transport => ({
  call: async (method, path, codec, body, callOptions = {}) => {
    const token = options.token();
    const headers: Record<string, string> = { ...callOptions.headers, accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const credentials: RequestCredentials = callOptions.keepCookies === true ? 'same-origin' : 'omit';
    const response = await fetch(path, { method, headers, credentials, cache: 'no-store', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const json = await readJson(response);
    if (response.status === 401) options.onUnauthorized();
    if (!response.ok) throw failureOf(response.status, json);
    const decoded = codec.decode(json);
    if (E.isLeft(decoded)) throw new ApiError(response.status, 'client/unexpected-response', `${method} ${path} answered in an unexpected shape`);
    return decoded.right;
  },
});
