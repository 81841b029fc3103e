import type * as T from 'fp-ts/lib/Task.js';
import type { DomainEvent } from '../domain/domain-event.js';

/** Tells the rest of the product what changed. Publishing happens after the change is committed. */
export interface DomainEvents {
  readonly publish: (events: ReadonlyArray<DomainEvent>) => T.Task<void>;
}
