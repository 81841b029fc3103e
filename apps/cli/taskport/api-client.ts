import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
// The one reporter of core, without loading the rest of core: the CLI starts faster.
import { toFieldIssues } from '../../../core/codecs/report.js';

/** A failure the CLI reports in one line and turns into its exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

export interface ApiTarget {
  readonly url: string;
  readonly token: string;
}

const ErrorBody = t.type({ error: t.type({ code: t.string, message: t.string }) });

export interface ApiClient {
  /** The `data` of a success, decoded with `codec`; an error answer or an unexpected body is a `CliFailure`. */
  readonly call: <A>(codec: t.Type<A, unknown>, method: string, path: string, options?: CallOptions) => Promise<A>;
  /** Like `call`, with the cursor of the next page of a list. */
  readonly page: <A>(codec: t.Type<A, unknown>, path: string) => Promise<{ readonly data: A; readonly nextCursor: string | null }>;
}

interface CallOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const Meta = t.partial({ meta: t.partial({ nextCursor: t.union([t.string, t.null]) }) });

const decode = <A>(codec: t.Type<A, unknown>, value: unknown, what: string): A => {
  const decoded = codec.decode(value);
  if (E.isRight(decoded)) return decoded.right;
  throw new CliFailure(`Unexpected answer from ${what}: ${toFieldIssues(decoded.left).map((i) => `${i.path} ${i.message}`).join('; ')}`);
};

/** The taskport API at `target.url`, as the organization the token names. */
export const apiClient = (target: ApiTarget): ApiClient => {
  const send = async (method: string, path: string, options: CallOptions = {}): Promise<{ readonly body: unknown; readonly what: string }> => {
    const url = new URL(path, target.url.endsWith('/') ? target.url : `${target.url}/`);
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${target.token}`, accept: 'application/json', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    }).catch((error: unknown) => {
      throw new CliFailure(`Cannot reach the taskport API at ${target.url}: ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}`);
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = ErrorBody.is(body) ? `${body.error.message} (${body.error.code})` : `HTTP ${response.status}`;
      throw new CliFailure(`${method} ${url.pathname}: ${error}`);
    }
    return { body, what: `${method} ${url.pathname}` };
  };
  return {
    call: async (codec, method, path, options) => {
      const { body, what } = await send(method, path, options);
      return decode(t.type({ data: codec }), body, what).data;
    },
    page: async (codec, path) => {
      const { body, what } = await send('GET', path);
      const decoded = decode(t.intersection([t.type({ data: codec }), Meta]), body, what);
      return { data: decoded.data, nextCursor: decoded.meta?.nextCursor ?? null };
    },
  };
};
