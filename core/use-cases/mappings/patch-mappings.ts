import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../../codecs/decode.js';
import { FieldMappingsPatchCodec } from '../../codecs/connection-input.js';
import type { ConnectionId } from '../../domain/ids.js';
import type { Requester } from '../../domain/requester.js';
import { mergeMappings } from '../../domain/mapping-merge.js';
import type { DomainError } from '../../errors.js';
import { changeMappings, type ChangeMappingsDeps, type MappingsChange } from './change-mappings.js';
import { refuseCaseDuplicates, refuseDefaultRemoval } from './mapping-checks.js';

/**
 * Merges rules into a connection's mappings: a rule given is set (replacing the one its key matches
 * in any letter case), `null` removes it, a rule not named stays; projects merge by key. Then the
 * mappings are applied to the connection's stored tasks. Audited as `mappings.patched`.
 */
export const patchMappings =
  (deps: ChangeMappingsDeps) =>
  (requester: Requester, id: ConnectionId, body: unknown): TE.TaskEither<DomainError, MappingsChange> =>
    changeMappings(deps)(requester, id, {
      action: 'mappings.patched',
      change: (current) =>
        pipe(
          decodeInput(FieldMappingsPatchCodec)(body),
          E.chain(refuseDefaultRemoval),
          E.chain(refuseCaseDuplicates),
          E.map((patch) => mergeMappings(current, patch)),
        ),
    });
