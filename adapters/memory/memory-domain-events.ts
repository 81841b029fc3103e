import * as T from 'fp-ts/lib/Task.js';
import type { DomainEvent, DomainEvents } from '../../core/index.js';

export interface RecordingDomainEvents extends DomainEvents {
  readonly published: DomainEvent[];
}

/** Keeps every published event, in order, for tests and the demo. */
export const recordingDomainEvents = (): RecordingDomainEvents => {
  const published: DomainEvent[] = [];
  return {
    published,
    publish: (events) => {
      published.push(...events);
      return T.of(undefined);
    },
  };
};
