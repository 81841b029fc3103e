import type { DataNote } from './data-note.js';

/**
 * One work item as a provider adapter hands it to core: already decoded and flattened, but not yet
 * mapped (status, priority, assignee and project are still the provider's own values).
 */
export interface SourceIssue {
  /** Stable for the life of the item within its site (a key may change, this may not). */
  readonly externalId: string;
  readonly key: string;
  readonly url: string;
  readonly title: string;
  readonly description: string | null;
  readonly rawStatus: string | null;
  readonly statusCategory: string | null;
  readonly rawPriority: string | null;
  readonly projectKey: string | null;
  /** A board, queue or lane the item sits on; left out by trackers that have none. */
  readonly board?: string | null;
  /** The customer (company, account) the item is for; left out by trackers that have none. */
  readonly company?: string | null;
  /** The stage of its project; left out by trackers that have none. */
  readonly phase?: string | null;
  readonly assigneeEmail: string | null;
  readonly assigneeExternalId: string | null;
  readonly dueDate: string | null;
  readonly createdAt: Date | null;
  readonly updatedAt: Date;
  /**
   * The provider's version of the item (an update time, a modification count): the same version is
   * processed once. Versions made of digits only are also ordered numerically, so of two versions
   * with the same update time the lower is stale.
   */
  readonly version: string;
  readonly sourceData: Readonly<Record<string, unknown>>;
  /** What the provider's decoder had to change so the item could be stored; none when left out. */
  readonly dataNotes?: ReadonlyArray<DataNote>;
}
