import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { FieldMappingsInputCodec, type FieldMappingsInput } from '../codecs/connection-input.js';
import { DEFAULT_KEY, type FieldMappings } from '../domain/field-mappings.js';
import type { ConnectionId } from '../domain/ids.js';
import { toJsonObject } from '../domain/json.js';
import type { Requester } from '../domain/requester.js';
import { invalidInput, type DomainError, type FieldIssue, type InvalidInput } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { audited, auditEntryOf, type RecordingDeps } from './audit/audited.js';
import { loadConnection } from './load-connection.js';

const hasDefault = (rules: Readonly<Record<string, unknown>>): boolean =>
  Object.keys(rules).some((k) => k.toLowerCase() === DEFAULT_KEY);

/** The fallbacks are what keep every task mappable, so they cannot be removed. */
const requireDefaults = (input: FieldMappingsInput): E.Either<InvalidInput, FieldMappingsInput> => {
  const missing: FieldIssue[] = (['status', 'priority'] as const)
    .filter((table) => !hasDefault(input[table]))
    .map((table) => ({ path: `${table}.${DEFAULT_KEY}`, message: 'the default mapping cannot be removed' }));
  return missing.length === 0 ? E.right(input) : E.left(invalidInput(missing));
};

/** `Done` and `done` would be one rule with two answers; which won would depend on key order. */
const refuseCaseDuplicates = (input: FieldMappingsInput): E.Either<InvalidInput, FieldMappingsInput> => {
  const duplicates: FieldIssue[] = (['status', 'priority'] as const).flatMap((table) => {
    const seen = new Map<string, string>();
    return Object.keys(input[table]).flatMap((key) => {
      const earlier = seen.get(key.toLowerCase());
      seen.set(key.toLowerCase(), key);
      return earlier === undefined ? [] : [{ path: `${table}.${key}`, message: `duplicates ${earlier}: rules are case-insensitive` }];
    });
  });
  return duplicates.length === 0 ? E.right(input) : E.left(invalidInput(duplicates));
};

export interface ReplaceMappingsDeps extends RecordingDeps {
  readonly connections: ConnectionRepository;
  readonly unitOfWork: UnitOfWork;
}

/** Replaces a connection's status, priority and (when given) project mappings as a whole; audited with both. */
export const replaceMappings =
  (deps: ReplaceMappingsDeps) =>
  (requester: Requester, id: ConnectionId, body: unknown): TE.TaskEither<DomainError, FieldMappings> =>
    pipe(
      loadConnection(deps.connections)(requester.organizationId, id),
      TE.bindTo('current'),
      TE.bindW('input', () => TE.fromEither(pipe(decodeInput(FieldMappingsInputCodec)(body), E.chain(requireDefaults), E.chain(refuseCaseDuplicates)))),
      TE.map(({ current, input }) => ({
        before: current.mappings,
        next: {
        ...current,
        mappings: {
          status: input.status,
          priority: input.priority,
          projects:
            input.projects === undefined
              ? current.mappings.projects
              : input.projects.map((p) => ({ projectKey: p.projectKey, internalProjectId: p.internalProjectId ?? null })),
        },
        updatedAt: deps.clock.now(),
        },
      })),
      TE.chainW(({ before, next }) =>
        audited(
          deps.unitOfWork,
          (ports) => ports.connections.update(next),
          (saved) => [auditEntryOf(deps, requester)('mappings.replaced', saved.id, toJsonObject({ before, after: saved.mappings }))],
        ),
      ),
      TE.map((c) => c.mappings),
    );
