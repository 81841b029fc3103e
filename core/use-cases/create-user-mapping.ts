import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { CreateUserMappingInputCodec } from '../codecs/user-mapping-input.js';
import { asEntityId } from '../domain/ids.js';
import type { Requester } from '../domain/requester.js';
import { normalizeEmail, type ExternalUserMapping } from '../domain/user-mapping.js';
import { invalidInput, type DomainError } from '../errors.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { ProviderRegistry } from '../ports/provider.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from './audit/audited.js';
import { withKnownProvider } from './providers/find-provider.js';

export interface CreateUserMappingDeps extends RecordingDeps {
  readonly unitOfWork: UnitOfWork;
  readonly ids: IdGenerator;
  readonly providers: ProviderRegistry;
}

/** Links an external e-mail (and optionally the tracker's user id) to an internal resource. Audited as `user_mapping.created`. */
export const createUserMapping =
  (deps: CreateUserMappingDeps) =>
  (requester: Requester, body: unknown): TE.TaskEither<DomainError, ExternalUserMapping> =>
    pipe(
      TE.fromEither(withKnownProvider(deps.providers, 'externalSystem', body, invalidInput)(decodeInput(CreateUserMappingInputCodec)(body))),
      TE.map(
        (input): ExternalUserMapping => ({
          id: asEntityId(deps.ids.next()),
          organizationId: requester.organizationId,
          externalSystem: input.externalSystem,
          externalEmail: normalizeEmail(input.externalEmail),
          externalUserId: input.externalUserId ?? null,
          resourceId: input.resourceId,
          createdAt: deps.clock.now(),
        }),
      ),
      TE.chainW((mapping) =>
        audited(
          deps.unitOfWork,
          (ports) => ports.userMappings.insert(mapping),
          (saved) => [
            auditEntryOf(deps, requester)('user_mapping.created', saved.id, {
              externalSystem: saved.externalSystem,
              externalEmail: saved.externalEmail,
              externalUserId: saved.externalUserId,
              resourceId: saved.resourceId,
            }),
          ],
        ),
      ),
    );
