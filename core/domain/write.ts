import type { FieldIssue } from '../errors.js';
import type { UnifiedPriority, UnifiedStatus } from './field-mappings.js';
import type { ConnectionId, EntityId, OrganizationId, TaskId } from './ids.js';
import type { JsonObject } from './json.js';

export type WriteId = EntityId;

/** How a connection settles a write to a field the tracker changed since the product read it. */
export type WriteConflictPolicy = 'tracker-wins' | 'product-wins';
export const WRITE_CONFLICT_POLICIES: ReadonlyArray<WriteConflictPolicy> = ['tracker-wins', 'product-wins'];
export const DEFAULT_WRITE_CONFLICT_POLICY: WriteConflictPolicy = 'tracker-wins';

/** Who a task is assigned to, as the product names them: by e-mail, or by the tracker's own user id. */
export type AssigneeRef = { readonly email: string } | { readonly externalId: string };

/** The fields a write sets; a field left out is left alone, `null` clears it (where it can be cleared). */
export interface TaskFieldChanges {
  readonly title?: string;
  readonly description?: string | null;
  readonly priority?: UnifiedPriority;
  readonly assignee?: AssigneeRef | null;
  readonly dueDate?: string | null;
  readonly status?: UnifiedStatus;
}

export const WRITABLE_FIELDS = ['title', 'description', 'priority', 'assignee', 'dueDate', 'status'] as const;
export type WritableField = (typeof WRITABLE_FIELDS)[number];

/** A new item in the tracker, in the project (table, board) the connection reaches. */
export interface CreateRequest extends TaskFieldChanges {
  readonly kind: 'create';
  readonly projectKey: string;
  readonly title: string;
}

/** Changes to the tracker's item behind a stored task. */
export interface UpdateRequest extends TaskFieldChanges {
  readonly kind: 'update';
  readonly taskId: TaskId;
  /** The item version the product's change is based on; by default the stored task's. */
  readonly baseVersion: string | null;
}

export type WriteRequest = CreateRequest | UpdateRequest;

export type WriteStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** Why a write failed, as a stable code the product can act on. */
export type WriteFailureCode =
  | 'write/conflict'
  | 'write/transition-unavailable'
  | 'write/rejected'
  | 'write/auth'
  | 'write/unavailable'
  | 'write/not-found';

export interface WriteFailure {
  readonly code: WriteFailureCode;
  readonly message: string;
  /** The tracker's field errors (`write/rejected`), the statuses reachable (`write/transition-unavailable`). */
  readonly details: ReadonlyArray<FieldIssue>;
  /** For `write/conflict`: per field, what the product wrote and what the tracker holds now. */
  readonly conflicts: JsonObject | null;
}

/** The tracker's answer to a write that succeeded. */
export interface WriteResult {
  readonly externalId: string;
  readonly key: string;
  /** The item's version after the write: its echo carries it. */
  readonly version: string;
  readonly taskId: TaskId;
  /** Fields written over the tracker's own newer values under `product-wins` (recorded, never silent). */
  readonly overwritten: ReadonlyArray<WritableField>;
}

/**
 * One change taskport makes in a tracker for the product: queued when asked for, run by a worker
 * (retried on transient failures), and finished once with the tracker's answer or a failure code.
 */
export interface Write {
  readonly id: WriteId;
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly request: WriteRequest;
  /** The caller's `Idempotency-Key`, with a digest of its body: the same key answers the same write. */
  readonly idempotencyKey: string | null;
  readonly requestDigest: string;
  readonly status: WriteStatus;
  /** Runs started so far (the first included). */
  readonly attempts: number;
  readonly result: WriteResult | null;
  readonly failure: WriteFailure | null;
  /** The `sub` of the token that asked for it. */
  readonly requestedBy: string;
  readonly requestId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

export const isFinishedWrite = (write: Pick<Write, 'status'>): boolean => write.status === 'succeeded' || write.status === 'failed';

/** How the write is settled once it has run. */
export type WriteOutcome = { readonly status: 'succeeded'; readonly result: WriteResult } | { readonly status: 'failed'; readonly failure: WriteFailure };

/** The write's public view: never a secret, and only what the product acts on. */
export const publicWrite = (write: Write): JsonObject => ({
  id: write.id,
  writeId: write.id,
  connectionId: write.connectionId,
  kind: write.request.kind,
  taskId: write.request.kind === 'update' ? write.request.taskId : (write.result?.taskId ?? null),
  status: write.status,
  attempts: write.attempts,
  retries: Math.max(0, write.attempts - 1),
  result:
    write.result === null
      ? null
      : { externalId: write.result.externalId, key: write.result.key, version: write.result.version, taskId: write.result.taskId, overwritten: [...write.result.overwritten] },
  error:
    write.failure === null
      ? null
      : {
          code: write.failure.code,
          message: write.failure.message,
          details: write.failure.details.map((d) => ({ path: d.path, message: d.message })),
          ...(write.failure.conflicts === null ? {} : { conflicts: write.failure.conflicts }),
        },
  requestedBy: write.requestedBy,
  createdAt: write.createdAt.toISOString(),
  updatedAt: write.updatedAt.toISOString(),
  finishedAt: write.finishedAt?.toISOString() ?? null,
});
