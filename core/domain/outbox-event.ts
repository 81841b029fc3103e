import type { ConnectionId, OrganizationId, TaskId } from './ids.js';
import type { JsonObject } from './json.js';

/** Every kind of event taskport tells the product about (docs/events.md says when each is emitted). */
export const EVENT_TYPES = [
  'external_task.created',
  'external_task.updated',
  'external_task.deleted',
  'external_task.out_of_scope',
  'connection.sync_succeeded',
  'connection.sync_failed',
  'connection.sync_cancelled',
  'connection.sync_interrupted',
  'connection.authorization_required',
  'write.succeeded',
  'write.failed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const isEventType = (value: string): value is EventType => (EVENT_TYPES as ReadonlyArray<string>).includes(value);

/**
 * What caused the change: a sync, a tracker's webhook, taskport's own write to the tracker, or a
 * change of the connection's mappings applied to the stored tasks. The echo of taskport's own write
 * coming back from the tracker is never reported as an outside change.
 */
export type EventCause = 'sync' | 'webhook' | 'write' | 'mapping';

/**
 * One change, written to the outbox in the same transaction as the change itself, so an event exists
 * exactly when its change was committed. The payload never holds a secret.
 */
export interface OutboxEvent {
  /** Unique and sortable by creation (UUIDv7 in production). */
  readonly id: string;
  readonly organizationId: OrganizationId;
  readonly type: EventType;
  readonly occurredAt: Date;
  readonly cause: EventCause;
  /** The task it is about, for `external_task.*` events. */
  readonly taskId: TaskId | null;
  readonly connectionId: ConnectionId | null;
  readonly data: JsonObject;
}

/** An event once published: its place in the feed, in commit order. */
export interface PublishedEvent extends OutboxEvent {
  /** Decimal digits; compare as numbers, not as text. */
  readonly position: string;
}

/** The events that must reach a receiver in order: those of one task, else those of one connection. */
export const orderKeyOf = (event: OutboxEvent): string => event.taskId ?? event.connectionId ?? event.organizationId;

/** The JSON a receiver gets, in deliveries and in the feed alike. */
export const eventEnvelope = (event: OutboxEvent): JsonObject => ({
  id: event.id,
  type: event.type,
  organizationId: event.organizationId,
  occurredAt: event.occurredAt.toISOString(),
  cause: event.cause,
  taskId: event.taskId,
  connectionId: event.connectionId,
  data: event.data,
});
