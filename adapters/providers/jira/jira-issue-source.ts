import * as A from 'fp-ts/lib/Array.js';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  type IssuePage,
  type IssueQuery,
  type IssueSource,
  type SourceConnection,
  type SourceError,
  type SourceIssue,
  type SourceUnavailable,
} from '../../../core/index.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../net/index.js';
import { adaptiveConcurrency } from '../shared/adaptive-concurrency.js';
import { followsSiteRename, JIRA_CONCURRENCY, JIRA_PAGING, JIRA_RATE_LIMIT_HEADERS, JIRA_REFUSAL_SCOPES } from './facts.js';
import { jiraCall, jiraExchange } from './jira-call.js';
import { checkJiraSettings, confirmedIdentity, MYSELF, testJiraConnection, type CheckDeps } from './jira-connection-checks.js';
import { jqlUpdatedLowerBound } from './jira-time.js';
import { apiTarget, ATLASSIAN_API_GATEWAY, buildJql, bulkFetchRequest, idsSearchBody, myselfRequest, searchBody, searchRequest } from './requests.js';
import { BulkFetchCodec, decodeIssues, MyselfCodec, SearchPageCodec, type SearchPage } from './responses.js';
import { jiraIdWalk } from './jira-id-walk.js';
import { decodeCursor, encodeCursor } from './search-cursor.js';
import { jiraSettingsOf } from './settings.js';
import { toSourceIssue } from './to-domain.js';

export interface JiraIssueSourceOptions extends HttpClientOptions {
  /** Subtracted from the sync watermark: covers JQL's minute precision and search-index lag. */
  readonly overlapMs?: number;
  /** maxResults per search page; Jira may answer fewer. */
  readonly pageSize?: number;
  /** maxResults per id-only page of the sweep (5,000, Jira's largest). */
  readonly idPageSize?: number;
  /** A person is waiting for testConnection, so it gives up sooner than a sync. */
  readonly testConnectionAttempts?: number;
  /** JIRA_API_GATEWAY_URL: where OAuth connections' calls go (`/ex/jira/{cloudId}`); https://api.atlassian.com by default. */
  readonly apiGatewayUrl?: string;
}

export interface JiraIssueSource extends IssueSource {
  /** The connection's filter and projects, checked by Jira (the provider's `checkSettings`). */
  readonly checkSettings: ReturnType<typeof checkJiraSettings>;
  /** Closes the kept-alive sockets. */
  readonly close: () => void;
}

const SEARCH = 'the issue search (POST /rest/api/3/search/jql)';
const BULK_FETCH = 'the issue fetch (POST /rest/api/3/issue/bulkfetch)';
/** Jira issue ids are numbers; anything else names no issue, and must never reach a JQL text. */
const NUMERIC_ID = /^\d{1,18}$/;

/** Where a page starts: Jira's token (none on the first page) and the sync's `updated >=` bound. */
interface PageStart {
  readonly pageToken: string | null;
  readonly updatedFrom: string | null;
}

// Jira ends paging with the token absent, null or "" (all three are seen), or with isLast.
const nextCursorOf = (page: SearchPage, updatedFrom: string | null): string | null => {
  const token = page.nextPageToken ?? '';
  return page.isLast === true || token === '' ? null : encodeCursor({ pageToken: token, updatedFrom });
};

const toIssues = (connection: SourceConnection, raw: ReadonlyArray<unknown>, what: string): E.Either<SourceUnavailable, ReadonlyArray<SourceIssue>> =>
  pipe(
    decodeIssues(raw, what),
    E.map((issues) => issues.map(toSourceIssue(connection.baseUrl))),
  );

const toIssuePage =
  (connection: SourceConnection, updatedFrom: string | null) =>
  (page: SearchPage): E.Either<SourceUnavailable, IssuePage> =>
    pipe(
      toIssues(connection, page.issues, SEARCH),
      E.map((issues) => ({ issues, nextCursor: nextCursorOf(page, updatedFrom) })),
    );

