import * as t from 'io-ts';
import { withMessage } from './primitives.js';
import { strictObject } from './strict-object.js';

export const REFERENCE_LIMITS = { title: 1_000, branch: 500, texts: 100, textLength: 10_000, keys: 100 } as const;

const textOfAtMost = (max: number) =>
  withMessage('Text', `must be a string of at most ${max} characters`, (s) => s.length <= max, (s) => s);

const arrayOfAtMost = <C extends t.Mixed>(item: C, max: number) => {
  const inner = t.array(item);
  return new t.Type<Array<t.TypeOf<C>>, Array<t.OutputOf<C>>, unknown>(
    `Array<${item.name}>`,
    (u): u is Array<t.TypeOf<C>> => inner.is(u) && u.length <= max,
    (u, c) => (Array.isArray(u) && u.length > max ? t.failure(u, c, `must hold at most ${max} items`) : inner.validate(u, c)),
    (a) => inner.encode(a),
  );
};

/** Body of "resolve references": a pull request's title and branch name, and any other texts such as commit messages. */
export const ResolveReferencesInputCodec = strictObject(
  'ResolveReferencesInput',
  {},
  {
    title: textOfAtMost(REFERENCE_LIMITS.title),
    branch: textOfAtMost(REFERENCE_LIMITS.branch),
    texts: arrayOfAtMost(textOfAtMost(REFERENCE_LIMITS.textLength), REFERENCE_LIMITS.texts),
  },
);
export type ResolveReferencesInput = t.TypeOf<typeof ResolveReferencesInputCodec>;
