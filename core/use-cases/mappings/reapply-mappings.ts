import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { OrganizationId } from '../../domain/ids.js';
import { addRemaps, type RemapReport } from '../../domain/task-mapping.js';
import type { ExternalUserMapping } from '../../domain/user-mapping.js';
import type { PersistenceFailure } from '../../errors.js';
import { remapTasks, type RemapDeps } from './remap-tasks.js';

/**
 * Every stored task of the connection's tracker instance, deleted ones included: tasks are keyed by
 * site, so those a former connection to the same site wrote are the connection's too.
 */
export const reapplyConnectionMappings =
  (deps: RemapDeps) =>
  (connection: Connection): TE.TaskEither<PersistenceFailure, RemapReport> =>
    remapTasks(deps)({ organizationId: connection.organizationId, externalSystem: connection.provider, filter: { site: connection.site }, mappings: connection.mappings });

/**
 * The organization's tasks assigned to the person a user mapping names (by e-mail, or by the
 * tracker's user id when the mapping has one): only their resource can change.
 */
export const reapplyUserMapping =
  (deps: RemapDeps) =>
  (organizationId: OrganizationId, mapping: Pick<ExternalUserMapping, 'externalSystem' | 'externalEmail' | 'externalUserId'>): TE.TaskEither<PersistenceFailure, RemapReport> => {
    const remap = (filter: { readonly assigneeEmail?: string; readonly assigneeExternalId?: string }) =>
      remapTasks(deps)({ organizationId, externalSystem: mapping.externalSystem, filter, mappings: null });
    return pipe(
      remap({ assigneeEmail: mapping.externalEmail }),
      TE.chain((byEmail) => (mapping.externalUserId === null ? TE.right(byEmail) : pipe(remap({ assigneeExternalId: mapping.externalUserId }), TE.map((byId) => addRemaps(byEmail, byId))))),
    );
  };
