import type { FieldIssue } from '../../../../core/index.js';
import type { HttpClient } from '../http-client.js';
import { UNDOCUMENTED, type Expectation, type FieldPath, type FieldProbe } from './field-probes.js';

/** How the API refuses a field it does not define (README: "<name> is not an allowed field"). */
const UNKNOWN_FIELD_MESSAGE = 'is not an allowed field';

export interface ProbeTarget {
  readonly method: string;
  /** With its parameters filled in. */
  readonly path: string;
  readonly location: 'body' | 'query';
  /** Fields every request of this target carries (the discriminator of a body variant). */
  readonly fixed: Readonly<Record<string, unknown>>;
  readonly token: string;
  /** Every field name the API knows of (name-pool.ts): each one an object does not document, it must refuse. */
  readonly knownNames: ReadonlyArray<string>;
}

const setIn = (base: unknown, at: FieldPath, value: unknown): unknown => {
  const [key, ...rest] = at;
  if (key === undefined) return value;
  if (typeof key === 'number') return [setIn(undefined, rest, value)];
  const record = typeof base === 'object' && base !== null && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
  return { ...record, [key]: setIn(record[key], rest, value) };
};

const queryString = (values: Readonly<Record<string, unknown>>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) (Array.isArray(value) ? value : [value]).forEach((v) => search.append(name, String(v)));
  return search.toString();
};

const sameSet = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) => a.length === b.length && a.every((x) => b.includes(x));

type Checked = Exclude<Expectation, { kind: 'shape' }> | { readonly kind: 'exactly'; readonly among: ReadonlyArray<string>; readonly named: ReadonlyArray<string>; readonly unknown: ReadonlyArray<string> };

/** Why the refusal does not meet the expectation; undefined when it does. */
const mismatch = (details: ReadonlyArray<FieldIssue>, expect: Checked): string | undefined => {
  const messageOf = (path: string) => details.find((d) => d.path === path)?.message;
  const said = () => JSON.stringify(details.map((d) => `${d.path} ${d.message}`));
  switch (expect.kind) {
    case 'refused': {
      const message = messageOf(expect.path);
      if (message === undefined) return `did not name ${expect.path}: ${said()}`;
      if (message.startsWith(UNKNOWN_FIELD_MESSAGE)) return `does not know ${expect.path}: ${said()}`;
      const listed = /^must be one of (.+)$/.exec(message)?.[1]?.split(', ');
      if (expect.allowed !== undefined && (listed === undefined || !sameSet(listed, expect.allowed))) return `said "${expect.path} ${message}"; the document allows ${expect.allowed.join(', ')}`;
      return undefined;
    }
    case 'accepted':
      return messageOf(expect.path) === undefined ? undefined : `refused it: ${said()}`;
    case 'known':
      return messageOf(expect.path)?.startsWith(UNKNOWN_FIELD_MESSAGE) ? `does not know ${expect.path}` : undefined;
    case 'exactly': {
      const named = details.map((d) => d.path).filter((path) => expect.among.includes(path));
      const missing = expect.named.filter((path) => !named.includes(path));
      const extra = named.filter((path) => !expect.named.includes(path));
      if (missing.length > 0 || extra.length > 0) return `did not name ${JSON.stringify(missing)}, named ${JSON.stringify(extra)} too: ${said()}`;
      const taken = expect.unknown.filter((path) => !messageOf(path)?.startsWith(UNKNOWN_FIELD_MESSAGE));
      return taken.length === 0 ? undefined : `knows ${JSON.stringify(taken)}, which the document does not list here: ${said()}`;
    }
  }
};

const joined = (at: FieldPath, name: string) => [...at, name].join('.');

/** A shape probe made concrete: the object holding every known name it does not document, and what must be named. */
const concrete = (target: ProbeTarget, probe: FieldProbe): { readonly value: unknown; readonly expect: Checked } => {
  if (probe.expect.kind !== 'shape') return { value: probe.value, expect: probe.expect };
  const { documented, required } = probe.expect;
  const others = [UNDOCUMENTED, ...target.knownNames.filter((name) => name !== UNDOCUMENTED && !documented.includes(name))];
  const value = Object.fromEntries(others.map((name) => [name, target.location === 'query' ? '1' : 1]));
  const unknown = others.map((name) => joined(probe.at, name));
  return {
    value,
    expect: { kind: 'exactly', among: [...documented.map((name) => joined(probe.at, name)), ...unknown], named: [...required.map((name) => joined(probe.at, name)), ...unknown], unknown },
  };
};

/** Sends one probe over HTTP; answers what went wrong, or undefined. */
export const runProbe = async (http: HttpClient, target: ProbeTarget, probe: FieldProbe): Promise<string | undefined> => {
  const { value, expect } = concrete(target, probe);
  const input = (probe.at.length === 0 ? { ...target.fixed, ...(value as object) } : setIn(target.fixed, probe.at, value)) as Record<string, unknown>;
  const sent = probe.withUndocumented ? { ...input, [UNDOCUMENTED]: target.location === 'query' ? '1' : 1 } : input;
  const response =
    target.location === 'body'
      ? await http.call(target.method, target.path, { token: target.token, body: sent })
      : await http.call(target.method, `${target.path}?${queryString(sent)}`, { token: target.token });
  const code = target.location === 'body' ? 'validation/invalid-body' : 'validation/invalid-query';
  const error = response.json?.error as { code?: string; details?: ReadonlyArray<FieldIssue> } | undefined;
  const problem = response.status !== 400 || error?.code !== code ? `answered ${response.status} ${error?.code ?? response.text.slice(0, 200)}, not 400 ${code}` : mismatch(error.details ?? [], expect);
  return problem === undefined ? undefined : `${target.method} ${target.path} ${target.location} ${probe.what}: ${problem}`;
};
