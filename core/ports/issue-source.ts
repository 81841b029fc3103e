import type * as T from 'fp-ts/lib/Task.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { ProviderName, ProviderSettings } from '../domain/provider.js';
import type { SourceIssue } from '../domain/source-issue.js';
import type { SourceError } from '../errors.js';

/** An OAuth connection's usable access token, with what the provider said about its grant. */
export interface SourceOAuthAccess {
  readonly accessToken: string;
  readonly details: Readonly<Record<string, string>>;
}

/** What an adapter needs to reach one tenant's tracker; secrets here are already decrypted. */
export interface SourceConnection {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly provider: ProviderName;
  readonly site: string;
  /** Links to items are built on it; calls go to it unless the provider routes them elsewhere. */
  readonly baseUrl: string;
  /** The provider's own settings, as its codec stored them; the adapter decodes them before use. */
  readonly settings: ProviderSettings;
  readonly authMode: string;
  /** The provider's secret fields, decrypted. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Set for OAuth connections, with a token valid for a few more minutes at least. */
  readonly oauth: SourceOAuthAccess | null;
}

export interface IssueQuery {
  /** Only items updated at or after this instant; the adapter adds whatever overlap its API needs. */
  readonly updatedSince: Date | null;
  /** Only these projects; empty means every project the connection's own settings allow. */
  readonly projectKeys: ReadonlyArray<string>;
}

export interface IssuePage {
  readonly issues: ReadonlyArray<SourceIssue>;
  /** Opaque token for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** The scope of an id walk: the connection's own settings always apply, these projects narrow it further. */
export interface IdWalkScope {
  /** Only these projects; empty means every project the connection's own settings allow. */
  readonly projectKeys: ReadonlyArray<string>;
}

export interface IdPage {
  /** External ids of items the connection syncs (its filter and projects applied), in a stable order. */
  readonly ids: ReadonlyArray<string>;
  /** Opaque token for the next page; null on the last page. */
  readonly nextCursor: string | null;
  /**
   * Opaque too: what a range read of this page's ids must know that the ids themselves do not say
   * (such as the table they were walked in), handed back with them to `RangeReads.fetchRange`.
   */
  readonly context?: string;
}

/**
 * Reads of a stretch of an id walk in one call, for a tracker whose walk order is a key it can ask a
 * range of (a numeric id, a sys_id): a first or full sync then reads a walk page in a few large calls
 * instead of many batches of exact ids, which matters most where the tracker's request budget is small.
 */
export interface RangeReads {
  /** The most ids one `fetchRange` is given (its answer's size: the tracker's largest page). */
  readonly idsPerRead: number;
  /**
   * The items among these ids (consecutive ids of one walk page, in its order) that are still there
   * and still in the connection's scope, as they are now; it may also answer other items of the
   * connection's scope (those that came to lie between them since the walk, such as one created),
   * never one outside it. Order is not guaranteed. `context` is their walk page's (null if it had
   * none); without the context it needs, a source reads the ids as `fetchIssues` does.
   */
  readonly fetchRange: (connection: SourceConnection, externalIds: ReadonlyArray<string>, context: string | null) => TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>>;
}

export interface ConnectionTestResult {
  readonly connected: boolean;
  readonly message: string;
}

/**
 * A provider's work items, read page by page so a large tracker never sits in memory at once. The
 * connection's own settings (its filter, its tables, its boards) narrow every read.
 */
export interface IssueSource {
  /** Checks the credentials and reachability; never syncs and never fails: problems are `connected: false`. */
  readonly testConnection: (connection: SourceConnection) => T.Task<ConnectionTestResult>;
  readonly searchIssues: (connection: SourceConnection, query: IssueQuery, cursor: string | null) => TE.TaskEither<SourceError, IssuePage>;
  /**
   * The items with these ids, as they are now; an id the tracker does not answer (deleted, or out of
   * the connection's reach) is simply absent. Order is not guaranteed.
   */
  readonly fetchIssues: (connection: SourceConnection, externalIds: ReadonlyArray<string>) => TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>>;
  /**
   * Every item the connection syncs, as ids only, page by page (large pages: no content is read).
   * A reconciliation sweep compares them with the stored tasks. Lost access must never look like an
   * empty tracker: a refused or anonymous answer is `SourceAuthRejected`, never an empty page. (Core
   * still checks the credentials before it believes an empty walk.)
   */
  readonly walkIds: (connection: SourceConnection, scope: IdWalkScope, cursor: string | null) => TE.TaskEither<SourceError, IdPage>;
  /**
   * The items with these ids wherever they now are in the tracker, whether or not the connection's
   * filter and projects still select them: an item moved to another project comes back with its new
   * key and project. An id absent from the answer no longer exists (or the account can no longer see
   * it). Order is not guaranteed.
   */
  readonly lookUpIssues: (connection: SourceConnection, externalIds: ReadonlyArray<string>) => TE.TaskEither<SourceError, ReadonlyArray<SourceIssue>>;
  /** Absent where the walk's order is no key the tracker can ask a range of: a sync by ids then uses `fetchIssues`. */
  readonly rangeReads?: RangeReads;
}
