import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import type { SourceConnection, SourceError } from '../../../core/index.js';
import { encodedQuery } from './encoded-query.js';
import { SERVICENOW_PAGING } from './facts.js';
import { decodeEach } from './responses.js';
import { scopeOf } from './search-scope.js';
import { decodeIdCursor, encodeIdCursor, type IdCursor } from './search-cursor.js';
import type { ListCall } from './servicenow-call.js';

/** One page of the ids the connection's tables and filter select. */
export interface IdPage {
  readonly ids: ReadonlyArray<string>;
  readonly nextCursor: string | null;
}

const IdRowCodec = t.type({ sys_id: t.string });

export interface IdWalk {
  readonly idPage: (connection: SourceConnection, cursor: string | null) => TE.TaskEither<SourceError, IdPage>;
  /** Every id, all pages read: what a deletion sweep compares the stored tasks with. */
  readonly walkIds: (connection: SourceConnection) => TE.TaskEither<SourceError, ReadonlyArray<string>>;
}

/**
 * The id-only walk of a connection's tables (only `sys_id` is read, in `sys_id` order, 1,000 a page),
 * for a deletion sweep: the Table API does not show deletions, so what is gone is what a walk no
 * longer sees. Each page starts after the last id read, so rows added or removed meanwhile never
 * shift the rest; a page the ACLs emptied moves on by its size, and a short page is never the end.
 */
export const serviceNowIdWalk = (call: ListCall, pageSize: number = SERVICENOW_PAGING.idPageSize): IdWalk => {
  const idPage = (connection: SourceConnection, cursor: string | null): TE.TaskEither<SourceError, IdPage> =>
    pipe(
      TE.fromEither(scopeOf(connection)),
      TE.bindTo('scope'),
      TE.bindW('start', () => (cursor === null ? TE.right<SourceError, IdCursor>({ table: 0, after: null, offset: 0 }) : TE.fromEither(decodeIdCursor(cursor)))),
      TE.chainW(({ scope, start }) => {
        const table = scope.settings.tables[start.table];
        if (table === undefined) return TE.right({ ids: [], nextCursor: null });
        const what = `the id walk of ${table} (GET /api/now/table/${table})`;
        const query = encodedQuery(scope.filter, start.after === null ? [] : [`sys_id>${start.after}`], ['sys_id']);
        return pipe(
          call(connection, { table, query, fields: ['sys_id'], limit: pageSize, offset: start.offset }, what),
          TE.bindTo('answer'),
          TE.bindW('rows', ({ answer }) => TE.fromEither(decodeEach(IdRowCodec, answer.records, what))),
          TE.map(({ answer, rows }): IdPage => {
            const last = rows[rows.length - 1]?.sys_id;
            const next: IdCursor | null = answer.more
              ? last === undefined
                ? { ...start, offset: start.offset + pageSize }
                : { ...start, after: last, offset: 0 }
              : start.table + 1 < scope.settings.tables.length
                ? { table: start.table + 1, after: null, offset: 0 }
                : null;
            return { ids: rows.map((row) => row.sys_id), nextCursor: next === null ? null : encodeIdCursor(next) };
          }),
        );
      }),
    );

  const walkIds = (connection: SourceConnection): TE.TaskEither<SourceError, ReadonlyArray<string>> => async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await idPage(connection, cursor)();
      if (E.isLeft(page)) return page;
      ids.push(...page.right.ids);
      cursor = page.right.nextCursor;
    } while (cursor !== null);
    return E.right(ids);
  };

  return { idPage, walkIds };
};
