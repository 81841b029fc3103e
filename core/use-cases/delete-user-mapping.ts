import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { UserMappingId } from '../domain/ids.js';
import type { Requester } from '../domain/requester.js';
import type { PersistenceFailure, UserMappingNotFound } from '../errors.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from './audit/audited.js';

/** Audited as `user_mapping.deleted`; the entry of its creation says what it mapped. */
export const deleteUserMapping =
  (deps: RecordingDeps & { readonly unitOfWork: UnitOfWork }) =>
  (requester: Requester, id: UserMappingId): TE.TaskEither<UserMappingNotFound | PersistenceFailure, void> =>
    audited(
      deps.unitOfWork,
      (ports) => ports.userMappings.delete(requester.organizationId, id),
      () => [auditEntryOf(deps, requester)('user_mapping.deleted', id)],
    );
