import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { emailString, httpUrlString, nonEmptyString, secretString, type ConnectionField } from '../../../core/index.js';

const DEFAULT_TEXT_LENGTH = 4000;
const DEFAULT_ITEM_LENGTH = 200;
const DEFAULT_MAX_ITEMS = 100;

const refineList = <A>(item: t.Type<A, unknown, unknown>, field: ConnectionField) =>
  new t.Type<ReadonlyArray<A>, unknown, unknown>(
    'List',
    (u): u is ReadonlyArray<A> => Array.isArray(u),
    (u, c) => {
      const max = field.maxItems ?? DEFAULT_MAX_ITEMS;
      if (!Array.isArray(u) || u.length === 0 || u.length > max) return t.failure(u, c, `must be a list of 1 to ${max} values`);
      const decoded = t.array(item).validate(u, c);
      if (E.isLeft(decoded)) return decoded;
      return new Set(decoded.right).size === decoded.right.length ? decoded : t.failure(u, c, 'must not name a value twice');
    },
    (a) => a,
  );

const choice = (options: ReadonlyArray<string>) =>
  new t.Type<string, string, unknown>(
    'Choice',
    (u): u is string => typeof u === 'string' && options.includes(u),
    (u, c) => (typeof u === 'string' && options.includes(u) ? t.success(u) : t.failure(u, c, `must be one of ${options.join(', ')}`)),
    String,
  );

/** The io-ts codec of one field, from its descriptor: the primitives every boundary shares. */
export const codecOfField = (field: ConnectionField): t.Type<unknown, unknown, unknown> => {
  switch (field.type) {
    case 'url':
      return httpUrlString as t.Type<unknown, unknown, unknown>;
    case 'email':
      return emailString as t.Type<unknown, unknown, unknown>;
    case 'secret':
      return secretString as t.Type<unknown, unknown, unknown>;
    case 'text':
      return nonEmptyString(field.maxLength ?? DEFAULT_TEXT_LENGTH) as t.Type<unknown, unknown, unknown>;
    case 'boolean':
      return t.boolean as t.Type<unknown, unknown, unknown>;
    case 'string-list':
      return refineList(nonEmptyString(field.maxLength ?? DEFAULT_ITEM_LENGTH), field) as t.Type<unknown, unknown, unknown>;
    case 'choice-list':
      return refineList(choice(field.options ?? []), field) as t.Type<unknown, unknown, unknown>;
  }
};

/** An optional field may be sent as null: nothing (on create), or cleared (on update). */
export const nullable = (codec: t.Type<unknown, unknown, unknown>) => t.union([codec, t.null]);
