import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { sourceUnavailable, type SourceConnection, type SourceUnavailable } from '../../../core/index.js';
import type { HttpRequest } from '../../net/index.js';
import { JIRA_OAUTH } from './facts.js';
import { cloudIdOf, jiraSettingsOf } from './settings.js';

/** Exactly the fields to-domain.ts reads: enhanced search answers only `id` unless told otherwise. */
export const SEARCH_FIELDS: ReadonlyArray<string> = [
  'summary',
  'description',
  'status',
  'priority',
  'assignee',
  // Named by the description's mentions when those carry no text (and by webhooks' wiki mentions).
  'reporter',
  'creator',
  'project',
  'created',
  'updated',
  'duedate',
  'issuetype',
  'labels',
  'resolution',
];

// Used only when nothing else restricts the query: enhanced search refuses unbounded JQL.
const MATCH_ALL_BOUND = 'updated >= "1970-01-01 00:00"';
const ORDER = 'ORDER BY updated ASC, key ASC';

export const quoteJql = (value: string): string => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** The filter without its own ORDER BY (outside quotes), since ours must decide the paging order. */
export const withoutOrderBy = (jql: string): string => {
  const orderBy = /order\s+by\b/iy;
  let quote: string | null = null;
  for (let i = 0; i < jql.length; i += 1) {
    const c = jql[i];
    if (quote !== null) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    orderBy.lastIndex = i;
    if (orderBy.test(jql) && (i === 0 || /[\s)]/.test(jql[i - 1] ?? ''))) return jql.slice(0, i).trim();
  }
  return jql.trim();
};

export interface SearchScope {
  readonly filter: string | null;
  readonly projectKeys: ReadonlyArray<string>;
  /** `yyyy-MM-dd HH:mm` in the account's zone, or null for a full sync. */
  readonly updatedFrom: string | null;
}

/** Always bounded, always in a resumable order: oldest update first, key breaking ties. */
export const buildJql = (scope: SearchScope): string => {
  const filter = scope.filter === null ? '' : withoutOrderBy(scope.filter);
  const clauses = [
    ...(filter === '' ? [] : [`(${filter})`]),
    ...(scope.projectKeys.length === 0 ? [] : [`project in (${scope.projectKeys.map(quoteJql).join(', ')})`]),
    ...(scope.updatedFrom === null ? [] : [`updated >= ${quoteJql(scope.updatedFrom)}`]),
  ];
  return `${clauses.length === 0 ? MATCH_ALL_BOUND : clauses.join(' AND ')} ${ORDER}`;
};

/** The issues with these (numeric) ids that the connection's filter selects. */
export const idsJql = (ids: ReadonlyArray<string>, filter: string | null): string => {
  const own = filter === null ? '' : withoutOrderBy(filter);
  return `${own === '' ? '' : `(${own}) AND `}id in (${ids.join(', ')}) ${ORDER}`;
};

export interface SearchBody {
  readonly jql: string;
  readonly fields: ReadonlyArray<string>;
  readonly maxResults: number;
  readonly nextPageToken?: string;
  /** Up to 50 issue ids read as they are now, not as the (eventually consistent) search index has them. */
  readonly reconcileIssues?: ReadonlyArray<number>;
}

/** `reconcileIssues` takes at most this many ids. */
const RECONCILE_LIMIT = 50;

/** One page of the issues with these ids that the filter selects, each read as it is now (a webhook names one just changed). */
export const idsSearchBody = (ids: ReadonlyArray<string>, filter: string | null): SearchBody => ({
  ...searchBody(idsJql(ids, filter), ids.length, null),
  ...(ids.length <= RECONCILE_LIMIT ? { reconcileIssues: ids.map(Number) } : {}),
});

export const searchBody = (jql: string, maxResults: number, nextPageToken: string | null): SearchBody => ({
  jql,
  fields: SEARCH_FIELDS,
  maxResults,
  ...(nextPageToken === null ? {} : { nextPageToken }),
});

/** An id-only search: what the reconciliation sweep walks, in pages of up to 5,000. */
export const idSearchBody = (jql: string, maxResults: number, nextPageToken: string | null): SearchBody => ({
  jql,
  fields: ['id'],
  maxResults,
  ...(nextPageToken === null ? {} : { nextPageToken }),
});

/** Atlassian's API gateway: OAuth (3LO) tokens are accepted there only, never on the site itself. */
export const ATLASSIAN_API_GATEWAY = JIRA_OAUTH.apiGatewayUrl;

/** Where a connection's API calls go and how they authenticate. */
export interface ApiTarget {
  readonly baseUrl: string;
  readonly authorization: string;
}

/** An API token calls the site with Basic auth; an OAuth token calls `{gateway}/ex/jira/{cloudId}` as a bearer. */
export const apiTarget = (connection: SourceConnection, gatewayUrl: string = ATLASSIAN_API_GATEWAY): E.Either<SourceUnavailable, ApiTarget> => {
  const cloudId = cloudIdOf(connection);
  if (connection.oauth !== null && cloudId !== null) {
    return E.right({ baseUrl: `${gatewayUrl.replace(/\/+$/, '')}/ex/jira/${encodeURIComponent(cloudId)}`, authorization: `Bearer ${connection.oauth.accessToken}` });
  }
  return pipe(
    jiraSettingsOf(connection.settings),
    E.chain((settings) => {
      const apiToken = connection.secrets.apiToken;
      if (settings.email === undefined || apiToken === undefined) return E.left(sourceUnavailable('This Jira connection has no e-mail and API token; give them again'));
      return E.right({ baseUrl: connection.baseUrl, authorization: `Basic ${Buffer.from(`${settings.email}:${apiToken}`, 'utf8').toString('base64')}` });
    }),
  );
};

const apiUrl = (baseUrl: string, path: string): E.Either<SourceUnavailable, URL> =>
  E.tryCatch(
    () => new URL(`${baseUrl.replace(/\/+$/, '')}${path}`),
    () => sourceUnavailable(`The connection's base URL is not a valid URL: ${baseUrl}`),
  );

export const request = (target: E.Either<SourceUnavailable, ApiTarget>, method: HttpRequest['method'], path: string, body?: unknown): E.Either<SourceUnavailable, HttpRequest> =>
  E.chain((resolved: ApiTarget) => requestTo(resolved, method, path, body))(target);

const requestTo = (target: ApiTarget, method: HttpRequest['method'], path: string, body?: unknown) =>
  E.map(
    (url: URL): HttpRequest => ({
      method,
      url,
      headers: {
        ...(target.authorization === '' ? {} : { authorization: target.authorization }),
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  )(apiUrl(target.baseUrl, path));

export type Target = E.Either<SourceUnavailable, ApiTarget>;

export const myselfRequest = (target: Target) => request(target, 'GET', '/rest/api/3/myself');

export const searchRequest = (target: Target, body: SearchBody) => request(target, 'POST', '/rest/api/3/search/jql', body);

/** Up to 100 issues by id in one call, with the same fields as search. */
export const bulkFetchRequest = (target: Target, ids: ReadonlyArray<string>) =>
  request(target, 'POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ids, fields: SEARCH_FIELDS });

/** Checks queries without running them, in the account's context (the projects it may see). */
export const jqlParseRequest = (target: Target, queries: ReadonlyArray<string>) => request(target, 'POST', '/rest/api/3/jql/parse?validation=strict', { queries });

/** The site's cloudId, public and unauthenticated: the same for an API-token and an OAuth connection. */
export const tenantInfoRequest = (baseUrl: string) => requestTo({ baseUrl, authorization: '' }, 'GET', '/_edge/tenant_info');
