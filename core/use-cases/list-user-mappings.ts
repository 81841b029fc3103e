import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OrganizationId } from '../domain/ids.js';
import type { ExternalUserMapping } from '../domain/user-mapping.js';
import type { PersistenceFailure } from '../errors.js';
import type { UserMappingRepository } from '../ports/user-mapping-repository.js';

export const listUserMappings =
  (deps: { readonly userMappings: UserMappingRepository }) =>
  (organizationId: OrganizationId): TE.TaskEither<PersistenceFailure, ReadonlyArray<ExternalUserMapping>> =>
    deps.userMappings.list(organizationId);
