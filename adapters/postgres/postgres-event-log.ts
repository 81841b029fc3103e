import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { EventLog, ExternalTaskEvent } from '../../core/index.js';
import { executeBound } from './bound-statement.js';
import { attempt, type EntityManagerSource } from './database-call.js';
import { instantTexts } from './instant-texts.js';

// One statement for the whole batch: the rows travel as a single JSON parameter (arrays of values,
// no column names), and the keys that were new come back. A key already there (or twice in the
// batch) is skipped, not an error.
const RECORD_NEW = `
insert into external_task_events (idempotency_key, organization_id, connection_id, external_id, kind, processed_at)
select e->>0, ?, (e->>1)::uuid, e->>2, e->>3, (e->>4)::timestamptz
from jsonb_array_elements(?::jsonb) as e
on conflict (organization_id, idempotency_key) do nothing
returning idempotency_key`;

const toRow = (instant: (value: unknown) => unknown) => (event: ExternalTaskEvent) => [event.idempotencyKey, event.connectionId, event.externalId, event.kind, instant(event.processedAt)];

// Concurrent batches take their key locks in the same order, so they cannot deadlock.
const byKey = (a: ExternalTaskEvent, b: ExternalTaskEvent) => (a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : 0);

export const postgresEventLog = (em: EntityManagerSource): EventLog => ({
  recordNew: (organizationId, events) =>
    events.length === 0
      ? TE.right(new Set<string>())
      : pipe(
          attempt('Recording processed events', () =>
            executeBound<{ idempotency_key: string }>(em(), RECORD_NEW, [organizationId, JSON.stringify([...events].sort(byKey).map(toRow(instantTexts())))]),
          ),
          TE.map((rows) => new Set(rows.map((row) => row.idempotency_key))),
        ),
});
