import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { EntityId, OrganizationId } from '../domain/ids.js';
import type { PendingSiteSelection } from '../domain/oauth.js';
import type { PersistenceFailure } from '../errors.js';

/** Which pending selection to take: a given one, or else the organization's newest that offers the site. */
export interface SiteSelectionQuery {
  readonly selectionId: EntityId | null;
  readonly siteId: string;
  /** Selections whose `validUntil` has passed are ignored. */
  readonly now: Date;
}

/** Grants waiting for a site to be picked. Scoped by organization: another's selection is not found. */
export interface SiteSelectionStore {
  readonly save: (selection: PendingSiteSelection) => TE.TaskEither<PersistenceFailure, void>;
  readonly find: (organizationId: OrganizationId, id: EntityId, now: Date) => TE.TaskEither<PersistenceFailure, PendingSiteSelection | null>;
  /** Removes and answers the selection, so its grant becomes at most one connection; null when none matches. */
  readonly take: (organizationId: OrganizationId, query: SiteSelectionQuery) => TE.TaskEither<PersistenceFailure, PendingSiteSelection | null>;
}
