import type { TicketKind } from './facts.js';

/** A string in ConnectWise conditions: double quotes, backslash-escaped. */
export const quoteCondition = (value: string): string => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** An instant in conditions: UTC, second precision, in square brackets. */
export const conditionInstant = (at: Date): string => `[${at.toISOString().slice(0, 19)}Z]`;

/** Who and what a connection reaches, whatever the read: its filter, boards and member. */
export interface TicketScope {
  readonly filter: string | null;
  readonly boards: ReadonlyArray<string>;
  readonly memberIdentifier: string | null;
  /** Project tickets only: the projects (by id) asked for; empty means all. */
  readonly projectIds: ReadonlyArray<string>;
}

/** What one read adds to the scope. */
export type TicketWindow =
  /** A first or full sync: open tickets, and those closed since this instant. */
  | { readonly kind: 'open-or-closed-since'; readonly closedSince: Date }
  /** An incremental sync: every change since this instant (overlap already taken off). */
  | { readonly kind: 'updated-since'; readonly since: Date }
  /** Tickets by id, whatever their state. */
  | { readonly kind: 'ids'; readonly ids: ReadonlyArray<number> }
  /** Every ticket after this id (up to `upTo` when set), whatever its state or age: one page of a part of a walk, in id order. */
  | { readonly kind: 'after-id'; readonly after: number; readonly upTo?: number | null }
  /** Every ticket from this id to that one (both included), whatever its state or age: a stretch of a walk. */
  | { readonly kind: 'id-range'; readonly from: number; readonly to: number };

const windowClause = (window: TicketWindow): string => {
  switch (window.kind) {
    case 'open-or-closed-since':
      return `(closedFlag = false or closedDate >= ${conditionInstant(window.closedSince)})`;
    case 'updated-since':
      return `lastUpdated >= ${conditionInstant(window.since)}`;
    case 'ids':
      return `id in (${window.ids.join(',')})`;
    case 'after-id':
      return window.upTo === undefined || window.upTo === null ? `id > ${window.after}` : `id > ${window.after} and id <= ${window.upTo}`;
    case 'id-range':
      return `id >= ${window.from} and id <= ${window.to}`;
  }
};

/**
 * The `conditions` of a ticket read: the connection's own filter (parenthesised, so its `or`s stay
 * inside), its boards, its member as owner or resource, the projects asked for, and the window.
 */
export const ticketConditions = (kind: TicketKind, scope: TicketScope, window: TicketWindow): string =>
  [
    ...(scope.filter === null || scope.filter.trim() === '' ? [] : [`(${scope.filter.trim()})`]),
    ...(scope.boards.length === 0 ? [] : [`board/name in (${scope.boards.map(quoteCondition).join(',')})`]),
    ...(scope.memberIdentifier === null ? [] : [`(owner/identifier=${quoteCondition(scope.memberIdentifier)} or resources contains ${quoteCondition(scope.memberIdentifier)})`]),
    ...(kind === 'project' && scope.projectIds.length > 0 ? [`project/id in (${scope.projectIds.join(',')})`] : []),
    windowClause(window),
  ].join(' and ');
