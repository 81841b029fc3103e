import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import type { IdPage, IdWalkScope, SourceConnection, SourceError } from '../../../core/index.js';
import { encodedQuery } from './encoded-query.js';
import { SERVICENOW_PAGING } from './facts.js';
import { decodeEach } from './responses.js';
import { groupCondition, scopeOf } from './search-scope.js';
import { decodeIdCursor, encodeIdCursor, type IdCursor } from './search-cursor.js';
import type { ListCall } from './servicenow-call.js';
import { encodeWalkContext } from './walk-context.js';

const IdRowCodec = t.type({ sys_id: t.string });

const FIRST: IdCursor = { table: 0, after: null, offset: 0 };

/**
 * The sweep's walk of a connection's tables: only `sys_id` is read, in `sys_id` order, 1,000 a page,
 * with the connection's filter and, when the scope names projects, their assignment groups. The
 * Table API does not show deletions, so what is gone is what a walk no longer sees. Each page starts
 * after the last id read, so rows added or removed meanwhile never shift the rest; a page the ACLs
 * emptied moves on by its size, and a short page is never the end. A refused account is the call's
 * `SourceAuthRejected`, never an empty page. Each page's context names its table and groups: bare
 * sys_ids name neither, and a range read of the page must ask the same table with the same groups.
 */
export const serviceNowIdWalk =
  (call: ListCall, pageSize: number = SERVICENOW_PAGING.idPageSize) =>
  (connection: SourceConnection, walkScope: IdWalkScope, cursor: string | null): TE.TaskEither<SourceError, IdPage> =>
    pipe(
      TE.fromEither(scopeOf(connection)),
      TE.bindTo('scope'),
      TE.bindW('groups', () => TE.fromEither(groupCondition(walkScope.projectKeys))),
      TE.bindW('start', () => (cursor === null ? TE.right<SourceError, IdCursor>(FIRST) : TE.fromEither(decodeIdCursor(cursor)))),
      TE.chainW(({ scope, groups, start }) => {
        const table = scope.settings.tables[start.table];
        if (table === undefined) return TE.right({ ids: [], nextCursor: null });
        const what = `the id walk of ${table} (GET /api/now/table/${table})`;
        const query = encodedQuery(scope.filter, [...groups, ...(start.after === null ? [] : [`sys_id>${start.after}`])], ['sys_id']);
        return pipe(
          call(connection, { table, query, fields: ['sys_id'], limit: pageSize, offset: start.offset }, what, SERVICENOW_PAGING.byIdAttempts),
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
            return { ids: rows.map((row) => row.sys_id), nextCursor: next === null ? null : encodeIdCursor(next), context: encodeWalkContext({ table, groups }) };
          }),
        );
      }),
    );
