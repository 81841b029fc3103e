import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { EventLog, ExternalTaskEvent } from '../../core/index.js';
import { attempt, type EntityManagerSource } from './database-call.js';

// One statement for the whole batch: the rows travel as a single JSON parameter, and the keys
// that were new come back. A key already there (or twice in the batch) is skipped, not an error.
const RECORD_NEW = `
insert into external_task_events (idempotency_key, organization_id, connection_id, external_id, kind, processed_at)
select e.idempotency_key, ?, e.connection_id, e.external_id, e.kind, e.processed_at
from json_to_recordset(?::json) as e(idempotency_key text, connection_id uuid, external_id text, kind text, processed_at timestamptz)
on conflict (idempotency_key) do nothing
returning idempotency_key`;

const toRow = (event: ExternalTaskEvent) => ({
  idempotency_key: event.idempotencyKey,
  connection_id: event.connectionId,
  external_id: event.externalId,
  kind: event.kind,
  processed_at: event.processedAt,
});

// Concurrent batches take their key locks in the same order, so they cannot deadlock.
const byKey = (a: ExternalTaskEvent, b: ExternalTaskEvent) => (a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : 0);

export const postgresEventLog = (em: EntityManagerSource): EventLog => ({
  recordNew: (organizationId, events) =>
    events.length === 0
      ? TE.right(new Set<string>())
      : pipe(
          attempt('Recording processed events', () =>
            em().execute<Array<{ idempotency_key: string }>>(RECORD_NEW, [organizationId, JSON.stringify([...events].sort(byKey).map(toRow))]),
          ),
          TE.map((rows) => new Set(rows.map((row) => row.idempotency_key))),
        ),
});
