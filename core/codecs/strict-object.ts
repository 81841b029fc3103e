import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

const isPlainObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * Names every JavaScript object already has. As a key of stored JSON they reach code that takes them
 * for the object's own machinery: MikroORM reads `constructor.name` of every object it saves, and a
 * mapping rule keyed `constructor` failed the write.
 */
const OBJECT_MEMBERS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * io-ts drops a record's keys that its key codec refuses, silently: a mapping key with a NUL would
 * vanish instead of being answered. These are those keys of the object's record fields, as errors,
 * with the names of object members.
 */
const refusedRecordKeys = (props: t.Props, record: Record<string, unknown>, c: t.Context): t.Errors =>
  Object.entries(props).flatMap(([field, codec]) => {
    const value = record[field];
    if (!(codec instanceof t.DictionaryType) || !isPlainObject(value)) return [];
    const domain = codec.domain as t.Decoder<unknown, unknown>;
    const fieldContext = [...c, { key: field, type: codec, actual: value }];
    return Object.keys(value).flatMap((key): t.Errors => {
      const keyContext = [...fieldContext, { key, type: domain, actual: key }];
      if (OBJECT_MEMBERS.has(key)) return [{ value: key, context: keyContext, message: 'is a name every JavaScript object has and cannot be a key here' }];
      const decoded = domain.validate(key, keyContext);
      return E.isLeft(decoded) ? decoded.left : [];
    });
  });

/**
 * An object codec that refuses keys it does not know, so a typo or a smuggled field (such as an
 * `organizationId` in a request body) is an error instead of being silently dropped; so are the
 * keys of its record fields that the record's key codec refuses.
 */
export const strictObject = <R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) => {
  const inner = t.intersection([t.type(required), t.partial(optional)]);
  const allowed = new Set([...Object.keys(required), ...Object.keys(optional)]);
  const props: t.Props = { ...required, ...optional };
  type A = t.TypeOf<typeof inner>;
  const codec = new t.Type<A, t.OutputOf<typeof inner>, unknown>(
    name,
    (u): u is A => inner.is(u),
    (u, c) => {
      if (!isPlainObject(u)) return t.failure(u, c, 'must be an object');
      const record = u;
      const unknownKeys: t.Errors = [
        ...Object.keys(record)
          .filter((k) => !allowed.has(k))
          .map((key) => ({
            value: record[key],
            context: [...c, { key, type: t.never, actual: record[key] }],
            message: 'is not an allowed field',
          })),
        ...refusedRecordKeys(props, record, c),
      ];
      // Report the members' errors under the intersection itself, so paths read `field`, not `0.field`.
      const last = c[c.length - 1];
      const innerContext = last === undefined ? c : [...c.slice(0, -1), { ...last, type: inner }];
      const decoded = inner.validate(u, innerContext);
      if (E.isLeft(decoded)) return E.left([...unknownKeys, ...decoded.left]);
      return unknownKeys.length > 0 ? E.left(unknownKeys) : decoded;
    },
    (a) => inner.encode(a),
  );
  // The names it allows, for callers that split a body between several readers.
  return Object.assign(codec, { fieldNames: [...allowed] as ReadonlyArray<string> });
};
