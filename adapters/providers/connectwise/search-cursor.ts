import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { sourceUnavailable, type SourceUnavailable } from '../../../core/index.js';

/**
 * Where the next page starts: which kind of ticket, which page, and the window fixed when the sync
 * began (a first sync's "closed since" must not move between pages).
 */
const SearchCursorCodec = t.type({
  v: t.literal(1),
  kind: t.keyof({ service: null, project: null }),
  page: t.number,
  window: t.keyof({ 'open-or-closed-since': null, 'updated-since': null }),
  at: t.string,
});
export type SearchCursor = Omit<t.TypeOf<typeof SearchCursorCodec>, 'v'>;

/**
 * Where the next page of an id walk starts: a kind of ticket, the highest id seen when its walk began
 * (null: not yet asked), and each part walked side by side, after the last id it read.
 */
const IdCursorCodec = t.type({
  v: t.literal(2),
  kind: t.keyof({ service: null, project: null }),
  top: t.union([t.number, t.null]),
  parts: t.array(t.type({ after: t.number, to: t.union([t.number, t.null]) })),
});
export type IdCursor = Omit<t.TypeOf<typeof IdCursorCodec>, 'v'>;

export const encodeCursor = (cursor: SearchCursor): string => Buffer.from(JSON.stringify({ v: 1, ...cursor }), 'utf8').toString('base64url');
export const encodeIdCursor = (cursor: IdCursor): string => Buffer.from(JSON.stringify({ v: 2, ...cursor }), 'utf8').toString('base64url');

export const decodeCursor = (raw: string): E.Either<SourceUnavailable, SearchCursor> => {
  const refused = sourceUnavailable('The page cursor was not issued by the ConnectWise adapter; restart the sync');
  const json = E.tryCatch(() => JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown, () => refused);
  return E.chain((value: unknown) => {
    const decoded = SearchCursorCodec.decode(value);
    return E.isRight(decoded) && Number.isInteger(decoded.right.page) && decoded.right.page >= 1 && !Number.isNaN(new Date(decoded.right.at).getTime())
      ? E.right(decoded.right)
      : E.left(refused);
  })(json);
};

export const decodeIdCursor = (raw: string): E.Either<SourceUnavailable, IdCursor> => {
  const refused = sourceUnavailable('The id walk cursor was not issued by the ConnectWise adapter; restart the sweep');
  const json = E.tryCatch(() => JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown, () => refused);
  return E.chain((value: unknown) => {
    const decoded = IdCursorCodec.decode(value);
    const sound = (part: { readonly after: number; readonly to: number | null }) => Number.isInteger(part.after) && part.after >= 0 && (part.to === null || (Number.isInteger(part.to) && part.to > part.after));
    return E.isRight(decoded) && decoded.right.parts.length > 0 && decoded.right.parts.every(sound) ? E.right(decoded.right) : E.left(refused);
  })(json);
};
