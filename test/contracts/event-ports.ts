import * as TE from 'fp-ts/lib/TaskEither.js';
import type { ManualClock } from '../../adapters/memory/index.js';
import type {
  AuditLog,
  EventDeliveries,
  EventEndpoint,
  EventEndpointRepository,
  EventFeed,
  EventSubscriptions,
  OutboxEvent,
  UnitOfWork,
} from '../../core/index.js';
import { expectRight } from '../support/either.js';

/** The ports of events and audit, as both the fake and PostgreSQL provide them. */
export interface EventPortsSubject {
  readonly unitOfWork: UnitOfWork;
  readonly eventFeed: EventFeed;
  readonly eventEndpoints: EventEndpointRepository;
  readonly eventDeliveries: EventDeliveries;
  readonly eventSubscriptions: EventSubscriptions;
  readonly auditLog: AuditLog;
  readonly clock: ManualClock;
}

/** Commits events (one transaction each call), as a change would. */
export const commitEvents = (subject: EventPortsSubject, events: ReadonlyArray<OutboxEvent>) =>
  expectRight(subject.unitOfWork.transaction((ports) => ports.outbox.append(events)));

export const addEndpoint = (subject: EventPortsSubject, endpoint: EventEndpoint) =>
  expectRight(subject.unitOfWork.transaction((ports) => ports.eventEndpoints.insert(endpoint)));

export const publishAll = (subject: EventPortsSubject) => expectRight(subject.eventFeed.publishPending(1000, subject.clock.now()));

export const claimAll = (subject: EventPortsSubject) => expectRight(subject.eventDeliveries.claim(100, subject.clock.now()));

export const noWork = () => TE.right(undefined);
