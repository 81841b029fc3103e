import type * as T from 'fp-ts/lib/Task.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { Provider } from '../domain/provider.js';
import type { SourceIssue } from '../domain/source-issue.js';
import type { SourceError } from '../errors.js';

export interface ApiTokenAccess {
  readonly kind: 'api-token';
  readonly email: string;
  readonly apiToken: string;
}

/** OAuth 2.0: a bearer token for one site, reached through the provider's API gateway by `cloudId`. */
export interface OAuth2Access {
  readonly kind: 'oauth2';
  readonly cloudId: string;
  readonly accessToken: string;
}

export type SourceAccess = ApiTokenAccess | OAuth2Access;

/** What an adapter needs to reach one tenant's tracker; secrets here are already decrypted. */
export interface SourceConnection {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly provider: Provider;
  /** The site: links to issues are built on it. API-token calls go to it too; OAuth calls go through the gateway. */
  readonly baseUrl: string;
  readonly access: SourceAccess;
}

export interface IssueQuery {
  /** Only issues updated at or after this instant; the adapter adds whatever overlap its API needs. */
  readonly updatedSince: Date | null;
  /** Only these projects; empty means every project the filter allows. */
  readonly projectKeys: ReadonlyArray<string>;
  /** The connection's own filter in the provider's query language (JQL for Jira). */
  readonly filter: string | null;
}

export interface IssuePage {
  readonly issues: ReadonlyArray<SourceIssue>;
  /** Opaque token for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface ConnectionTestResult {
  readonly connected: boolean;
  readonly message: string;
}

/** A provider's work items, read page by page so a large project never sits in memory at once. */
export interface IssueSource {
  /** Checks the credentials and reachability; never syncs and never fails: problems are `connected: false`. */
  readonly testConnection: (connection: SourceConnection) => T.Task<ConnectionTestResult>;
  readonly searchIssues: (
    connection: SourceConnection,
    query: IssueQuery,
    cursor: string | null,
  ) => TE.TaskEither<SourceError, IssuePage>;
}

/** Finds the adapter of a provider; a provider without one is `undefined`. */
export type IssueSourceRegistry = (provider: Provider) => IssueSource | undefined;
