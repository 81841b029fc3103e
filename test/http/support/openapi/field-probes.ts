import { resolve, typesOf, type Contract, type Schema } from './contract.js';

/** Where a value goes: a key of the body or query, then keys and indexes inside it. */
export type FieldPath = ReadonlyArray<string | number>;

/** A field nothing knows of: sent beside a valid value, it makes a strict body or query refuse the request without doing anything. */
export const UNDOCUMENTED = 'undocumentedProbe';

export type Expectation =
  /** Refused, with a message about its value, never "not allowed"; for an enum, listing exactly `allowed`. */
  | { readonly kind: 'refused'; readonly path: string; readonly allowed?: ReadonlyArray<string> }
  /** Taken: the refusal (which the undocumented field forces) does not name it. */
  | { readonly kind: 'accepted'; readonly path: string }
  /** Known to the route: never refused as a field it does not define. */
  | { readonly kind: 'known'; readonly path: string }
  /**
   * Sent every field name the API knows of anywhere but here (see name-pool.ts), the object refuses
   * each of them as not allowed, and of the fields it documents names exactly the required ones.
   */
  | { readonly kind: 'shape'; readonly documented: ReadonlyArray<string>; readonly required: ReadonlyArray<string> };

export interface FieldProbe {
  readonly what: string;
  readonly at: FieldPath;
  readonly value: unknown;
  /** Adds the undocumented field at the top, so that even a valid value gets a refusal to read. */
  readonly withUndocumented: boolean;
  readonly expect: Expectation;
}

export interface ProbeOptions {
  readonly location: 'body' | 'query';
  /** Whether the top refuses undocumented fields, so values can be shown accepted without the request doing anything. */
  readonly strictTop: boolean;
  /** The discriminator: the variant fixes its value, so only its type is probed. */
  readonly discriminator?: string;
}

const text = (at: FieldPath) => at.join('.');

/** Values no field of that format takes. */
const MISFITS: Readonly<Record<string, string>> = { uuid: 'not-a-uuid', email: 'not-an-email', 'date-time': 'not-a-date', date: 'not-a-date', uri: 'not a url' };

/** A value of the wrong type (or format) for the schema; in a query every value is text, and a repeated one is a list. */
const wrongValue = (schema: Schema, location: ProbeOptions['location']): unknown => {
  const [type, ...others] = typesOf(schema).filter((t) => t !== 'null');
  if (schema.enum !== undefined) return 'not-one-of-them';
  if (type === undefined || others.length > 0) return undefined;
  if (type === 'string') return (schema.format === undefined ? undefined : MISFITS[schema.format]) ?? (location === 'query' ? ['a', 'b'] : 12345);
  if (type === 'integer' || type === 'number' || type === 'array' || type === 'object') return 'x';
  return type === 'boolean' ? 'yes' : undefined;
};

const asValue = (n: number, location: ProbeOptions['location']) => (location === 'query' ? String(n) : n);

/** Just beyond and just within each bound the document states (lengths, sizes, minimum and maximum). */
const boundProbes = (schema: Schema, at: FieldPath, options: ProbeOptions): FieldProbe[] => {
  const [type] = typesOf(schema).filter((t) => t !== 'null');
  const path = text(at);
  const pairs: Array<[string, unknown, unknown]> = [];
  if (type === 'string' && schema.format === undefined && schema.enum === undefined && schema.maxLength !== undefined) {
    pairs.push([`${schema.maxLength} characters at most`, 'a'.repeat(schema.maxLength + 1), 'a'.repeat(schema.maxLength)]);
  }
  if (type === 'integer' && schema.minimum !== undefined) pairs.push([`at least ${schema.minimum}`, asValue(schema.minimum - 1, options.location), asValue(schema.minimum, options.location)]);
  if (type === 'integer' && schema.maximum !== undefined) pairs.push([`at most ${schema.maximum}`, asValue(schema.maximum + 1, options.location), asValue(schema.maximum, options.location)]);
  const plainItems = schema.items !== undefined && typesOf(schema.items).join() === 'string' && schema.items.format === undefined && schema.items.enum === undefined;
  // Distinct items, so that a list refusing a value named twice is judged on its length alone.
  const items = (count: number) => Array.from({ length: count }, (_, i) => `a${i}`);
  if (type === 'array' && schema.maxItems !== undefined && plainItems) pairs.push([`${schema.maxItems} items at most`, items(schema.maxItems + 1), items(schema.maxItems)]);
  return pairs.flatMap(([bound, beyond, within]) => [
    { what: `${path} beyond "${bound}"`, at, value: beyond, withUndocumented: false, expect: { kind: 'refused', path } as const },
    ...(options.strictTop ? [{ what: `${path} within "${bound}"`, at, value: within, withUndocumented: true, expect: { kind: 'accepted', path } as const }] : []),
  ]);
};

