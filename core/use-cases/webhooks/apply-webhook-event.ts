import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { Connection } from '../../domain/connection.js';
import type { SourceIssue } from '../../domain/source-issue.js';
import type { WebhookEvent, WebhookOutcome } from '../../domain/webhook.js';
import type { DomainError } from '../../errors.js';
import type { ReachSourceDeps } from '../source-connection.js';
import { ingestIssues, type IngestDeps } from '../sync/ingest-issues.js';
import { ingestDeletion } from './ingest-deletion.js';

export type ApplyWebhookDeps = IngestDeps & ReachSourceDeps;

/** A connection whose scope names some projects ignores the others' items, as its syncs do. */
export const isSynced = (connection: Connection, issue: SourceIssue): boolean => {
  const projects = connection.projectScope.map((key) => key.toLowerCase());
  return projects.length === 0 || (issue.projectKey !== null && projects.includes(issue.projectKey.toLowerCase()));
};

/**
 * An event as it is applied: one that only names its item (`refetch`) is resolved first, with the
 * other named items of its inbox pass (read-named-items.ts), so only carried items come here.
 */
export type AppliedWebhookEvent = Exclude<WebhookEvent, { readonly kind: 'refetch' }>;

/** A delivery that is applied: its event, and the key it was deduplicated on when it was recorded. */
export interface KeyedWebhookEvent {
  readonly deliveryKey: string;
  readonly event: AppliedWebhookEvent;
}

const upsert = (deps: ApplyWebhookDeps, connection: Connection, issue: SourceIssue, idempotencyKey: string, now: Date): TE.TaskEither<DomainError, WebhookOutcome> =>
  isSynced(connection, issue)
    ? pipe(
        ingestIssues(deps)(connection, 'webhook', [{ issue, idempotencyKey }], now),
        TE.map((counts) => (counts.skipped > 0 ? 'duplicate' : 'applied')),
      )
    : TE.right('ignored');

/**
 * Applies an authenticated delivery exactly once. Upserts take the same path as a sync (mapping,
 * user mappings, domain events), keyed by the delivery; a version older than the task's is kept
 * out by the repository, so a late delivery never rolls a task back.
 */
export const applyWebhookEvent =
  (deps: ApplyWebhookDeps) =>
  (connection: Connection, delivery: KeyedWebhookEvent, now: Date): TE.TaskEither<DomainError, WebhookOutcome> => {
    const { event, deliveryKey } = delivery;
    switch (event.kind) {
      case 'ignored':
        return TE.right('ignored');
      case 'upsert':
        return upsert(deps, connection, event.issue, deliveryKey, now);
      case 'delete':
        return pipe(
          ingestDeletion(deps)(connection, { idempotencyKey: deliveryKey, externalId: event.externalId, deletedAt: event.occurredAt }, now),
          TE.map((outcome) => (outcome === 'duplicate' ? 'duplicate' : 'applied')),
        );
    }
  };
