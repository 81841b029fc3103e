import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { OrganizationId, UserMappingId } from '../domain/ids.js';
import type { ExternalSystem } from '../domain/provider.js';
import type { ExternalUserMapping } from '../domain/user-mapping.js';
import type { PersistenceFailure, UserMappingAlreadyExists, UserMappingNotFound } from '../errors.js';

export interface AssigneeIdentities {
  /** Lower-case e-mails. */
  readonly emails: ReadonlyArray<string>;
  readonly externalUserIds: ReadonlyArray<string>;
}

/** External people linked to internal resources; unique per (organization, system, e-mail). */
export interface UserMappingRepository {
  readonly insert: (
    mapping: ExternalUserMapping,
  ) => TE.TaskEither<UserMappingAlreadyExists | PersistenceFailure, ExternalUserMapping>;
  /** Oldest first. */
  readonly list: (organizationId: OrganizationId) => TE.TaskEither<PersistenceFailure, ReadonlyArray<ExternalUserMapping>>;
  readonly delete: (
    organizationId: OrganizationId,
    id: UserMappingId,
  ) => TE.TaskEither<UserMappingNotFound | PersistenceFailure, void>;
  /** The mappings matching any of the e-mails or external user ids, in one lookup per batch. */
  readonly findByIdentities: (
    organizationId: OrganizationId,
    externalSystem: ExternalSystem,
    identities: AssigneeIdentities,
  ) => TE.TaskEither<PersistenceFailure, ReadonlyArray<ExternalUserMapping>>;
}
