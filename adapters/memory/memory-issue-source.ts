import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  sourceAuthRejected,
  sourceConfigurationInvalid,
  type SettingsScope,
  type IssueQuery,
  type IssueSource,
  type SourceConnection,
  type SourceError,
  type SourceIssue,
} from '../../core/index.js';

export interface SearchCall {
  readonly baseUrl: string;
  readonly query: IssueQuery;
  readonly filter: string | null;
  readonly cursor: string | null;
}

export interface MemoryIssueSource extends IssueSource {
  /** Replaces the items a tracker at `baseUrl` holds. */
  readonly setIssues: (baseUrl: string, issues: ReadonlyArray<SourceIssue>) => void;
  /** The items a tracker at `baseUrl` holds now. */
  readonly issuesAt: (baseUrl: string) => ReadonlyArray<SourceIssue>;
  /** Whether a connection's credentials are refused (a revoked token). */
  readonly refuses: (connection: SourceConnection) => boolean;
  /** The page with this index (0-based), on the next search that reaches it, answers `error` once. */
  readonly failPage: (pageIndex: number, error: SourceError) => void;
  /** Credentials with this token (API token or OAuth access token) are refused, like a revoked one. */
  readonly rejectToken: (token: string) => void;
  /** The projects a tracker has; once declared, a connection naming another one fails `checkSettings`. */
  readonly declareProjects: (baseUrl: string, projectKeys: ReadonlyArray<string>) => void;
  /** The provider's settings check: its filter and the mapped projects must be projects the tracker has. */
  readonly checkSettings: (connection: SourceConnection, scope: SettingsScope) => TE.TaskEither<SourceError, void>;
  /**
   * Credentials with this token are answered as an anonymous visitor would be: reads succeed and
   * find nothing, and only the connection test tells (a revoked token on some trackers).
   */
  readonly answerAnonymously: (token: string) => void;
  readonly calls: ReadonlyArray<SearchCall>;
  /** The ids each `fetchIssues` asked for, in call order. */
  readonly fetches: ReadonlyArray<ReadonlyArray<string>>;
}

const byUpdatedThenKey = (a: SourceIssue, b: SourceIssue) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.key.localeCompare(b.key);

/** The fake tracker's filter is a project key: only that project's items are read. */
export const filterOf = (connection: SourceConnection): string | null => (typeof connection.settings.filter === 'string' ? connection.settings.filter : null);

const selects = (query: IssueQuery, filter: string | null) => (issue: SourceIssue) =>
  (query.updatedSince === null || issue.updatedAt.getTime() >= query.updatedSince.getTime()) &&
  (query.projectKeys.length === 0 || (issue.projectKey !== null && query.projectKeys.includes(issue.projectKey))) &&
  (filter === null || issue.projectKey === filter);

const tokenOf = (connection: SourceConnection): string => connection.oauth?.accessToken ?? connection.secrets.apiToken ?? '';

export interface MemoryIssueSourceOptions {
  /** Set, the fake offers range reads (`IssueSource.rangeReads`) of this many ids a read. */
  readonly idsPerRangeRead?: number;
}

