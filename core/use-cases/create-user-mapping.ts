import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { CreateUserMappingInputCodec } from '../codecs/user-mapping-input.js';
import { asEntityId, type OrganizationId } from '../domain/ids.js';
import { normalizeEmail, type ExternalUserMapping } from '../domain/user-mapping.js';
import type { DomainError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { ProviderRegistry } from '../ports/provider.js';
import type { UserMappingRepository } from '../ports/user-mapping-repository.js';
import { withKnownProvider } from './providers/find-provider.js';

export interface CreateUserMappingDeps {
  readonly userMappings: UserMappingRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly providers: ProviderRegistry;
}

/** Links an external e-mail (and optionally the tracker's user id) to an internal resource. */
export const createUserMapping =
  (deps: CreateUserMappingDeps) =>
  (organizationId: OrganizationId, body: unknown): TE.TaskEither<DomainError, ExternalUserMapping> =>
    pipe(
      TE.fromEither(withKnownProvider(deps.providers, 'externalSystem', body)(decodeInput(CreateUserMappingInputCodec)(body))),
      TE.map(
        (input): ExternalUserMapping => ({
          id: asEntityId(deps.ids.next()),
          organizationId,
          externalSystem: input.externalSystem,
          externalEmail: normalizeEmail(input.externalEmail),
          externalUserId: input.externalUserId ?? null,
          resourceId: input.resourceId,
          createdAt: deps.clock.now(),
        }),
      ),
      TE.chainW(deps.userMappings.insert),
    );
