import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { toPublicEventEndpoint, type PublicEventEndpoint } from '../../domain/event-endpoint.js';
import type { EntityId, OrganizationId } from '../../domain/ids.js';
import type { Requester } from '../../domain/requester.js';
import type { EventEndpointNotFound, PersistenceFailure } from '../../errors.js';
import type { EventEndpointRepository } from '../../ports/event-endpoint-repository.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from '../audit/audited.js';
import { loadEndpoint } from './endpoint-deps.js';

type Repository = { readonly eventEndpoints: EventEndpointRepository };

/** The organization's endpoints, oldest first. */
export const listEventEndpoints =
  (deps: Repository) =>
  (organizationId: OrganizationId): TE.TaskEither<PersistenceFailure, ReadonlyArray<PublicEventEndpoint>> =>
    pipe(deps.eventEndpoints.list(organizationId), TE.map((endpoints) => endpoints.map(toPublicEventEndpoint)));

export const getEventEndpoint =
  (deps: Repository) =>
  (organizationId: OrganizationId, id: EntityId): TE.TaskEither<EventEndpointNotFound | PersistenceFailure, PublicEventEndpoint> =>
    pipe(loadEndpoint(deps.eventEndpoints)(organizationId, id), TE.map(toPublicEventEndpoint));

/** Removes the endpoint with its deliveries; the events stay in the feed. Audited as `event_endpoint.deleted`. */
export const deleteEventEndpoint =
  (deps: Repository & RecordingDeps & { readonly unitOfWork: UnitOfWork }) =>
  (requester: Requester, id: EntityId): TE.TaskEither<EventEndpointNotFound | PersistenceFailure, void> =>
    pipe(
      loadEndpoint(deps.eventEndpoints)(requester.organizationId, id),
      TE.chainW((endpoint) =>
        audited(
          deps.unitOfWork,
          (ports) => ports.eventEndpoints.delete(requester.organizationId, id),
          () => [auditEntryOf(deps, requester)('event_endpoint.deleted', endpoint.id, { url: endpoint.url })],
        ),
      ),
    );
