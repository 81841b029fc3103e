import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import { syncedProjectKeys } from '../../domain/field-mappings.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import { webhookIdempotencyKey } from '../../domain/task-event.js';
import type { WebhookDelivery, WebhookOutcome } from '../../domain/webhook.js';
import type { PersistenceFailure } from '../../errors.js';
import { ingestIssues, type IngestDeps } from '../sync/ingest-issues.js';
import { ingestDeletion } from './ingest-deletion.js';

/** A connection limited to some projects ignores the others' issues, as its syncs do. */
export const isSynced = (connection: Connection, issue: SourceIssue): boolean => {
  const projects = syncedProjectKeys(connection.mappings).map((key) => key.toLowerCase());
  return projects.length === 0 || (issue.projectKey !== null && projects.includes(issue.projectKey.toLowerCase()));
};

/**
 * Applies an authenticated delivery exactly once. Upserts take the same path as a sync (mapping,
 * user mappings, domain events), keyed by the delivery; a version older than the task's is kept
 * out by the repository, so a late delivery never rolls a task back.
 */
export const applyWebhookEvent =
  (deps: IngestDeps) =>
  (connection: Connection, delivery: WebhookDelivery, now: Date): TE.TaskEither<PersistenceFailure, WebhookOutcome> => {
    const idempotencyKey = webhookIdempotencyKey(connection.id, delivery.deliveryId);
    const { event } = delivery;
    switch (event.kind) {
      case 'ignored':
        return TE.right('ignored');
      case 'upsert':
        if (!isSynced(connection, event.issue)) return TE.right('ignored');
        return pipe(
          ingestIssues(deps)(connection, 'webhook', [{ issue: event.issue, idempotencyKey }], now),
          TE.map((counts) => (counts.skipped > 0 ? 'duplicate' : 'applied')),
        );
      case 'delete':
        return pipe(
          ingestDeletion(deps)(connection, { idempotencyKey, externalId: event.externalId, deletedAt: event.occurredAt }, now),
          TE.map((outcome) => (outcome === 'duplicate' ? 'duplicate' : 'applied')),
        );
    }
  };
