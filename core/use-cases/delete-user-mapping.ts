import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { OrganizationId, UserMappingId } from '../domain/ids.js';
import type { RemapReport } from '../domain/task-mapping.js';
import { userMappingNotFound, type PersistenceFailure, type UserMappingNotFound } from '../errors.js';
import type { UserMappingRepository } from '../ports/user-mapping-repository.js';
import { reapplyUserMapping } from './mappings/reapply-mappings.js';
import type { RemapDeps } from './mappings/remap-tasks.js';

export interface DeleteUserMappingDeps extends RemapDeps {
  readonly userMappings: UserMappingRepository;
}

/**
 * Removes a user mapping, then works out the resource of the organization's tasks of that person
 * again (another mapping may still name them by the tracker's user id). Answers what that changed.
 */
export const deleteUserMapping =
  (deps: DeleteUserMappingDeps) =>
  (organizationId: OrganizationId, id: UserMappingId): TE.TaskEither<UserMappingNotFound | PersistenceFailure, RemapReport> =>
    pipe(
      deps.userMappings.list(organizationId),
      TE.chainW((mappings) => {
        const mapping = mappings.find((m) => m.id === id);
        return mapping === undefined ? TE.left(userMappingNotFound(id)) : TE.right(mapping);
      }),
      TE.chainFirstW(() => deps.userMappings.delete(organizationId, id)),
      TE.chainW((mapping) => reapplyUserMapping(deps)(organizationId, mapping)),
    );
