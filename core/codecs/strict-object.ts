import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/**
 * An object codec that refuses keys it does not know, so a typo or a smuggled field (such as an
 * `organizationId` in a request body) is an error instead of being silently dropped.
 */
export const strictObject = <R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) => {
  const inner = t.intersection([t.type(required), t.partial(optional)]);
  const allowed = new Set([...Object.keys(required), ...Object.keys(optional)]);
  type A = t.TypeOf<typeof inner>;
  const codec = new t.Type<A, t.OutputOf<typeof inner>, unknown>(
    name,
    (u): u is A => inner.is(u),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'must be an object');
      const record = u as Record<string, unknown>;
      const unknownKeys: t.Errors = Object.keys(record)
        .filter((k) => !allowed.has(k))
        .map((key) => ({
          value: record[key],
          context: [...c, { key, type: t.never, actual: record[key] }],
          message: 'is not an allowed field',
        }));
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
