import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { sourceUnavailable, type SourceUnavailable } from '../../../core/index.js';

const nullableString = t.union([t.string, t.null]);

/**
 * Where the next page of a sync starts. Each table is walked in `sys_updated_on, sys_id` order from
 * a lower bound `from` (inclusive), `offset` rows into the rows at or after it. The bound moves up
 * to the last update time read, so an edit during the walk (which moves a record to the end) never
 * shifts the rows still to be read; `since` is where every table's walk starts.
 */
const SearchCursorCodec = t.type({
  v: t.literal(1),
  run: t.string,
  table: t.number,
  since: nullableString,
  from: nullableString,
  offset: t.number,
});
export type SearchCursor = Omit<t.TypeOf<typeof SearchCursorCodec>, 'v'>;

/** Where the next page of an id-only walk starts: after the last sys_id read, `offset` rows further when pages came back empty. */
const IdCursorCodec = t.type({ v: t.literal(1), table: t.number, after: nullableString, offset: t.number });
export type IdCursor = Omit<t.TypeOf<typeof IdCursorCodec>, 'v'>;

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

const decodeWith =
  <A>(codec: t.Decoder<unknown, A>) =>
  (raw: string): E.Either<SourceUnavailable, A> => {
    const refused = sourceUnavailable('The page cursor was not issued by the ServiceNow adapter; restart the sync');
    const json = E.tryCatch(() => JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown, () => refused);
    return E.chain((value: unknown) => E.mapLeft(() => refused)(codec.decode(value)))(json);
  };

export const encodeSearchCursor = (cursor: SearchCursor): string => encode({ v: 1, ...cursor });
export const decodeSearchCursor = decodeWith(SearchCursorCodec);
export const encodeIdCursor = (cursor: IdCursor): string => encode({ v: 1, ...cursor });
export const decodeIdCursor = decodeWith(IdCursorCodec);
