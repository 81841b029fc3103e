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
  return new t.Type<A, t.OutputOf<typeof inner>, unknown>(
    name,
    (u): u is A => inner.is(u),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'must be an object');
      const record = u as Record<string, unknown>;
      const unknownKeys = Object.keys(record).filter((k) => !allowed.has(k));
      if (unknownKeys.length > 0) {
        return E.left(
          unknownKeys.map((key) => ({
            value: record[key],
            context: [...c, { key, type: t.never, actual: record[key] }],
            message: 'is not an allowed field',
          })),
        );
      }
      return inner.validate(u, c);
    },
    (a) => inner.encode(a),
  );
};
