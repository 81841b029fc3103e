import { BOARDS, COMPANIES, MEMBERS, OWN_COMPANY, PRIORITIES, PROJECTS, type SimTicket } from './store.js';

/** One entry of ConnectWise's `errors`: what a 400 `InvalidObject` lists field by field. */
export interface FieldError {
  readonly code: 'InvalidField' | 'MissingRequiredField';
  readonly message: string;
  readonly resource: 'ticket';
  readonly field: string;
}

export const invalid = (field: string, message: string): FieldError => ({ code: 'InvalidField', message, resource: 'ticket', field });
export const missing = (field: string): FieldError => ({ code: 'MissingRequiredField', message: `${field} is required`, resource: 'ticket', field });

/** A ticket's writable fields: a new ticket before the store gives it an id. */
export type TicketFields = Omit<SimTicket, 'id' | 'dateEntered' | 'lastUpdated'>;

/** A change to a ticket, or why ConnectWise refuses it. */
export type FieldChange = ((ticket: TicketFields) => void) | FieldError;

type Reference = { readonly id?: unknown; readonly name?: unknown; readonly identifier?: unknown };

const referenceOf = (value: unknown): Reference | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Reference) : null);

/** A reference by id, or by name / identifier as ConnectWise also accepts them. */
const pick = <T extends { readonly id: number }>(value: unknown, among: ReadonlyArray<T>, label: (item: T) => string): T | undefined => {
  const ref = referenceOf(value);
  if (ref === null) return undefined;
  if (typeof ref.id === 'number') return among.find((item) => item.id === ref.id);
  const named = typeof ref.identifier === 'string' ? ref.identifier : typeof ref.name === 'string' ? ref.name : undefined;
  return named === undefined ? undefined : among.find((item) => label(item).toLowerCase() === named.toLowerCase());
};

const SUMMARY_MAX = 100;
const XREF_MAX = 100;

export const summaryChange = (value: unknown): FieldChange => {
  if (typeof value !== 'string' || value.trim() === '') return missing('summary');
  if (value.length > SUMMARY_MAX) return invalid('summary', `summary may not be more than ${SUMMARY_MAX} characters`);
  return (ticket) => void (ticket.summary = value);
};

const statusesOf = (boardId: number) => BOARDS.find((b) => b.id === boardId)?.statuses ?? [];

/** Moving to a closed status closes the ticket (`closedFlag`, `closedDate`); leaving one reopens it. */
export const statusChange = (value: unknown, boardId: number, at: string): FieldChange => {
  const status = pick(value, statusesOf(boardId), (s) => s.name);
  if (status === undefined) return invalid('status', 'status must be a status of the ticket\'s board');
  return (ticket) => {
    ticket.statusId = status.id;
    ticket.closedFlag = status.closedStatus;
    ticket.closedDate = status.closedStatus ? at : null;
  };
};

export const priorityChange = (value: unknown): FieldChange => {
  const priority = pick(value, PRIORITIES, (p) => p.name);
  return priority === undefined ? invalid('priority', 'priority is not a priority of this site') : (ticket) => void (ticket.priorityId = priority.id);
};

/** `null` (or a JSON Patch `remove`) leaves the ticket without an owner. */
export const ownerChange = (value: unknown): FieldChange => {
  if (value === null) return (ticket) => void (ticket.ownerId = null);
  const member = pick(value, MEMBERS, (m) => m.identifier);
  if (member === undefined) return invalid('owner', 'owner is not an active member');
  return (ticket) => {
    ticket.ownerId = member.id;
    if (!ticket.resources.includes(member.identifier)) ticket.resources = [member.identifier, ...ticket.resources];
  };
};

export const requiredDateChange = (value: unknown): FieldChange => {
  if (value === null) return (ticket) => void (ticket.requiredDate = null);
  const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
  if (at === null || Number.isNaN(at.getTime())) return invalid('requiredDate', 'requiredDate must be a date');
  return (ticket) => void (ticket.requiredDate = `${at.toISOString().slice(0, 19)}Z`);
};

export const externalXRefChange = (value: unknown): FieldChange => {
  if (value === null) return (ticket) => void (ticket.externalXRef = null);
  if (typeof value !== 'string' || value.length > XREF_MAX) return invalid('externalXRef', `externalXRef must be text of at most ${XREF_MAX} characters`);
  return (ticket) => void (ticket.externalXRef = value);
};

/** A service ticket moved to another board takes that board's default status unless its status is one of the board's. */
export const boardChange = (value: unknown): FieldChange => {
  const board = pick(value, BOARDS.filter((b) => !b.projectFlag), (b) => b.name);
  if (board === undefined) return invalid('board', 'board must be a service board');
  return (ticket) => {
    ticket.boardId = board.id;
    if (!board.statuses.some((s) => s.id === ticket.statusId)) ticket.statusId = board.statuses.find((s) => s.defaultFlag)!.id;
  };
};

/** A project ticket moved to another project goes to its board and first phase. */
export const projectChange = (value: unknown): FieldChange => {
  const project = pick(value, PROJECTS, (p) => p.name);
  if (project === undefined) return invalid('project', 'project does not exist');
  return (ticket) => {
    [ticket.projectId, ticket.phaseId, ticket.boardId] = [project.id, project.phases[0]?.id ?? null, project.boardId];
    const statuses = statusesOf(project.boardId);
    if (!statuses.some((s) => s.id === ticket.statusId)) ticket.statusId = statuses.find((s) => s.defaultFlag)!.id;
  };
};

export const companyOf = (value: unknown) => pick(value, [...COMPANIES, OWN_COMPANY], (c) => c.identifier);
export const serviceBoardOf = (value: unknown) => pick(value, BOARDS.filter((b) => !b.projectFlag), (b) => b.name);
