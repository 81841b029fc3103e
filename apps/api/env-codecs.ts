import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** Decoders of environment variables: each failure message says what a good value looks like. */
export const optionalString = t.union([t.string, t.undefined]);

export const IntFromEnv = (name: string, min: number, max: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number',
    (u, c) => {
      if (u === undefined || u === '') return t.failure(u, c, 'is required');
      const n = Number(u);
      return typeof u === 'string' && /^\d+$/.test(u) && n >= min && n <= max ? t.success(n) : t.failure(u, c, `must be an integer from ${min} to ${max}`);
    },
    String,
  );

export const BooleanFromEnv = new t.Type<boolean, string, unknown>(
  'BooleanFromEnv',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => (u === 'true' || u === '1' ? t.success(true) : u === 'false' || u === '0' ? t.success(false) : t.failure(u, c, 'must be true or false')),
  String,
);

const key32 = (text: string): Buffer | undefined => {
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 ? key : undefined;
};

export const Key32FromBase64 = new t.Type<Buffer, string, unknown>(
  'Key32FromBase64',
  (u): u is Buffer => Buffer.isBuffer(u),
  (u, c) => {
    const key = typeof u === 'string' ? key32(u) : undefined;
    return key !== undefined ? t.success(key) : t.failure(u, c, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  },
  (b) => b.toString('base64'),
);

/** Comma-separated 32-byte keys, base64; the message names a bad key by its position, never by its value. */
export const KeyListFromBase64 = new t.Type<ReadonlyArray<Buffer>, string, unknown>(
  'KeyList',
  (u): u is ReadonlyArray<Buffer> => Array.isArray(u),
  (u, c) => {
    const items = typeof u === 'string' ? u.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
    const keys = items.map(key32);
    const bad = keys.findIndex((key) => key === undefined);
    return bad < 0 ? t.success(keys as Buffer[]) : t.failure(u, c, `must be comma-separated keys of 32 bytes, base64-encoded (key ${bad + 1} is not one)`);
  },
  (keys) => keys.map((key) => key.toString('base64')).join(','),
);

const urlWithProtocol = (name: string, protocols: RegExp, expected: string) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string',
    (u, c) => {
      try {
        return typeof u === 'string' && protocols.test(new URL(u).protocol) ? t.success(u) : t.failure(u, c, `must be ${expected}`);
      } catch {
        return t.failure(u, c, `must be ${expected}`);
      }
    },
    String,
  );

export const HttpUrlFromEnv = urlWithProtocol('HttpUrl', /^https?:$/, 'an http:// or https:// URL');

/** The message never repeats the value: a database URL usually holds a password. */
export const PostgresUrlFromEnv = urlWithProtocol(
  'PostgresUrl',
  /^postgres(ql)?:$/,
  'a postgres:// (or postgresql://) URL such as postgres://user:password@host:5432/taskport',
);

export const HttpUrlListFromEnv = new t.Type<ReadonlyArray<string>, string, unknown>(
  'UrlList',
  (u): u is ReadonlyArray<string> => Array.isArray(u),
  (u, c) => {
    const items = typeof u === 'string' ? u.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
    const bad = items.find((item) => E.isLeft(HttpUrlFromEnv.validate(item, c)));
    return bad === undefined ? t.success(items) : t.failure(u, c, `must be a comma-separated list of URLs (http or https; ${bad} is not one)`);
  },
  (list) => list.join(','),
);

export const LogLevel = t.keyof({ fatal: null, error: null, warn: null, info: null, debug: null, trace: null, silent: null });

export const withDefault = <A>(codec: t.Type<A, string, unknown>, fallback: string) =>
  new t.Type<A, string, unknown>(codec.name, codec.is, (u, c) => codec.validate(u === undefined || u === '' ? fallback : u, c), codec.encode);

export const optional = <A, O>(codec: t.Type<A, O, unknown>) =>
  new t.Type<A | undefined, O | undefined, unknown>(
    codec.name,
    (u): u is A | undefined => u === undefined || codec.is(u),
    (u, c) => (u === undefined || u === '' ? t.success(undefined) : codec.validate(u, c)),
    (a) => (a === undefined ? undefined : codec.encode(a)),
  );

/** Origins (scheme, host and port, no path) allowed to frame the console. */
export const OriginListFromEnv = new t.Type<ReadonlyArray<string>, string, unknown>(
  'OriginList',
  (u): u is ReadonlyArray<string> => Array.isArray(u),
  (u, c) => {
    const items = typeof u === 'string' ? u.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
    const bad = items.find((item) => {
      try {
        return new URL(item).origin !== item.replace(/\/$/, '');
      } catch {
        return true;
      }
    });
    return bad === undefined
      ? t.success(items.map((item) => new URL(item).origin))
      : t.failure(u, c, `must be a comma-separated list of origins such as https://app.example.com (${bad} is not one)`);
  },
  (list) => list.join(','),
);

/** Host names (no scheme, no port), lower-cased: hosts a provider may reach beside its cloud. */
export const HostListFromEnv = new t.Type<ReadonlyArray<string>, string, unknown>(
  'HostList',
  (u): u is ReadonlyArray<string> => Array.isArray(u),
  (u, c) => {
    const items = typeof u === 'string' ? u.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '') : [];
    const bad = items.find((item) => !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(item));
    return bad === undefined ? t.success(items) : t.failure(u, c, `must be a comma-separated list of host names (${bad} is not one)`);
  },
  (list) => list.join(','),
);
