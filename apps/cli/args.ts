import { parseArgs } from 'node:util';

/** `--name value` flags, falling back to an environment variable, then a default. */
export const flagsOrEnv = <K extends string>(spec: Record<K, { env: string; default?: string }>): Record<K, string | undefined> => {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(spec).map((k) => [k, { type: 'string' as const }])),
    allowPositionals: false,
    strict: true,
  });
  return Object.fromEntries(
    (Object.entries(spec) as Array<[K, { env: string; default?: string }]>).map(([k, s]) => [k, (values[k] as string | undefined) ?? process.env[s.env] ?? s.default]),
  ) as Record<K, string | undefined>;
};
