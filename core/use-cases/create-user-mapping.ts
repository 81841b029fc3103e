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
import type { RemapReport } from '../domain/task-mapping.js';
import { audited, auditEntryOf } from './audit/audited.js';
import { reapplyUserMapping } from './mappings/reapply-mappings.js';
import type { RemapDeps } from './mappings/remap-tasks.js';
import { withKnownProvider } from './providers/find-provider.js';

export interface CreateUserMappingDeps extends RemapDeps {
  readonly ids: IdGenerator;
  readonly providers: ProviderRegistry;
}

/** A user mapping as stored, and what applying it to the tasks of that person did. */
export interface UserMappingChange {
  readonly mapping: ExternalUserMapping;
  readonly remap: RemapReport;
}

/**
 * Links an external e-mail (and optionally the tracker's user id) to an internal resource (audited as
 * `user_mapping.created`), then gives the organization's stored tasks of that person the resource.
 */
export const createUserMapping =
  (deps: CreateUserMappingDeps) =>
  (requester: Requester, body: unknown): TE.TaskEither<DomainError, UserMappingChange> =>
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
      TE.chainW((mapping) =>
        pipe(
          reapplyUserMapping(deps)(requester.organizationId, mapping),
          TE.map((remap): UserMappingChange => ({ mapping, remap })),
        ),
      ),
    );
