import * as t from 'io-ts';
import type { SourceIssue } from '../../../core/index.js';
import { storableIssue } from '../shared/untrusted-data.js';
import type { TicketKind } from './facts.js';
import type { BoardStatus } from './responses.js';

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/** `2018-11-09T21:19:07Z` (UTC, second precision) as an instant; null when it is not one. */
const parseInstant = (text: string): Date | null => {
  const at = /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : null;
  return at === null || Number.isNaN(at.getTime()) ? null : at;
};

export const InstantCodec = new t.Type<Date, string, unknown>(
  'ConnectWiseInstant',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    const at = typeof u === 'string' ? parseInstant(u) : null;
    return at !== null ? t.success(at) : t.failure(u, c, 'must be an ISO-8601 instant');
  },
  (d) => d.toISOString(),
);

const Reference = t.intersection([t.type({ id: t.number }), t.partial({ name: t.string, identifier: t.string })]);
const PriorityReference = t.intersection([t.type({ id: t.number }), t.partial({ name: t.string, sort: nullable(t.number) })]);

// Only `id`, `summary` and `_info.lastUpdated` are required: a field the API member cannot see, or
// the `fields` list leaves out, is absent, and every other field has a sensible empty value.
export const TicketCodec = t.intersection(
  [
    // `dateEntered` is read as text: an impossible date becomes null with a note, not a failed page.
    t.type({ id: t.number, summary: t.string, _info: t.intersection([t.type({ lastUpdated: InstantCodec }), t.partial({ dateEntered: nullable(t.string) })]) }),
    t.partial({
      recordType: t.string,
      board: nullable(Reference),
      status: nullable(Reference),
      company: nullable(Reference),
      owner: nullable(Reference),
      priority: nullable(PriorityReference),
      resources: nullable(t.string),
      requiredDate: nullable(t.string),
      closedFlag: t.boolean,
      closedDate: nullable(t.string),
      project: nullable(Reference),
      phase: nullable(Reference),
      type: nullable(Reference),
      subType: nullable(Reference),
      severity: nullable(t.string),
      impact: nullable(t.string),
    }),
  ],
  'Ticket',
);
export type Ticket = t.TypeOf<typeof TicketCodec>;

/** What mapping a ticket needs besides the ticket: read once per board and member, then cached. */
export interface TicketContext {
  readonly kind: TicketKind;
  /** The statuses of the ticket's board, or empty when it has none. */
  readonly boardStatuses: ReadonlyArray<BoardStatus>;
  /** The owner's e-mail from their member record, when known. */
  readonly ownerEmail: string | null;
  /** The priority's sort where the ticket's reference lacks it. */
  readonly prioritySort: number | null;
  /** Links are built on it: the site's web address, which the API host may differ from. */
  readonly ticketUrl: (id: number) => string;
}

export const externalIdOf = (kind: TicketKind, id: number): string => `${kind}:${id}`;

/** `service:123` or `project:456`; anything else names no ticket. */
export const parseExternalId = (externalId: string): { readonly kind: TicketKind; readonly id: number } | null => {
  const match = /^(service|project):(\d{1,15})$/.exec(externalId);
  return match === null ? null : { kind: match[1] as TicketKind, id: Number(match[2]) };
};

/**
 * A ticket's category: closed (the ticket's flag or its status's) is done, the board's default
 * status is todo, anything else is in progress. Overrides go by `<board>/<status>` (see README).
 */
export const statusCategoryOf = (ticket: Ticket, statuses: ReadonlyArray<BoardStatus>): 'todo' | 'in_progress' | 'done' => {
  const status = statuses.find((s) => s.id === ticket.status?.id);
  return ticket.closedFlag === true ? 'done' : boardStatusCategoryOf(status ?? { id: -1, name: '' });
};

/** A board status's own category, as a ticket in it reads (writers choose statuses by it). */
export const boardStatusCategoryOf = (status: BoardStatus): 'todo' | 'in_progress' | 'done' => {
  if (status.closedStatus === true) return 'done';
  return status.defaultFlag === true ? 'todo' : 'in_progress';
};

/** `P<n>` from the priority's sort, else from a `Priority N - ...` name; levels above 9 read as P9. */
export const priorityLevelOf = (priority: Ticket['priority'], sortFromList: number | null): string | null => {
  if (priority === undefined || priority === null) return null;
  const fromName = /^\s*priority\s*(\d+)/i.exec(priority.name ?? '')?.[1];
  const level = priority.sort ?? sortFromList ?? (fromName === undefined ? null : Number(fromName));
  if (level === null || level < 1) return priority.name ?? null;
  return `P${Math.min(level, 9)}`;
};

const rawStatusOf = (ticket: Ticket): string | null => {
  const status = ticket.status?.name;
  if (status === undefined) return null;
  return ticket.board?.name === undefined ? status : `${ticket.board.name}/${status}`;
};

const blankToNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value.trim() === '' ? null : value.trim());

/** Maps a decoded ticket of either kind to core's SourceIssue, storable (see untrusted-data.ts). */
export const toSourceIssue =
  (context: TicketContext) =>
  (ticket: Ticket): SourceIssue =>
    storableIssue((dates) => ({
      externalId: externalIdOf(context.kind, ticket.id),
      key: `#${ticket.id}`,
      url: context.ticketUrl(ticket.id),
      title: ticket.summary,
      // The description lives in the ticket's notes: one more call per ticket, so none by default.
      description: null,
      rawStatus: rawStatusOf(ticket),
      statusCategory: statusCategoryOf(ticket, context.boardStatuses),
      rawPriority: priorityLevelOf(ticket.priority, context.prioritySort),
      projectKey: context.kind === 'project' && ticket.project ? String(ticket.project.id) : null,
      board: blankToNull(ticket.board?.name),
      company: blankToNull(ticket.company?.identifier ?? ticket.company?.name),
      phase: context.kind === 'project' ? blankToNull(ticket.phase?.name) : null,
      assigneeEmail: blankToNull(context.ownerEmail),
      assigneeExternalId: blankToNull(ticket.owner?.identifier),
      dueDate: dates.day('dueDate', ticket.requiredDate),
      createdAt: dates.instant('externalCreatedAt', ticket._info.dateEntered, parseInstant),
      updatedAt: ticket._info.lastUpdated,
      // ConnectWise's version of a ticket is its update time (second precision; no edit counter).
      version: ticket._info.lastUpdated.toISOString(),
      sourceData: {
        kind: context.kind,
        ticketId: ticket.id,
        boardId: ticket.board?.id ?? null,
        statusId: ticket.status?.id ?? null,
        statusName: ticket.status?.name ?? null,
        priorityId: ticket.priority?.id ?? null,
        priorityName: ticket.priority?.name ?? null,
        companyId: ticket.company?.id ?? null,
        companyName: ticket.company?.name ?? null,
        projectName: ticket.project?.name ?? null,
        phaseId: ticket.phase?.id ?? null,
        type: ticket.type?.name ?? null,
        subType: ticket.subType?.name ?? null,
        severity: ticket.severity ?? null,
        impact: ticket.impact ?? null,
        resources: (ticket.resources ?? '').split(',').map((r) => r.trim()).filter((r) => r !== ''),
        closedFlag: ticket.closedFlag ?? false,
      },
    }));
