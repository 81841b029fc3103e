import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { CreateUserMappingInputCodec } from '../codecs/user-mapping-input.js';
import { asEntityId, type OrganizationId } from '../domain/ids.js';
import { normalizeEmail, type ExternalUserMapping } from '../domain/user-mapping.js';
import { invalidInput, type DomainError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { ProviderRegistry } from '../ports/provider.js';
import type { UserMappingRepository } from '../ports/user-mapping-repository.js';
import type { RemapReport } from '../domain/task-mapping.js';
import { reapplyUserMapping } from './mappings/reapply-mappings.js';
import type { RemapDeps } from './mappings/remap-tasks.js';
import { withKnownProvider } from './providers/find-provider.js';

export interface CreateUserMappingDeps extends RemapDeps {
  readonly userMappings: UserMappingRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly providers: ProviderRegistry;
}

/** A user mapping as stored, and what applying it to the tasks of that person did. */
export interface UserMappingChange {
  readonly mapping: ExternalUserMapping;
  readonly remap: RemapReport;
}

/**
 * Links an external e-mail (and optionally the tracker's user id) to an internal resource, then
 * gives the organization's stored tasks of that person the resource.
 */
export const createUserMapping =
  (deps: CreateUserMappingDeps) =>
  (organizationId: OrganizationId, body: unknown): TE.TaskEither<DomainError, UserMappingChange> =>
    pipe(
      TE.fromEither(withKnownProvider(deps.providers, 'externalSystem', body, invalidInput)(decodeInput(CreateUserMappingInputCodec)(body))),
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
      TE.chainW((mapping) =>
        pipe(
          reapplyUserMapping(deps)(organizationId, mapping),
          TE.map((remap): UserMappingChange => ({ mapping, remap })),
        ),
      ),
    );
