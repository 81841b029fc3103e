import { randomUUID } from 'node:crypto';
import * as A from 'fp-ts/lib/Array.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { IssuePage, IssueQuery, IssueSource, SourceConnection, SourceError, SourceIssue } from '../../../core/index.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../net/index.js';
import { adaptiveConcurrency } from '../shared/adaptive-concurrency.js';
import { encodedQuery, SYS_ID, type ReadFilter } from './encoded-query.js';
import { SERVICENOW_PAGING, SERVICENOW_REFUSAL_SCOPES, SERVICENOW_TABLES } from './facts.js';
import { serviceNowIdWalk } from './id-walk.js';
import { serviceNowRangeReads } from './range-reads.js';
import { emptyNameCache, referencedNames, type NameCache } from './referenced-names.js';
import { decodeEach } from './responses.js';
import { MAX_SEEN, runStates, type RunState } from './run-state.js';
import { groupCondition, scopeOf, type SearchScope } from './search-scope.js';
import { decodeSearchCursor, encodeSearchCursor, type SearchCursor } from './search-cursor.js';
import { listCall } from './servicenow-call.js';
import { serviceNowConnectionTest } from './servicenow-connection-test.js';
import { updatedLowerBound } from './servicenow-time.js';
import { nextPosition } from './table-walk.js';
import { RECORD_FIELDS, RECORD_FIELDS_NAMED, ServiceNowRecordCodec, toSourceIssue, type ServiceNowRecord } from './to-domain.js';

export interface ServiceNowIssueSourceOptions extends HttpClientOptions {
  /** Subtracted from the sync watermark: covers one-second precision and transactions committing after their timestamp. */
  readonly overlapMs?: number;
  /** sysparm_limit of a sync's pages; ACLs may make the instance answer fewer. */
  readonly pageSize?: number;
  /** sysparm_limit of the id-only walk's pages (a sweep's, a first sync's). */
  readonly idPageSize?: number;
  /** Walked ids one range read of a first sync covers (its sysparm_limit). */
  readonly idsPerRangeRead?: number;
  /** A person is waiting for testConnection, so it gives up sooner than a sync. */
  readonly testConnectionAttempts?: number;
}

export interface ServiceNowIssueSource extends IssueSource {
  /** The HTTP client, for the other reads of this provider (the filter check). */
  readonly http: HttpClient;
  /** Closes the kept-alive sockets. */
  readonly close: () => void;
}

const ORDER = ['sys_updated_on', 'sys_id'];
const readOf = (table: string) => `the ${table} read (GET /api/now/table/${table})`;

