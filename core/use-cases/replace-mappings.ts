import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { FieldMappingsInputCodec } from '../codecs/connection-input.js';
import type { FieldMappings } from '../domain/field-mappings.js';
import type { ConnectionId } from '../domain/ids.js';
import type { Requester } from '../domain/requester.js';
import type { DomainError } from '../errors.js';
import { changeMappings, type ChangeMappingsDeps, type MappingsChange } from './mappings/change-mappings.js';
import { refuseCaseDuplicates, requireDefaults } from './mappings/mapping-checks.js';

/**
 * Replaces a connection's status and priority mappings as a whole, and its project mappings when
 * given, then applies them to its stored tasks. Every rule left out is gone; only the defaults must
 * stay. Audited as `mappings.replaced` with before and after.
 */
export const replaceMappings =
  (deps: ChangeMappingsDeps) =>
  (requester: Requester, id: ConnectionId, body: unknown): TE.TaskEither<DomainError, MappingsChange> =>
    changeMappings(deps)(requester, id, {
      action: 'mappings.replaced',
      change: (current) =>
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
    });