/** Jira Cloud REST v3 over HTTP: an API token (Basic auth) on the site, or an OAuth token through the API gateway. */
export const jiraIssueSource = (options: JiraIssueSourceOptions): JiraIssueSource => {
  const overlapMs = options.overlapMs ?? JIRA_PAGING.defaultOverlapMs;
  if (overlapMs < JIRA_PAGING.minimumOverlapMs) throw new RangeError(`overlapMs must be at least ${JIRA_PAGING.minimumOverlapMs} (JQL has minute precision)`);
  const pageSize = options.pageSize ?? JIRA_PAGING.searchPageSize;
  // Requests in flight per site adapt to its answers (AIMD); one connection may then use every slot
  // its site allows, so its lane is as wide as the gate's maximum.
  const http: HttpClient = createHttpClient({
    rateLimitHeaders: JIRA_RATE_LIMIT_HEADERS,
    refusalScopes: JIRA_REFUSAL_SCOPES,
    followRedirect: followsSiteRename,
    siteConcurrency: adaptiveConcurrency(JIRA_CONCURRENCY),
    maxConcurrentPerConnection: JIRA_CONCURRENCY.max,
    ...options,
  });
  const context = { ...(options.logger === undefined ? {} : { logger: options.logger }), sharedBudget: options.budget !== undefined };
  const call = jiraCall(http, context);
  const targetOf = (connection: SourceConnection) => apiTarget(connection, options.apiGatewayUrl ?? ATLASSIAN_API_GATEWAY);
  const checks: CheckDeps = { call, exchange: jiraExchange(http, context), targetOf, testConnectionAttempts: options.testConnectionAttempts ?? 2 };

  /** The first page of a sync: an incremental one needs the account's zone to write the JQL bound. */
  const firstPage = (connection: SourceConnection, query: IssueQuery): TE.TaskEither<SourceError, PageStart> => {
    const since = query.updatedSince;
    if (since === null) return TE.right({ pageToken: null, updatedFrom: null });
    return pipe(
      call(connection, myselfRequest(targetOf(connection)), MyselfCodec, MYSELF),
      TE.map((me) => ({ pageToken: null, updatedFrom: jqlUpdatedLowerBound(since, overlapMs, me.timeZone ?? null) })),
    );
  };

  /**
   * A full sync's first page reads no `/myself`; before an empty answer or a refused project is
   * believed, the credentials must be seen to work (Jira can answer them as an anonymous user).
   */
  const believed = (connection: SourceConnection, unconfirmed: boolean) => (page: TE.TaskEither<SourceError, SearchPage>) =>
    unconfirmed
      ? pipe(
          page,
          TE.orElseW((error) => (error._tag === 'SourceConfigurationInvalid' ? pipe(confirmedIdentity(checks, connection), TE.chainW(() => TE.left(error))) : TE.left(error))),
          TE.chainFirstW((answer) => (answer.issues.length === 0 ? confirmedIdentity(checks, connection) : TE.right(undefined))),
        )
      : page;

  const searchIssues = (connection: SourceConnection, query: IssueQuery, cursor: string | null): TE.TaskEither<SourceError, IssuePage> =>
    pipe(
      TE.fromEither(jiraSettingsOf(connection.settings)),
      TE.bindTo('settings'),
      TE.bindW('start', () => (cursor === null ? firstPage(connection, query) : TE.fromEither(decodeCursor(cursor)))),
      TE.chainW(({ settings, start }) => {
        const jql = buildJql({ filter: settings.jqlFilter ?? null, projectKeys: query.projectKeys, updatedFrom: start.updatedFrom });
        const page = call(connection, searchRequest(targetOf(connection), searchBody(jql, pageSize, start.pageToken)), SearchPageCodec, SEARCH, { search: query });
        return pipe(believed(connection, cursor === null && start.updatedFrom === null)(page), TE.chainEitherKW(toIssuePage(connection, start.updatedFrom)));
      }),
    );

  /** Up to 100 ids: bulk fetch reads them as they are now; a filter needs a search (`id in (...)`, reconciled) to apply. */
  const fetchChunk = (connection: SourceConnection, filter: string | null, ids: ReadonlyArray<string>): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>> =>
    filter === null
      ? pipe(
          call(connection, bulkFetchRequest(targetOf(connection), ids), BulkFetchCodec, BULK_FETCH, { maxAttempts: JIRA_PAGING.byIdAttempts }),
          TE.chainEitherKW((answer) => toIssues(connection, answer.issues, BULK_FETCH)),
        )
      : pipe(
          call(connection, searchRequest(targetOf(connection), idsSearchBody(ids, filter)), SearchPageCodec, SEARCH, { search: { projectKeys: [] }, maxAttempts: JIRA_PAGING.byIdAttempts }),
          TE.chainEitherKW((page) => toIssues(connection, page.issues, SEARCH)),
        );

  /** The items with these ids as the connection sees them (its filter applied), 100 a call; the others are left out. */
  const fetchIssues = (connection: SourceConnection, externalIds: ReadonlyArray<string>): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>> =>
    pipe(
      TE.fromEither(jiraSettingsOf(connection.settings)),
      TE.chainW((settings) =>
        pipe(
          A.chunksOf(JIRA_PAGING.bulkFetchSize)([...new Set(externalIds)].filter((id) => NUMERIC_ID.test(id))),
          TE.traverseSeqArray((ids) => fetchChunk(connection, settings.jqlFilter ?? null, ids)),
        ),
      ),
      TE.map((pages) => pages.flat()),
    );

  /** The issues with these ids wherever they are now, the connection's filter not applied: bulk fetch, 100 a call. */
  const lookUpIssues = (connection: SourceConnection, externalIds: ReadonlyArray<string>): TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>> =>
    pipe(
      A.chunksOf(JIRA_PAGING.bulkFetchSize)([...new Set(externalIds)].filter((id) => NUMERIC_ID.test(id))),
      TE.traverseSeqArray((ids) => fetchChunk(connection, null, ids)),
      TE.map((pages) => pages.flat()),
    );

  const walkIds = jiraIdWalk(call, targetOf, options.idPageSize);
  return { testConnection: testJiraConnection(checks), checkSettings: checkJiraSettings(checks), searchIssues, fetchIssues, walkIds, lookUpIssues, close: http.close };
};
