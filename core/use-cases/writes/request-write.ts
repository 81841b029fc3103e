import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import { asEntityId } from '../../domain/ids.js';
import { toJson } from '../../domain/json.js';
import type { Requester } from '../../domain/requester.js';
import type { Write, WriteRequest } from '../../domain/write.js';
import { connectionDisabled, idempotencyKeyReused, providerNotSupported, type DomainError } from '../../errors.js';
import type { ProviderRegistry } from '../../ports/provider.js';
import type { WriteQueue } from '../../ports/write-queue.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import { audited, auditEntryOf, type RecordingDeps } from '../audit/audited.js';

export interface RequestWriteDeps extends RecordingDeps {
  readonly unitOfWork: UnitOfWork;
  readonly writeQueue: WriteQueue;
  readonly providers: ProviderRegistry;
  readonly ids: IdGenerator;
}

/** JSON with its keys sorted at every depth: two bodies that mean the same give the same text. */
const canonical = (value: unknown): string => {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, m]) => [k, sorted(m)])) : v;
  return JSON.stringify(sorted(toJson(value)));
};

/** The same key with the same request is the same write; with another request it is a mistake. */
const sameRequestOr = (write: Write, digest: string, key: string): TE.TaskEither<DomainError, Write> =>
  write.requestDigest === digest ? TE.right(write) : TE.left(idempotencyKeyReused(key));

/**
 * Records a write (audited as the requester's) and queues its job. With an `Idempotency-Key`
 * already used in the organization, answers that write instead, provided the request is the same.
 */
export const requestWrite =
  (deps: RequestWriteDeps) =>
  (requester: Requester, connection: Connection, request: WriteRequest, idempotencyKey: string | null): TE.TaskEither<DomainError, Write> => {
    if (!connection.enabled) return TE.left(connectionDisabled(connection.id));
    if (deps.providers.find(connection.provider)?.writes === undefined) return TE.left(providerNotSupported(`${connection.provider} (writing back)`));
    const now = deps.clock.now();
    const digest = canonical({ connectionId: connection.id, request });
    const write: Write = {
      id: asEntityId(deps.ids.next()),
      organizationId: requester.organizationId,
      connectionId: connection.id,
      request,
      idempotencyKey,
      requestDigest: digest,
      status: 'queued',
      attempts: 0,
      result: null,
      failure: null,
      requestedBy: requester.actor,
      requestId: requester.requestId,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    const entry = auditEntryOf(deps, requester);
    return pipe(
      audited(deps.unitOfWork, (ports) => ports.writes.record(write), ({ write: stored, created }) =>
        created ? [entry('write.requested', stored.id, { kind: request.kind, connectionId: connection.id, fields: Object.keys(request).filter((k) => k !== 'kind') })] : [],
      ),
      TE.chainW(({ write: stored, created }) =>
        created ? pipe(deps.writeQueue.enqueue({ organizationId: stored.organizationId, writeId: stored.id }), TE.map(() => stored)) : sameRequestOr(stored, digest, idempotencyKey ?? ''),
      ),
    );
  };
