import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import type { RangeReads, SourceConnection, SourceError, SourceIssue } from '../../../core/index.js';
import { encodedQuery, SYS_ID, type ReadFilter } from './encoded-query.js';
import { SERVICENOW_PAGING } from './facts.js';
import { emptyNameCache, type NameCache } from './referenced-names.js';
import { decodeEach } from './responses.js';
import { scopeOf } from './search-scope.js';
import type { ListCall } from './servicenow-call.js';
import { RECORD_FIELDS_NAMED } from './to-domain.js';
import { decodeWalkContext, type WalkContext } from './walk-context.js';

/** What range reads are made of: the Table API and the adapter's reads by id. */
export interface RangeReadDeps {
  readonly call: ListCall;
  readonly idsPerRead: number;
  /** Records of one table as SourceIssues, their assignees and groups named. */
  readonly toIssues: (connection: SourceConnection, table: string, raw: ReadonlyArray<unknown>, cache: NameCache) => TE.TaskEither<SourceError, { readonly issues: ReadonlyArray<SourceIssue> }>;
  /** These sys_ids of one table, `sys_idIN` batches with the connection's filter. */
  readonly readIdsIn: (connection: SourceConnection, filter: ReadFilter, table: string, ids: ReadonlyArray<string>, cache: NameCache) => TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>>;
  /** These sys_ids in whichever of the connection's tables holds them, its filter applied (fetchIssues). */
  readonly readIds: (connection: SourceConnection, ids: ReadonlyArray<string>) => TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>>;
}

/** Where the next page of a range starts: after the last sys_id read, `offset` rows further when ACLs emptied a page. */
interface Position {
  readonly after: string | null;
  readonly offset: number;
}

const IdRowCodec = t.type({ sys_id: t.string });

/** The ids cut where their order falls back: each run is ascending, as one table's walk is. */
const ascendingRuns = (ids: ReadonlyArray<string>): ReadonlyArray<ReadonlyArray<string>> =>
  ids.reduce<string[][]>((runs, id) => {
    const run = runs[runs.length - 1];
    if (run !== undefined && run[run.length - 1]! < id) run.push(id);
    else runs.push([id]);
    return runs;
  }, []);

/** Whether a page is what the range asked for: ascending sys_ids, every one inside it. */
const insideRange = (ids: ReadonlyArray<string>, from: Position, first: string, last: string): boolean =>
  ids.every((id, i) => (i === 0 || ids[i - 1]! < id) && (from.after === null ? id >= first : id > from.after) && id <= last);

/**
 * `IssueSource.rangeReads` for ServiceNow: a stretch of walked sys_ids is read with one Table API
 * query, `sys_id>=first^sys_id<=last^ORDERBYsys_id` with the connection's filter and the walk's
 * groups, in the walk's table, its pages followed while the instance says there is more (sys_ids are
 * random, so a record created since the walk can fall inside; ACLs can shorten a page). The instance
 * silently drops a condition it cannot read, so an answer is never trusted blindly: a row outside the
 * range, or out of order, means the range was not applied, and the stretch is read by its ids instead.
 * A stretch whose walk page carried no table (no context, or one this version cannot read) is read
 * by its ids too.
 */
export const serviceNowRangeReads = (deps: RangeReadDeps): RangeReads => {
  /** The stretch's rows, page after page; null when the instance did not apply the range. */
  const readRange = (connection: SourceConnection, filter: ReadFilter, stretch: WalkContext, first: string, last: string, cache: NameCache) => {
    const { table, groups } = stretch;
    const what = `the range read of ${table} (GET /api/now/table/${table})`;
    const pageFrom = (from: Position, read: ReadonlyArray<SourceIssue>): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue> | null> => {
      const lower = from.after === null ? `sys_id>=${first}` : `sys_id>${from.after}`;
      const query = encodedQuery(filter, [...groups, lower, `sys_id<=${last}`], ['sys_id']);
      return pipe(
        deps.call(connection, { table, query, fields: RECORD_FIELDS_NAMED, limit: deps.idsPerRead, offset: from.offset }, what, SERVICENOW_PAGING.byIdAttempts),
        TE.chainW((answer) =>
          pipe(
            TE.fromEither(decodeEach(IdRowCodec, answer.records, what)),
            TE.chainW((rows) => {
              const ids = rows.map((row) => row.sys_id);
              if (!insideRange(ids, from, first, last)) return TE.right(null);
              return pipe(
                deps.toIssues(connection, table, answer.records, cache),
                TE.chainW(({ issues }) => {
                  const all = [...read, ...issues];
                  if (!answer.more) return TE.right(all);
                  const lastRead = ids[ids.length - 1];
                  return pageFrom(lastRead === undefined ? { ...from, offset: from.offset + deps.idsPerRead } : { after: lastRead, offset: 0 }, all);
                }),
              );
            }),
          ),
        ),
      );
    };
    return pageFrom({ after: null, offset: 0 }, []);
  };

  const readRun = (connection: SourceConnection, filter: ReadFilter, stretch: WalkContext | null, run: ReadonlyArray<string>, cache: NameCache): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>> => {
    const [first, last] = [run[0]!, run[run.length - 1]!];
    if (stretch === null) return deps.readIds(connection, run);
    return pipe(
      readRange(connection, filter, stretch, first, last, cache),
      TE.chainW((read) => (read === null ? deps.readIdsIn(connection, filter, stretch.table, run, cache) : TE.right(read))),
    );
  };

  const fetchRange = (connection: SourceConnection, externalIds: ReadonlyArray<string>, context: string | null) => {
    const cache = emptyNameCache();
    const stretch = decodeWalkContext(context);
    const runs = ascendingRuns([...new Set(externalIds)].filter((id) => SYS_ID.test(id)));
    return pipe(
      TE.fromEither(scopeOf(connection)),
      TE.chainW(({ filter }) => TE.traverseSeqArray((run: ReadonlyArray<string>) => readRun(connection, filter, stretch, run, cache))(runs)),
      TE.map((read) => read.flat()),
    );
  };

  return { idsPerRead: deps.idsPerRead, fetchRange };
};