/** The enum's values accepted, one by one; null accepted when the type allows it, refused when it does not. */
const valueProbes = (schema: Schema, at: FieldPath, options: ProbeOptions): FieldProbe[] => {
  const path = text(at);
  const accepted = (value: unknown): FieldProbe => ({ what: `${path} = ${JSON.stringify(value)}`, at, value, withUndocumented: true, expect: { kind: 'accepted', path } });
  const probes = options.strictTop ? (schema.enum ?? []).map(accepted) : [];
  if (options.location === 'query' || typesOf(schema).length === 0) return probes;
  if (typesOf(schema).includes('null')) return options.strictTop ? [...probes, accepted(null)] : probes;
  return [...probes, { what: `${path} = null`, at, value: null, withUndocumented: false, expect: { kind: 'refused', path } }];
};

/** What every field of `schema` (an object) must do, and the object itself: refuse undocumented fields, require the required ones. */
export const objectProbes = (contract: Contract, schema: Schema, at: FieldPath, options: ProbeOptions): FieldProbe[] => {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const shape: FieldProbe[] =
    schema.additionalProperties === false && (at.length > 0 || options.strictTop)
      ? [
          {
            what: `${text(at) || 'the top'} with every field name it does not document`,
            at,
            value: {},
            withUndocumented: false,
            expect: { kind: 'shape', documented: names, required: (schema.required ?? []).filter((name) => name !== options.discriminator) },
          },
        ]
      : [];
  return [...shape, ...names.flatMap((name) => fieldProbes(contract, resolve(contract, properties[name]!), [...at, name], options))];
};

/** Wrong values, bounds, enums and nullability of one field, then the fields inside it. */
export const fieldProbes = (contract: Contract, given: Schema, at: FieldPath, options: ProbeOptions): FieldProbe[] => {
  const path = text(at);
  const isDiscriminator = at.length === 1 && at[0] === options.discriminator;
  const schema: Schema = isDiscriminator ? { ...given, enum: undefined } : given;
  const wrong = wrongValue(schema, options.location);
  const own: FieldProbe[] =
    wrong === undefined
      ? options.strictTop
        ? [{ what: `${path} (any value)`, at, value: 'probe', withUndocumented: true, expect: { kind: 'known', path } }]
        : []
      : [{ what: `${path} = ${JSON.stringify(wrong)}`, at, value: wrong, withUndocumented: false, expect: { kind: 'refused', path, ...(schema.enum === undefined ? {} : { allowed: schema.enum.map(String) }) } }];
  return [...own, ...valueProbes(schema, at, options), ...boundProbes(schema, at, options), ...innerProbes(contract, schema, at, options)];
};

const innerProbes = (contract: Contract, schema: Schema, at: FieldPath, options: ProbeOptions): FieldProbe[] => {
  const types = typesOf(schema);
  if (types.includes('object') && schema.properties !== undefined) return objectProbes(contract, schema, at, options);
  if (types.includes('object') && typeof schema.additionalProperties === 'object') return fieldProbes(contract, resolve(contract, schema.additionalProperties), [...at, 'probe-key'], options);
  if (types.includes('array') && schema.items !== undefined) return fieldProbes(contract, resolve(contract, schema.items), [...at, 0], options);
  return [];
};
