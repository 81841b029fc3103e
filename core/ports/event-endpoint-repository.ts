import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { EventEndpoint } from '../domain/event-endpoint.js';
import type { EntityId, OrganizationId } from '../domain/ids.js';
import type { EventEndpointNotFound, PersistenceFailure } from '../errors.js';

/** An organization's outbound webhook endpoints. */
export interface EventEndpointRepository {
  readonly insert: (endpoint: EventEndpoint) => TE.TaskEither<PersistenceFailure, EventEndpoint>;
  /** Replaces what a person edits (url, description, types, enabled, secrets, and the failure state when enabling). */
  readonly update: (endpoint: EventEndpoint) => TE.TaskEither<EventEndpointNotFound | PersistenceFailure, EventEndpoint>;
  readonly findById: (organizationId: OrganizationId, id: EntityId) => TE.TaskEither<PersistenceFailure, EventEndpoint | null>;
  /** Oldest first. */
  readonly list: (organizationId: OrganizationId) => TE.TaskEither<PersistenceFailure, ReadonlyArray<EventEndpoint>>;
  /** Removes it with its deliveries. */
  readonly delete: (organizationId: OrganizationId, id: EntityId) => TE.TaskEither<EventEndpointNotFound | PersistenceFailure, void>;
}
