import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { FieldMappingsInputCodec } from '../codecs/connection-input.js';
import type { FieldMappings } from '../domain/field-mappings.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { DomainError } from '../errors.js';
import { changeMappings, type ChangeMappingsDeps, type MappingsChange } from './mappings/change-mappings.js';
import { refuseCaseDuplicates, requireDefaults } from './mappings/mapping-checks.js';

/**
 * Replaces a connection's status and priority mappings as a whole, and its project mappings when
 * given, then applies them to its stored tasks. Every rule left out is gone; only the defaults must stay.
 */
export const replaceMappings =
  (deps: ChangeMappingsDeps) =>
  (organizationId: OrganizationId, id: ConnectionId, body: unknown): TE.TaskEither<DomainError, MappingsChange> =>
    changeMappings(deps)(organizationId, id, (current) =>
      pipe(
        decodeInput(FieldMappingsInputCodec)(body),
        E.chain(requireDefaults),
        E.chain(refuseCaseDuplicates),
        E.map(
          (input): FieldMappings => ({
            status: input.status,
            priority: input.priority,
            projects: input.projects === undefined ? current.projects : input.projects.map((p) => ({ projectKey: p.projectKey, internalProjectId: p.internalProjectId ?? null })),
          }),
        ),
      ),
    );
