import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { EventEndpoint } from '../../domain/event-endpoint.js';
import type { EntityId, OrganizationId } from '../../domain/ids.js';
import { eventEndpointNotFound, invalidInput, type EventEndpointNotFound, type InvalidInput, type PersistenceFailure } from '../../errors.js';
import type { BaseUrlPolicy } from '../../ports/base-url-policy.js';
import type { Cipher } from '../../ports/cipher.js';
import type { EventEndpointRepository } from '../../ports/event-endpoint-repository.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { SecretGenerator } from '../../ports/secret-generator.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { RecordingDeps } from '../audit/audited.js';

export interface EventEndpointDeps extends RecordingDeps {
  readonly eventEndpoints: EventEndpointRepository;
  readonly unitOfWork: UnitOfWork;
  readonly cipher: Cipher;
  readonly ids: IdGenerator;
  /** The same address rule as trackers' URLs: no loopback, private or metadata address. */
  readonly baseUrlPolicy: BaseUrlPolicy;
  readonly signingSecrets: SecretGenerator;
}

/** Another organization's endpoint is indistinguishable from a missing one. */
export const loadEndpoint =
  (endpoints: EventEndpointRepository) =>
  (organizationId: OrganizationId, id: EntityId): TE.TaskEither<EventEndpointNotFound | PersistenceFailure, EventEndpoint> =>
    pipe(
      endpoints.findById(organizationId, id),
      TE.chainW((found) => (found === null ? TE.left(eventEndpointNotFound(id)) : TE.right(found))),
    );

/** An endpoint URL passes the tracker URLs' guard (checked again, by address, on every delivery); it is kept as given. */
export const checkedEndpointUrl = (policy: BaseUrlPolicy, url: string): E.Either<InvalidInput, string> =>
  pipe(
    policy.check(url),
    E.bimap(
      (reason) => invalidInput([{ path: 'url', message: reason }]),
      () => url,
    ),
  );
