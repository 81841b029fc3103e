import { quoteCondition } from './conditions.js';
import { CONNECTWISE_WRITES, type TicketKind } from './facts.js';
import { apiRequest, TICKET_PATHS, type ApiTarget } from './requests.js';

/** One operation of a JSON Patch (RFC 6902): the PATCH body is a bare array of them. */
export type PatchOperation = { readonly op: 'replace'; readonly path: string; readonly value: unknown } | { readonly op: 'remove'; readonly path: string };

/** The ticket's fields of a write, resolved to ConnectWise's references (ids, identifiers). */
export interface TicketChanges {
  readonly summary?: string;
  readonly priorityId?: number;
  /** A member identifier; null leaves the ticket without an owner. */
  readonly owner?: string | null;
  readonly dueDate?: string | null;
}

const requiredDateOf = (day: string) => `${day}${CONNECTWISE_WRITES.dueTime}`;

/** Only the fields given: the rest of the ticket is not in the patch, so a change made meanwhile stays. */
export const patchOperations = (changes: TicketChanges): ReadonlyArray<PatchOperation> => [
  ...(changes.summary === undefined ? [] : [{ op: 'replace' as const, path: '/summary', value: changes.summary }]),
  ...(changes.priorityId === undefined ? [] : [{ op: 'replace' as const, path: '/priority', value: { id: changes.priorityId } }]),
  ...(changes.owner === undefined ? [] : [changes.owner === null ? { op: 'remove' as const, path: '/owner' } : { op: 'replace' as const, path: '/owner', value: { identifier: changes.owner } }]),
  ...(changes.dueDate === undefined
    ? []
    : [changes.dueDate === null ? { op: 'remove' as const, path: '/requiredDate' } : { op: 'replace' as const, path: '/requiredDate', value: requiredDateOf(changes.dueDate) }]),
];

export interface NewTicket extends TicketChanges {
  readonly summary: string;
  readonly board: string;
  readonly company: string;
  readonly description?: string | null;
  readonly marker: string;
}

/** POST /service/tickets: the board by name, the company by identifier, the description as the first note. */
export const createTicketRequest = (target: ApiTarget, ticket: NewTicket) =>
  apiRequest(target, 'POST', TICKET_PATHS[CONNECTWISE_WRITES.createKind], undefined, {
    summary: ticket.summary,
    board: { name: ticket.board },
    company: { identifier: ticket.company },
    [CONNECTWISE_WRITES.markerField]: ticket.marker,
    ...(ticket.description === undefined || ticket.description === null ? {} : { initialDescription: ticket.description }),
    ...(ticket.priorityId === undefined ? {} : { priority: { id: ticket.priorityId } }),
    ...(ticket.owner === undefined || ticket.owner === null ? {} : { owner: { identifier: ticket.owner } }),
    ...(ticket.dueDate === undefined || ticket.dueDate === null ? {} : { requiredDate: requiredDateOf(ticket.dueDate) }),
  });

export const patchTicketRequest = (target: ApiTarget, kind: TicketKind, id: number, operations: ReadonlyArray<PatchOperation>) => apiRequest(target, 'PATCH', `${TICKET_PATHS[kind]}/${id}`, undefined, operations);

/** The tickets a create's marker names (at most one, unless a person copied it). */
export const markedTicketsRequest = (target: ApiTarget, marker: string) =>
  apiRequest(target, 'GET', TICKET_PATHS[CONNECTWISE_WRITES.createKind], { conditions: `${CONNECTWISE_WRITES.markerField}=${quoteCondition(marker)}`, fields: 'id', orderBy: 'id asc', pageSize: 10 });

export const memberByEmailRequest = (target: ApiTarget, email: string) =>
  apiRequest(target, 'GET', '/system/members', { conditions: `primaryEmail=${quoteCondition(email)}`, fields: 'id,identifier,primaryEmail', pageSize: 10 });
