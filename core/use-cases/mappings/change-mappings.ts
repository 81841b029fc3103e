import type * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { AuditAction } from '../../domain/audit-entry.js';
import type { FieldMappings } from '../../domain/field-mappings.js';
import type { ConnectionId } from '../../domain/ids.js';
import { toJsonObject } from '../../domain/json.js';
import type { Requester } from '../../domain/requester.js';
import type { RemapReport } from '../../domain/task-mapping.js';
import type { DomainError, InvalidInput } from '../../errors.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import { audited, auditEntryOf } from '../audit/audited.js';
import { loadConnection } from '../load-connection.js';
import type { RemapDeps } from './remap-tasks.js';
import { reapplyConnectionMappings } from './reapply-mappings.js';

export interface ChangeMappingsDeps extends RemapDeps {
  readonly connections: ConnectionRepository;
}

/** A connection's mappings after a change, and what applying them to its stored tasks did. */
export interface MappingsChange {
  readonly mappings: FieldMappings;
  readonly remap: RemapReport;
}

/** How a change is described: the audit action it is recorded as, and the new mappings it makes of the current ones. */
export interface MappingsEdit {
  readonly action: Extract<AuditAction, 'mappings.replaced' | 'mappings.patched'>;
  readonly change: (current: FieldMappings) => E.Either<InvalidInput, FieldMappings>;
}

/**
 * Stores the mappings an edit makes of the current ones (audited with before and after, in the same
 * transaction), then applies them to the connection's stored tasks. The pass runs on every change,
 * even one that changes nothing: it is idempotent, and sending the same mappings again is how a pass
 * cut short (or raced by a sync that began before the change) is completed.
 */
export const changeMappings =
  (deps: ChangeMappingsDeps) =>
  (requester: Requester, id: ConnectionId, edit: MappingsEdit): TE.TaskEither<DomainError, MappingsChange> =>
    pipe(
      loadConnection(deps.connections)(requester.organizationId, id),
      TE.chainW((current) =>
        pipe(
          TE.fromEither(edit.change(current.mappings)),
          TE.map((mappings) => ({ before: current.mappings, next: { ...current, mappings, updatedAt: deps.clock.now() } })),
        ),
      ),
      TE.chainW(({ before, next }) =>
        audited(
          deps.unitOfWork,
          (ports) => ports.connections.update(next),
          (saved) => [auditEntryOf(deps, requester)(edit.action, saved.id, toJsonObject({ before, after: saved.mappings }))],
        ),
      ),
      TE.chainW((stored) =>
        pipe(
          reapplyConnectionMappings(deps)(stored),
          TE.map((remap): MappingsChange => ({ mappings: stored.mappings, remap })),
        ),
      ),
    );
