import type { Random } from '../../apps/simulator/jira/prng.js';

/** What a field holds when it is well-formed; the fuzzer starts from such a value and breaks it. */
export type FieldKind = 'text' | 'secret' | 'email' | 'url' | 'uuid' | 'date' | 'int' | 'bool' | 'cursor' | readonly string[];

const deeplyNested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Strings no field should store: NUL, lone surrogates, controls, lengths past every limit, injections. */
export const BAD_STRINGS: ReadonlyArray<string> = [
  '', ' ', '\t\n', 'a\u0000b', '\u0000', 'x\ud800', '\udc00y', 'pair \ud83d\ude00 then lone \ud83d', '\ud800\u0000',
  'x'.repeat(201), 'x'.repeat(4_001), 'y'.repeat(100_000), "' or '1'='1", "'); drop table external_tasks; --", '<script>alert(1)</script>',
  '%00', '\\u0000', '\u202egnp.exe', '\u200b', '\r\nX-Injected: 1', 'NaN', '-1', '1e309', '０１２', '${jndi:ldap://x/a}', '../../etc/passwd',
  '__proto__', 'constructor', '\u{10ffff}', '\ufeffbom', 'ａｄｍｉｎ@example.com',
];

/** Text PostgreSQL refuses (NUL) or that jsonb refuses (a lone surrogate), around ordinary text. */
const UNSTORABLE: ReadonlyArray<(text: string) => string> = [
  (text) => `${text}\u0000`,
  (text) => `\u0000${text}`,
  (text) => `${text.slice(0, 2)}\ud800${text.slice(2)}`,
  (text) => `${text}\udfff`,
  (text) => `\ud83d${text}`,
];

/** Numbers and other JSON values in the wrong place. */
export const BAD_VALUES: ReadonlyArray<unknown> = [
  0, -1, 1.5, 1e300, -1e300, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e20, true, false, null, [], {}, [1, 'two'], { nested: { value: 1 } },
  deeplyNested(2_000),
];

/** Dates PostgreSQL cannot hold, days that do not exist, and text that is no date at all. */
export const ODD_DATES: ReadonlyArray<string> = [
  '0000-01-01', '-000001-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-02-30', '2026-13-01', '2026-01-01T24:00:00Z',
  '2026-01-01T10:00:00+99:00', '9999-12-31T23:59:59-05:00', '0001-01-01T00:00:00+01:00', '1970-01-01', '1969-12-31T23:59:59.999Z', 'yesterday', '2026-1-1', '2026-01-01T10:00:00.1234567890123Z',
];

const ODD_CURSORS = ['999999999999999_0a0a0a0a-0000-4000-8000-00000000000a', '-999999999999999_x', '1_', '_', '0_00000000-0000-0000-0000-000000000000', 'x'.repeat(500)];
const ODD_URLS = ['ftp://example.com', 'javascript:alert(1)', 'http://169.254.169.254/latest/meta-data', 'http://[::1', 'https://', 'not a url', 'http://exa mple.com'];

/** A well-formed value of `kind`; `valid` gives those the fuzzer cannot invent (the tracker's URL). */
export const wellFormed = (kind: FieldKind, random: Random, valid: Partial<Record<string, () => unknown>> = {}): unknown => {
  if (Array.isArray(kind)) return random.pick(kind);
  const given = typeof kind === 'string' ? valid[kind] : undefined;
  if (given !== undefined) return given();
  switch (kind) {
    case 'text':
      return `Field ${random.hex(6)}`;
    case 'secret':
      return `secret-${random.hex(16)}`;
    case 'email':
      return `person.${random.hex(4)}@example.com`;
    case 'uuid':
      return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-8${random.hex(3)}-${random.hex(12)}`;
    case 'date':
      return new Date(Date.UTC(2020 + random.int(0, 6), random.int(0, 11), random.int(1, 28))).toISOString();
    case 'int':
      return random.int(1, 500);
    case 'bool':
      return random.chance(0.5);
    default:
      return `value-${random.hex(4)}`;
  }
};

const oddFor = (kind: FieldKind, random: Random): unknown => {
  if (kind === 'date') return random.pick(ODD_DATES);
  if (kind === 'cursor') return random.pick(ODD_CURSORS);
  if (kind === 'url') return random.pick(ODD_URLS);
  return random.pick(BAD_STRINGS);
};

/** A value a field of `kind` should refuse: odd for its kind, a bad string, or not a string at all. */
export const broken = (kind: FieldKind, random: Random): unknown =>
  random.weighted<() => unknown>([
    [() => random.pick(UNSTORABLE)(String(wellFormed(kind, random))), 3],
    [() => oddFor(kind, random), 3],
    [() => random.pick(BAD_STRINGS), 2],
    [() => random.pick(BAD_VALUES), 2],
  ])();

/**
 * `encodeURIComponent` refuses lone surrogates; they are sent as the bytes UTF-16 would have become
 * (ED A0 80), which no UTF-8 decoder accepts, so the server meets them as it would from a client.
 */
const escapeAnything = (text: string): string => encodeURIComponent(text.replace(/\p{Cs}/gu, '\ufffd')).replaceAll('%EF%BF%BD', '%ED%A0%80');

/** A query value: a string, repeated, or escaped in ways a URL parser might trip on. */
export const queryValue = (kind: FieldKind, random: Random, badness: number, valid: Partial<Record<string, () => unknown>> = {}): string[] => {
  const value = random.chance(badness) ? broken(kind, random) : wellFormed(kind, random, valid);
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return random.weighted<() => string[]>([
    [() => [escapeAnything(text.slice(0, 3000))], 8],
    [() => [escapeAnything(text.slice(0, 100)), escapeAnything(String(wellFormed(kind, random, valid)))], 1],
    [() => [random.pick(['%00', '%ZZ', '%E0%A4%A', '%ud800', '%', '%2500', '%C0%80'])], 1],
  ])();
};