/** The Table API over HTTP: the connection's tables one after the other, with Basic auth or an OAuth bearer token. */
export const serviceNowIssueSource = (options: ServiceNowIssueSourceOptions): ServiceNowIssueSource => {
  const overlapMs = options.overlapMs ?? SERVICENOW_PAGING.defaultOverlapMs;
  if (overlapMs < SERVICENOW_PAGING.minimumOverlapMs) throw new RangeError(`overlapMs must be at least ${SERVICENOW_PAGING.minimumOverlapMs} (sys_updated_on has one-second precision)`);
  const pageSize = options.pageSize ?? SERVICENOW_PAGING.pageSize;
  // Requests in flight per instance adapt to its answers, ready for reads side by side (none today: pages chain on update times).
  const http = createHttpClient({ siteConcurrency: adaptiveConcurrency(), refusalScopes: SERVICENOW_REFUSAL_SCOPES, ...options });
  const call = listCall(http);
  const names = referencedNames(call);
  const runs = runStates(options.now);

  /** Records of one table as SourceIssues, their assignees and groups named. */
  const toIssues = (connection: SourceConnection, table: string, raw: ReadonlyArray<unknown>, cache: NameCache) =>
    pipe(
      TE.fromEither(decodeEach(ServiceNowRecordCodec, raw, readOf(table))),
      TE.bindTo('records'),
      TE.bindW('named', ({ records }) => names(connection, cache, records)),
      TE.map(({ records, named }) => ({ records, issues: records.map((record) => toSourceIssue(connection.baseUrl, table, record, named(record))) })),
    );

  /** Drops what this run handed over already (a row read twice across pages keeps its version). */
  const unseen = (run: RunState, issues: ReadonlyArray<SourceIssue>): ReadonlyArray<SourceIssue> =>
    issues.filter((issue) => {
      const key = `${issue.externalId}:${issue.version}`;
      if (run.seen.has(key)) return false;
      if (run.seen.size < MAX_SEEN) run.seen.add(key);
      return true;
    });

  const firstCursor = (query: IssueQuery): SearchCursor => {
    const since = query.updatedSince === null ? null : updatedLowerBound(query.updatedSince, overlapMs);
    return { run: randomUUID(), table: 0, since, from: since, offset: 0 };
  };

  const nextCursor = (scope: SearchScope, start: SearchCursor, more: boolean, records: ReadonlyArray<ServiceNowRecord>): SearchCursor | null => {
    if (more) return { ...start, ...nextPosition(start, pageSize, records.map((r) => r.sys_updated_on)) };
    return start.table + 1 < scope.settings.tables.length ? { ...start, table: start.table + 1, from: start.since, offset: 0 } : null;
  };

  const page = (connection: SourceConnection, scope: SearchScope, conditions: ReadonlyArray<string>, start: SearchCursor): TE.TaskEither<SourceError, IssuePage> => {
    const table = scope.settings.tables[start.table];
    if (table === undefined) return TE.right({ issues: [], nextCursor: null });
    const run = runs.of(start.run);
    const query = encodedQuery(scope.filter, [...conditions, ...(start.from === null ? [] : [`sys_updated_on>=${start.from}`])], ORDER);
    return pipe(
      call(connection, { table, query, fields: RECORD_FIELDS, limit: pageSize, offset: start.offset }, readOf(table)),
      TE.bindTo('answer'),
      TE.bindW('read', ({ answer }) => toIssues(connection, table, answer.records, run.names)),
      TE.map(({ answer, read }) => {
        const next = nextCursor(scope, start, answer.more, read.records);
        if (next === null) runs.end(start.run);
        return { issues: unseen(run, read.issues), nextCursor: next === null ? null : encodeSearchCursor(next) };
      }),
    );
  };

  const searchIssues = (connection: SourceConnection, query: IssueQuery, cursor: string | null): TE.TaskEither<SourceError, IssuePage> =>
    pipe(
      TE.fromEither(scopeOf(connection)),
      TE.bindTo('scope'),
      TE.bindW('conditions', () => TE.fromEither(groupCondition(query.projectKeys))),
      TE.bindW('start', () => (cursor === null ? TE.right(firstCursor(query)) : TE.fromEither(decodeSearchCursor(cursor)))),
      TE.chainW(({ scope, conditions, start }) => page(connection, scope, conditions, start)),
    );

  /** Up to 100 ids in one table, with the connection's filter or without it: `sys_idIN...` needs no paging, the names come dot-walked. */
  const readChunk = (connection: SourceConnection, filter: ReadFilter, table: string, ids: ReadonlyArray<string>, cache: NameCache, refusedIsEmpty = false) =>
    pipe(
      call(connection, { table, query: encodedQuery(filter, [`sys_idIN${ids.join(',')}`], []), fields: RECORD_FIELDS_NAMED, limit: ids.length, noCount: true, refusedIsEmpty }, readOf(table), SERVICENOW_PAGING.byIdAttempts),
      TE.chainW((answer) => toIssues(connection, table, answer.records, cache)),
      TE.map((read) => read.issues),
    );

  /** Any number of ids in one table, 100 a request, the batches side by side (the client's gate decides how many at once). */
  const readIdsIn = (connection: SourceConnection, filter: ReadFilter, table: string, ids: ReadonlyArray<string>, cache: NameCache) =>
    pipe(
      TE.traverseArray((chunk: ReadonlyArray<string>) => readChunk(connection, filter, table, chunk, cache))(A.chunksOf(SERVICENOW_PAGING.idsPerQuery)([...ids])),
      TE.map((read) => read.flat()),
    );

  /** Records by sys_id in each of these tables in turn (ids are unique across tables), 100 ids a query. */
  const readIdsInTables = (connection: SourceConnection, tables: ReadonlyArray<string>, filter: ReadFilter, externalIds: ReadonlyArray<string>, refusedIsEmpty: boolean) => {
    const chunks = A.chunksOf(SERVICENOW_PAGING.idsPerQuery)([...new Set(externalIds)].filter((id) => SYS_ID.test(id)));
    const cache = emptyNameCache();
    return pipe(
      TE.traverseSeqArray((table: string) => TE.traverseSeqArray((ids: ReadonlyArray<string>) => readChunk(connection, filter, table, ids, cache, refusedIsEmpty))(chunks))(tables),
      TE.map((perTable) => perTable.flat(2)),
    );
  };

  /** The records with these sys_ids as the connection sees them (its filter applied); the others are left out. */
  const fetchIssues = (connection: SourceConnection, externalIds: ReadonlyArray<string>): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>> =>
    pipe(
      TE.fromEither(scopeOf(connection)),
      TE.chainW((scope) => readIdsInTables(connection, scope.settings.tables, scope.filter, externalIds, false)),
    );

  /**
   * The records with these sys_ids wherever they now are: the filter not applied (another assignment
   * group), and the ids not found in the connection's tables looked for in the other task tables too,
   * so a record of a table taken off the connection is out of scope, not deleted. A table the account
   * may not read (403) has none of them.
   */
  const lookUpIssues = (connection: SourceConnection, externalIds: ReadonlyArray<string>): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>> =>
    pipe(
      TE.fromEither(scopeOf(connection)),
      TE.chainW(({ settings }) =>
        pipe(
          readIdsInTables(connection, settings.tables, [], externalIds, false),
          TE.chainW((found) => {
            const seen = new Set(found.map((issue) => issue.externalId));
            const rest = externalIds.filter((id) => !seen.has(id));
            const others = SERVICENOW_TABLES.filter((table) => !settings.tables.includes(table));
            return rest.length === 0 ? TE.right(found) : pipe(readIdsInTables(connection, others, [], rest, true), TE.map((elsewhere) => [...found, ...elsewhere]));
          }),
        ),
      ),
    );

  const testConnection = serviceNowConnectionTest(call, options.testConnectionAttempts ?? 2);

  const walkIds = serviceNowIdWalk(call, options.idPageSize);

  const rangeReads = serviceNowRangeReads({ call, idsPerRead: options.idsPerRangeRead ?? SERVICENOW_PAGING.idsPerRangeRead, toIssues, readIdsIn, readIds: fetchIssues });

  return { testConnection, searchIssues, fetchIssues, walkIds, lookUpIssues, rangeReads, http, close: http.close };
};