/** A tracker held in memory, paged by update time (oldest first), with its filter honoured and fault injection. */
export const memoryIssueSource = (pageSize = 50, options: MemoryIssueSourceOptions = {}): MemoryIssueSource => {
  const trackers = new Map<string, ReadonlyArray<SourceIssue>>();
  const failures = new Map<number, SourceError>();
  const rejected = new Set<string>();
  const projects = new Map<string, ReadonlyArray<string>>();
  const anonymous = new Set<string>();
  const calls: SearchCall[] = [];
  const fetches: Array<ReadonlyArray<string>> = [];
  const refused = (connection: SourceConnection) => rejected.has(tokenOf(connection));
  const everything = (connection: SourceConnection) => (anonymous.has(tokenOf(connection)) ? [] : (trackers.get(connection.baseUrl) ?? []));
  const reachable = (connection: SourceConnection) => everything(connection).filter(selects({ updatedSince: null, projectKeys: [] }, filterOf(connection)));
  const fetchInScope: IssueSource['fetchIssues'] = (connection, externalIds) => {
    if (refused(connection)) return TE.left(sourceAuthRejected('The tracker rejected the credentials'));
    const wanted = new Set(externalIds);
    return TE.right(reachable(connection).filter((issue) => wanted.has(issue.externalId)));
  };
  return {
    calls,
    fetches,
    setIssues: (baseUrl, issues) => void trackers.set(baseUrl, issues),
    issuesAt: (baseUrl) => trackers.get(baseUrl) ?? [],
    refuses: refused,
    failPage: (pageIndex, error) => void failures.set(pageIndex, error),
    rejectToken: (token) => void rejected.add(token),
    declareProjects: (baseUrl, projectKeys) => void projects.set(baseUrl, projectKeys),
    checkSettings: (connection, scope) => {
      if (refused(connection)) return TE.left(sourceAuthRejected('The tracker rejected the credentials'));
      const known = projects.get(connection.baseUrl);
      const filter = filterOf(connection);
      const unknown = [...scope.projectKeys.map((key) => ({ key, path: 'projectScope' })), ...(filter === null ? [] : [{ key: filter, path: 'filter' }])].filter(
        ({ key }) => known !== undefined && !known.includes(key),
      );
      return unknown.length === 0
        ? TE.right(undefined)
        : TE.left(sourceConfigurationInvalid(`The tracker has no project ${unknown.map(({ key }) => key).join(', ')}`, unknown.map(({ key, path }) => ({ path, message: `names ${key}, which the tracker does not have` }))));
    },
    answerAnonymously: (token) => void anonymous.add(token),
    testConnection: (connection) =>
      T.of(
        refused(connection) || anonymous.has(tokenOf(connection))
          ? { connected: false, message: 'The tracker rejected the credentials' }
          : { connected: true, message: `Connected as ${typeof connection.settings.email === 'string' ? connection.settings.email : `OAuth site ${connection.site}`}` },
      ),
    searchIssues: (connection, query, cursor) => {
      calls.push({ baseUrl: connection.baseUrl, query, filter: filterOf(connection), cursor });
      if (refused(connection)) return TE.left(sourceAuthRejected('The tracker rejected the credentials'));
      const offset = cursor === null ? 0 : Number(cursor);
      const pageIndex = Math.floor(offset / pageSize);
      const failure = failures.get(pageIndex);
      if (failure !== undefined) {
        failures.delete(pageIndex);
        return TE.left(failure);
      }
      const selected = [...everything(connection)].filter(selects(query, filterOf(connection))).sort(byUpdatedThenKey);
      const issues = selected.slice(offset, offset + pageSize);
      const next = offset + pageSize;
      return TE.right({ issues, nextCursor: next < selected.length ? String(next) : null });
    },
    fetchIssues: (connection, externalIds) => {
      fetches.push([...externalIds]);
      return fetchInScope(connection, externalIds);
    },
    ...(options.idsPerRangeRead === undefined ? {} : { rangeReads: { idsPerRead: options.idsPerRangeRead, fetchRange: fetchInScope } }),
    walkIds: (connection, scope, cursor) => {
      if (refused(connection)) return TE.left(sourceAuthRejected('The tracker rejected the credentials'));
      const offset = cursor === null ? 0 : Number(cursor);
      const ids = reachable(connection)
        .filter(selects({ updatedSince: null, projectKeys: scope.projectKeys }, null))
        .sort(byUpdatedThenKey)
        .map((issue) => issue.externalId);
      const next = offset + pageSize * 2;
      return TE.right({ ids: ids.slice(offset, next), nextCursor: next < ids.length ? String(next) : null });
    },
    lookUpIssues: (connection, externalIds) => {
      if (refused(connection)) return TE.left(sourceAuthRejected('The tracker rejected the credentials'));
      const wanted = new Set(externalIds);
      return TE.right(everything(connection).filter((issue) => wanted.has(issue.externalId)));
    },
  };
};
