import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeQuery } from '../codecs/decode.js';
import { limitQueryCodec } from '../codecs/limit-query.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { QuarantinedIssue } from '../domain/quarantine.js';
import type { ConnectionNotFound, InvalidQuery, PersistenceFailure } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { IssueQuarantine } from '../ports/issue-quarantine.js';
import { loadConnection } from './load-connection.js';

export const QUARANTINE_LIST_LIMIT = 500;
const DEFAULT_LIMIT = 100;

/** A quarantined item as a caller sees it: the organization is the caller's own. */
export type PublicQuarantinedIssue = Omit<QuarantinedIssue, 'organizationId'>;

/**
 * The items of a connection of the organization that syncs read but could not store, latest first
 * (`?limit`, 500 at most), each with its reason, until a sync stores it.
 */
export const listQuarantinedIssues =
  (deps: { readonly connections: ConnectionRepository; readonly quarantine: IssueQuarantine }) =>
  (
    organizationId: OrganizationId,
    id: ConnectionId,
    query: unknown = {},
  ): TE.TaskEither<InvalidQuery | ConnectionNotFound | PersistenceFailure, ReadonlyArray<PublicQuarantinedIssue>> =>
    pipe(
      TE.fromEither(decodeQuery(limitQueryCodec(QUARANTINE_LIST_LIMIT))(query)),
      TE.chainFirstW(() => loadConnection(deps.connections)(organizationId, id)),
      TE.chainW((q) => deps.quarantine.list(organizationId, id, q.limit ?? DEFAULT_LIMIT)),
      TE.map((entries) => entries.map(({ organizationId: _organization, ...entry }) => entry)),
    );
