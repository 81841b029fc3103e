import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { mixSeed, seededRandom, type Random } from '../../apps/simulator/jira/prng.js';
import { TEST_JWT_SECRET } from '../http/support/tokens.js';
import type { Badness, FuzzTarget } from './fuzz-bodies.js';
import { FUZZ_ROUTES, idFor, moduleKeyFor, providerFor, workspaceFor, type FuzzRoute } from './fuzz-routes.js';
import { queryValue } from './fuzz-values.js';

export type { FuzzTarget } from './fuzz-bodies.js';

/** One request, exactly as it goes on the wire. */
export interface FuzzRequest {
  /** `fuzzRequest(seed, index, target)` gives this request again. */
  readonly index: number;
  readonly route: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

/** Bodies no JSON reader should choke on: broken, not objects, smuggling prototypes, deep, not UTF-8. */
const MALFORMED_BODIES: ReadonlyArray<string | Buffer> = [
  '{"type":', '{"a":1}}', '[', 'null', '"text"', '42', '[]', '\ufeff{}', '{"__proto__":{"polluted":true},"type":"jira"}',
  '{"constructor":{"prototype":{"polluted":true}}}', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, '{"name":"\\ud800"}', '{"name":"\\u0000"}',
  'NaN', '{"a":1,"a":2}', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]), '',
];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x'];

/**
 * Signed once, when the module loads: a token carries the second it was signed in, so tokens signed
 * per build would make two builds from one seed differ whenever a second passed between them.
 */
const BAD_TOKENS: ReadonlyArray<string> = [
  jwt.sign({ organizationId: 'acme-corp' }, TEST_JWT_SECRET, { algorithm: 'HS256', subject: 'fuzz', expiresIn: '1h' }),
  jwt.sign({ organizationId: '0a0a0a0a-0000-4000-8000-00000000000a' }, TEST_JWT_SECRET, { algorithm: 'HS256', subject: 'fuzz', expiresIn: '100y' }),
  jwt.sign({ organizationId: '0a0a0a0a-0000-4000-8000-00000000000a' }, TEST_JWT_SECRET, { algorithm: 'HS256', subject: 'fuzz', expiresIn: -10 }),
  jwt.sign({ organizationId: '0a0a0a0a-0000-4000-8000-00000000000a', sub: 'x'.repeat(500) }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' }),
  'not.a.jwt',
  'x'.repeat(8_000),
];

const badToken = (random: Random): string => random.pick(BAD_TOKENS);

const queryString = (route: FuzzRoute, random: Random, badness: Badness): string => {
  const chosen = Object.entries(route.query ?? {}).filter(() => random.chance(0.35));
  const victim = random.int(0, chosen.length);
  const pairs = chosen.flatMap(([name, kind], i) =>
    queryValue(kind, random, badness === 'chaos' ? 0.6 : badness === 'one' && i === victim ? 1 : 0).map((value) => `${name}=${value}`),
  );
  const smuggle = (badness === 'one' && victim === chosen.length) || (badness === 'chaos' && random.chance(0.3));
  const smuggled = smuggle ? [`${random.pick(['organizationId', 'extra', '__proto__', 'constructor', 'limit[]', '%00'])}=1`] : [];
  const all = [...pairs, ...smuggled];
  return all.length === 0 ? '' : `?${all.join('&')}`;
};

const signed = (body: Buffer, secret: string, random: Random): Record<string, string> =>
  random.chance(0.9)
    ? { 'x-hub-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`, 'x-atlassian-webhook-identifier': random.pick([`fuzz-${random.hex(12)}`, 'x'.repeat(250), 'with space']) }
    : random.pick<Record<string, string>>([{}, { 'x-hub-signature': 'sha256=00' }, { 'x-jira-signature': 'f'.repeat(64) }]);

const bodyOf = (route: FuzzRoute, random: Random, target: FuzzTarget, badness: Badness): { body?: Buffer; headers: Record<string, string> } => {
  if (route.method === 'GET' || (route.body === undefined && !random.chance(0.1))) return { headers: {} };
  if (badness === 'chaos' && random.chance(0.3)) {
    return { body: Buffer.from(random.pick(MALFORMED_BODIES)), headers: { 'content-type': random.chance(0.7) ? 'application/json' : random.pick(CONTENT_TYPES) } };
  }
  const value = route.body === undefined ? { unexpected: true } : route.body(random, target, badness);
  return { body: Buffer.from(JSON.stringify(value)), headers: { 'content-type': 'application/json' } };
};

/** Request number `index` of the run seeded `seed`: the same pair always gives the same request. */
export const fuzzRequest = (seed: number, index: number, target: FuzzTarget): FuzzRequest => {
  const random = seededRandom(mixSeed(seed, index));
  const route = random.pick(FUZZ_ROUTES);
  const badness = random.weighted<Badness>([
    ['none', 2],
    ['one', 5],
    ['chaos', 3],
  ]);
  const path =
    route.path
      .replace(/:(id|connectionId)/, () => idFor(route.id ?? 'any', random, target))
      .replace(':provider', () => providerFor(random))
      .replace(':workspaceId', () => workspaceFor(random))
      .replace(':moduleKey', () => moduleKeyFor(random))
      .replace(':deliveryId', () => idFor('any', random, target))
      .replace(':deadLetterId', () => random.pick(['1', '42', '999999999999999999', '99999999999999999999', '-1', '1e3', idFor('any', random, target)]))
      .replace(':runId', () => idFor('any', random, target)) + queryString(route, random, badness);
  const { body, headers } = bodyOf(route, random, target, badness);
  const auth =
    route.auth === 'jwt' ? { authorization: `Bearer ${random.chance(0.92) ? target.token : badToken(random)}` } : route.auth === 'webhook' && body !== undefined ? signed(body, target.webhookSecret, random) : {};
  return { index, route: `${route.method} ${route.path}`, method: route.method, path, headers: { ...headers, ...auth }, ...(body === undefined ? {} : { body }) };
};

export interface FuzzOutcome {
  readonly request: FuzzRequest;
  /** The HTTP status, or 0 when no answer could be read. */
  readonly status: number;
  readonly answer: string;
}

/** Sends one request over real HTTP and reads the whole answer. */
export const sendFuzzRequest = async (baseUrl: string, request: FuzzRequest): Promise<FuzzOutcome> => {
  try {
    const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
    return { request, status: response.status, answer: (await response.text()).slice(0, 500) };
  } catch (error) {
    return { request, status: 0, answer: String((error as { cause?: unknown }).cause ?? error) };
  }
};

export interface FuzzReport {
  readonly counts: Readonly<Record<number, number>>;
  /** Every answer of 500 or more (and every request left unanswered), to reproduce them. */
  readonly failures: ReadonlyArray<FuzzOutcome>;
}

/** Sends requests `from` to `from + count - 1` of the run seeded `seed`, `concurrency` at a time. */
export const runFuzz = async (baseUrl: string, target: FuzzTarget, options: { seed: number; count: number; concurrency?: number; from?: number }): Promise<FuzzReport> => {
  const counts: Record<number, number> = {};
  const failures: FuzzOutcome[] = [];
  let next = options.from ?? 0;
  const end = next + options.count;
  const worker = async () => {
    while (next < end) {
      const outcome = await sendFuzzRequest(baseUrl, fuzzRequest(options.seed, next++, target));
      counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
      if (outcome.status === 0 || outcome.status >= 500) failures.push(outcome);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return { counts, failures };
};
