import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { sourceUnavailable, type SourceUnavailable } from '../../../core/index.js';

/**
 * What the next page needs besides Jira's token: the same `updated >=` bound, because a page token
 * is only valid with the JQL that produced it and /myself is read once per sync.
 */
const SearchCursorCodec = t.type({ v: t.literal(1), pageToken: t.string, updatedFrom: t.union([t.string, t.null]) });
export type SearchCursor = Omit<t.TypeOf<typeof SearchCursorCodec>, 'v'>;

export const encodeCursor = (cursor: SearchCursor): string =>
  Buffer.from(JSON.stringify({ v: 1, pageToken: cursor.pageToken, updatedFrom: cursor.updatedFrom }), 'utf8').toString('base64url');

export const decodeCursor = (raw: string): E.Either<SourceUnavailable, SearchCursor> => {
  const refused = sourceUnavailable('The page cursor was not issued by the Jira adapter; restart the sync');
  const json = E.tryCatch(() => JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown, () => refused);
  return E.chain((value: unknown) => E.mapLeft(() => refused)(SearchCursorCodec.decode(value)))(json);
};
