import * as t from 'io-ts';
import { AUDIT_ACTIONS, isAuditAction, type AuditAction } from '../domain/audit-entry.js';
import { EVENT_TYPES, isEventType, type EventType } from '../domain/outbox-event.js';
import { dateFromIsoString, httpUrlString, intFromString, nonEmptyString, withMessage } from './primitives.js';
import { strictObject } from './strict-object.js';

const eventTypeCodec = withMessage<EventType>('EventType', `must be one of ${EVENT_TYPES.join(', ')}`, isEventType, (s) => s as EventType);

/** Each type once; an empty list means every type. */
const EventTypesCodec = t.refinement(t.array(eventTypeCodec), (types) => new Set(types).size === types.length && types.length <= EVENT_TYPES.length, 'EventTypes');

const descriptionCodec = t.union([nonEmptyString(500), t.null]);

/** Body of POST /api/event-endpoints. */
export const CreateEventEndpointCodec = strictObject(
  'CreateEventEndpoint',
  { url: httpUrlString },
  { eventTypes: EventTypesCodec, enabled: t.boolean, description: descriptionCodec },
);
export type CreateEventEndpointInput = t.TypeOf<typeof CreateEventEndpointCodec>;

/** Body of PATCH on an endpoint: `rotateSecret: true` makes a new signing secret, shown once. */
export const UpdateEventEndpointCodec = strictObject(
  'UpdateEventEndpoint',
  {},
  { url: httpUrlString, eventTypes: EventTypesCodec, enabled: t.boolean, description: descriptionCodec, rotateSecret: t.literal(true) },
);
export type UpdateEventEndpointInput = t.TypeOf<typeof UpdateEventEndpointCodec>;

const position = withMessage('FeedCursor', 'must be a cursor this API returned', (s) => /^\d{1,19}$/.test(s), (s) => s.replace(/^0+(?=\d)/, ''));

/** `a,b,c` of event types. */
const eventTypeList = withMessage<ReadonlyArray<EventType>>(
  'EventTypeList',
  `must be a comma-separated list of ${EVENT_TYPES.join(', ')}`,
  (s) => s.split(',').every((type) => isEventType(type.trim())),
  (s) => [...new Set(s.split(',').map((type) => type.trim() as EventType))],
);

/** Query of GET /api/events: every value arrives as a string. */
export const EventFeedQueryCodec = strictObject('EventFeedQuery', {}, { after: position, types: eventTypeList, limit: intFromString(1, 1000) });
export type EventFeedQuery = t.TypeOf<typeof EventFeedQueryCodec>;

/** Query of GET /api/event-endpoints/:id/deliveries. */
export const DeliveryListQueryCodec = strictObject('DeliveryListQuery', {}, { limit: intFromString(1, 200), cursor: nonEmptyString(100) });

const auditAction = withMessage<AuditAction>('AuditAction', `must be one of ${Object.keys(AUDIT_ACTIONS).join(', ')}`, isAuditAction, (s) => s as AuditAction);

/** Query of GET /api/audit-events. */
export const AuditQueryCodec = strictObject(
  'AuditQuery',
  {},
  {
    action: auditAction,
    targetId: nonEmptyString(300),
    actor: nonEmptyString(300),
    since: dateFromIsoString,
    until: dateFromIsoString,
    limit: intFromString(1, 500),
    cursor: nonEmptyString(200),
  },
);
export type AuditQuery = t.TypeOf<typeof AuditQueryCodec>;
