import type * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { FieldMappings } from '../../domain/field-mappings.js';
import type { ConnectionId, OrganizationId } from '../../domain/ids.js';
import type { RemapReport } from '../../domain/task-mapping.js';
import type { DomainError, InvalidInput } from '../../errors.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
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

/**
 * Stores the mappings `change` makes of the current ones, then applies them to the connection's
 * stored tasks. The pass runs on every change, even one that changes nothing: it is idempotent, and
 * sending the same mappings again is how a pass cut short (or raced by a sync that began before the
 * change) is completed.
 */
export const changeMappings =
  (deps: ChangeMappingsDeps) =>
  (organizationId: OrganizationId, id: ConnectionId, change: (current: FieldMappings) => E.Either<InvalidInput, FieldMappings>): TE.TaskEither<DomainError, MappingsChange> =>
    pipe(
      loadConnection(deps.connections)(organizationId, id),
      TE.chainW((current) =>
        pipe(
          TE.fromEither(change(current.mappings)),
          TE.map((mappings) => ({ ...current, mappings, updatedAt: deps.clock.now() })),
        ),
      ),
      TE.chainW(deps.connections.update),
      TE.chainW((stored) =>
        pipe(
          reapplyConnectionMappings(deps)(stored),
          TE.map((remap): MappingsChange => ({ mappings: stored.mappings, remap })),
        ),
      ),
    );
