import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OrganizationId, UserMappingId } from '../domain/ids.js';
import type { PersistenceFailure, UserMappingNotFound } from '../errors.js';
import type { UserMappingRepository } from '../ports/user-mapping-repository.js';

export const deleteUserMapping =
  (deps: { readonly userMappings: UserMappingRepository }) =>
  (organizationId: OrganizationId, id: UserMappingId): TE.TaskEither<UserMappingNotFound | PersistenceFailure, void> =>
    deps.userMappings.delete(organizationId, id);
