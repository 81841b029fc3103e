import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { asEntityId, asOrganizationId, toFieldIssues, toJson, UnifiedPriorityCodec, UnifiedStatusCodec, type JsonObject, type Write, type WriteRequest } from '../../../core/index.js';

/** A row of `task_writes` as the driver returns it. */
export interface WriteRow {
  id: string;
  organization_id: string;
  connection_id: string;
  request: unknown;
  idempotency_key: string | null;
  request_digest: string;
  status: string;
  attempts: number;
  result: unknown;
  failure: unknown;
  requested_by: string;
  request_id: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);
const AssigneeCodec = nullable(t.union([t.type({ email: t.string }), t.type({ externalId: t.string })]));
const FieldsCodec = t.partial({
  title: t.string,
  description: nullable(t.string),
  priority: UnifiedPriorityCodec,
  assignee: AssigneeCodec,
  dueDate: nullable(t.string),
  status: UnifiedStatusCodec,
});
const RequestCodec = t.union([
  t.intersection([FieldsCodec, t.type({ kind: t.literal('create'), projectKey: t.string, title: t.string })]),
  t.intersection([FieldsCodec, t.type({ kind: t.literal('update'), taskId: t.string, baseVersion: nullable(t.string) })]),
]);
const WritableFieldCodec = t.keyof({ title: null, description: null, priority: null, assignee: null, dueDate: null, status: null });
const ResultCodec = t.type({ externalId: t.string, key: t.string, version: t.string, taskId: t.string, overwritten: t.array(WritableFieldCodec) });
const FailureCodec = t.type({
  code: t.keyof({ 'write/conflict': null, 'write/transition-unavailable': null, 'write/rejected': null, 'write/auth': null, 'write/unavailable': null, 'write/not-found': null }),
  message: t.string,
  details: t.array(t.type({ path: t.string, message: t.string })),
  conflicts: nullable(t.UnknownRecord),
});
const StatusCodec = t.keyof({ queued: null, running: null, succeeded: null, failed: null });

const decoded = <A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A => {
  const result = codec.decode(value);
  // A row this code did not write is a bug or a tampered database, never a state to go on from.
  if (E.isLeft(result)) throw new Error(`task_writes.${what} is unreadable: ${toFieldIssues(result.left).map((i) => `${i.path} ${i.message}`).join('; ')}`);
  return result.right;
};

export const toWrite = (row: WriteRow): Write => {
  const request = decoded(RequestCodec, row.request, 'request');
  const result = row.result === null ? null : decoded(ResultCodec, row.result, 'result');
  const failure = row.failure === null ? null : decoded(FailureCodec, row.failure, 'failure');
  return {
    id: asEntityId(row.id),
    organizationId: asOrganizationId(row.organization_id),
    connectionId: asEntityId(row.connection_id),
    request: (request.kind === 'update' ? { ...request, taskId: asEntityId(request.taskId) } : request) as WriteRequest,
    idempotencyKey: row.idempotency_key,
    requestDigest: row.request_digest,
    status: decoded(StatusCodec, row.status, 'status'),
    attempts: row.attempts,
    result: result === null ? null : { ...result, taskId: asEntityId(result.taskId) },
    failure: failure === null ? null : { ...failure, conflicts: failure.conflicts === null ? null : (toJson(failure.conflicts) as JsonObject) },
    requestedBy: row.requested_by,
    requestId: row.request_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
};
