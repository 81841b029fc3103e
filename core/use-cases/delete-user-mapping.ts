import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { UserMappingId } from '../domain/ids.js';
import type { Requester } from '../domain/requester.js';
import type { RemapReport } from '../domain/task-mapping.js';
import { userMappingNotFound, type PersistenceFailure, type UserMappingNotFound } from '../errors.js';
import type { UserMappingRepository } from '../ports/user-mapping-repository.js';
import { audited, auditEntryOf } from './audit/audited.js';
import { reapplyUserMapping } from './mappings/reapply-mappings.js';
import type { RemapDeps } from './mappings/remap-tasks.js';

export interface DeleteUserMappingDeps extends RemapDeps {
  readonly userMappings: UserMappingRepository;
}

/**
 * Removes a user mapping (audited as `user_mapping.deleted`; the entry of its creation says what it
 * mapped), then works out the resource of the organization's tasks of that person again (another
 * mapping may still name them by the tracker's user id). Answers what that changed.
 */
export const deleteUserMapping =
  (deps: DeleteUserMappingDeps) =>
  (requester: Requester, id: UserMappingId): TE.TaskEither<UserMappingNotFound | PersistenceFailure, RemapReport> =>
    pipe(
      deps.userMappings.list(requester.organizationId),
      TE.chainW((mappings) => {
        const mapping = mappings.find((m) => m.id === id);
        return mapping === undefined ? TE.left(userMappingNotFound(id)) : TE.right(mapping);
      }),
      TE.chainFirstW(() =>
        audited(
          deps.unitOfWork,
          (ports) => ports.userMappings.delete(requester.organizationId, id),
          () => [auditEntryOf(deps, requester)('user_mapping.deleted', id)],
        ),
      ),
      TE.chainW((mapping) => reapplyUserMapping(deps)(requester.organizationId, mapping)),
    );
