import * as TE from 'fp-ts/lib/TaskEither.js';
import { toJson, type Write, type WriteRepository } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, isUuid, type EntityManagerSource } from './database-call.js';
import { toWrite, type WriteRow } from './schema/write-row.js';

// The key's unique constraint decides between two requests racing with one key: the loser reads the winner's row.
const RECORD = `
insert into task_writes (id, organization_id, connection_id, kind, request, idempotency_key, request_digest, status, attempts, requested_by, request_id, created_at, updated_at)
values (?, ?, ?, ?, ?::jsonb, ?, ?, 'queued', 0, ?, ?, ?::timestamptz, ?::timestamptz)
on conflict (organization_id, idempotency_key) do nothing
returning *`;

const BY_KEY = 'select * from task_writes where organization_id = ? and idempotency_key = ?';
const BY_ID = 'select * from task_writes where organization_id = ? and id = ?';
const CLAIM = `update task_writes set status = 'running', attempts = attempts + 1, updated_at = ?::timestamptz where organization_id = ? and id = ? and status = 'queued' returning *`;
const RELEASE = `update task_writes set status = 'queued', updated_at = ?::timestamptz where organization_id = ? and id = ? and status = 'running' returning *`;
const FINISH = `
update task_writes set status = ?, result = ?::jsonb, failure = ?::jsonb, failure_code = ?, updated_at = ?::timestamptz, finished_at = ?::timestamptz
where organization_id = ? and id = ? and status in ('queued', 'running')
returning *`;
const RUNNING_FOR = `select * from task_writes where organization_id = ? and connection_id = ? and status = 'running' and updated_at >= ?::timestamptz order by updated_at`;
const LAST_AUTH_FAILURE = `select max(finished_at) as at from task_writes where organization_id = ? and connection_id = ? and failure_code = 'write/auth'`;

const json = (value: unknown): string => JSON.stringify(toJson(value));
const first = (rows: ReadonlyArray<WriteRow>): Write | null => (rows.length === 0 ? null : toWrite(rows[0]!));

/** Writes on PostgreSQL (`task_writes`), by plain statements: each change is one conditional update. */
export const postgresWriteRepository = (em: EntityManagerSource): WriteRepository => ({
  record: (write) =>
    attempt('Recording the write', async () => {
      const values = [write.id, write.organizationId, write.connectionId, write.request.kind, json(write.request), write.idempotencyKey, write.requestDigest, write.requestedBy, write.requestId, write.createdAt, write.updatedAt];
      const inserted = first(await executeBound<WriteRow>(em(), RECORD, values));
      if (inserted !== null) return { write: inserted, created: true };
      const earlier = first(await executeBound<WriteRow>(em(), BY_KEY, [write.organizationId, write.idempotencyKey]));
      if (earlier === null) throw new Error('The write neither was recorded nor had an earlier one with its key');
      return { write: earlier, created: false };
    }),
  findById: (organizationId, id) => (isUuid(id) ? attempt('Reading the write', async () => first(await executeBound<WriteRow>(em(), BY_ID, [organizationId, id]))) : TE.right(null)),
  claim: (organizationId, id, now) => (isUuid(id) ? attempt('Starting the write', async () => first(await executeBound<WriteRow>(em(), CLAIM, [now, organizationId, id]))) : TE.right(null)),
  release: (organizationId, id, now) => (isUuid(id) ? attempt('Queueing the write again', async () => first(await executeBound<WriteRow>(em(), RELEASE, [now, organizationId, id]))) : TE.right(null)),
  finish: (organizationId, id, outcome, now) => {
    if (!isUuid(id)) return TE.right(null);
    const [result, failure] = outcome.status === 'succeeded' ? [json(outcome.result), null] : [null, json(outcome.failure)];
    const code = outcome.status === 'failed' ? outcome.failure.code : null;
    return attempt('Finishing the write', async () => first(await executeBound<WriteRow>(em(), FINISH, [outcome.status, result, failure, code, now, now, organizationId, id])));
  },
  runningFor: (organizationId, connectionId, since) =>
    isUuid(connectionId)
      ? attempt('Reading the running writes', async () => (await executeBound<WriteRow>(em(), RUNNING_FOR, [organizationId, connectionId, since])).map(toWrite))
      : TE.right([]),
  lastAuthFailureAt: (organizationId, connectionId) =>
    isUuid(connectionId)
      ? attempt('Reading the paused writes', async () => {
          const rows = await executeBound<{ at: Date | null }>(em(), LAST_AUTH_FAILURE, [organizationId, connectionId]);
          return rows[0]?.at === null || rows[0]?.at === undefined ? null : new Date(rows[0].at);
        })
      : TE.right(null),
});
