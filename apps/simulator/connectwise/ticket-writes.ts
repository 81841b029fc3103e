import type { Router } from '@koa/router';
import type { Context } from 'koa';
import type { CallbackControl } from './callback-sender.js';
import { render, type Kind, type SimTicket, type TicketStore } from './store.js';
import {
  boardChange,
  companyOf,
  externalXRefChange,
  invalid,
  missing,
  ownerChange,
  priorityChange,
  projectChange,
  requiredDateChange,
  serviceBoardOf,
  statusChange,
  summaryChange,
  type FieldChange,
  type FieldError,
  type TicketFields,
} from './ticket-fields.js';

/** Faults of the write routes, for the tests of a writer. */
export interface WriteFaults {
  /** The next create is made (and its callback sent), and its answer lost: 504 as a gateway timing out would answer. */
  readonly loseNextCreateAnswer: () => void;
}

const KINDS: Readonly<Record<string, Kind>> = { service: 'service', project: 'project' };
const JSON_PATCH_OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const DEFAULT_PRIORITY_ID = 4;

const seconds = (at: number) => `${new Date(at).toISOString().slice(0, 19)}Z`;

const answer = (ctx: Context, status: number, body: unknown) => {
  ctx.status = status;
  ctx.body = body;
};
const refuse = (ctx: Context, errors: ReadonlyArray<FieldError>) => answer(ctx, 400, { code: 'InvalidObject', message: 'ticket object is invalid', errors });

/** What one JSON Patch operation changes; `add` and `replace` set a value, `remove` clears it. */
const changeOf = (ticket: SimTicket, path: string, value: unknown, at: string): FieldChange => {
  switch (path) {
    case '/summary':
      return summaryChange(value);
    case '/status':
      return statusChange(value, ticket.boardId, at);
    case '/priority':
      return priorityChange(value);
    case '/owner':
      return ownerChange(value);
    case '/requiredDate':
      return requiredDateChange(value);
    case '/externalXRef':
      return externalXRefChange(value);
    case '/board':
      return ticket.kind === 'service' ? boardChange(value) : invalid('board', 'a project ticket takes the board of its project');
    case '/project':
      return ticket.kind === 'project' ? projectChange(value) : invalid('project', 'a service ticket has no project');
    default:
      return invalid(path.slice(1) || path, `${path} is not a field that can be patched`);
  }
};

/**
 * A JSON Patch (RFC 6902) applied to a copy, operation by operation (a status is checked against the
 * board an earlier operation moved the ticket to); the ticket changes only if every operation is valid.
 */
const patched = (ticket: SimTicket, patch: unknown, at: string): SimTicket | ReadonlyArray<FieldError> => {
  if (!Array.isArray(patch) || patch.length === 0) return [invalid('patch', 'the body must be a non-empty JSON Patch array')];
  const copy: SimTicket = { ...ticket };
  const errors: FieldError[] = [];
  for (const item of patch as unknown[]) {
    const op = (typeof item === 'object' && item !== null ? item : {}) as { op?: unknown; path?: unknown; value?: unknown };
    const path = typeof op.path === 'string' ? op.path : '';
    if (typeof op.op !== 'string' || !JSON_PATCH_OPS.has(op.op) || !path.startsWith('/')) {
      errors.push(invalid(path.slice(1) || 'op', 'each operation needs an op (add, remove, replace, move, copy, test) and a path starting with /'));
      continue;
    }
    if (op.op !== 'add' && op.op !== 'replace' && op.op !== 'remove') {
      errors.push(invalid(path.slice(1), `op ${op.op} is not supported on tickets`));
      continue;
    }
    if (op.op !== 'remove' && !('value' in op)) {
      errors.push(invalid(path.slice(1), `${op.op} needs a value`));
      continue;
    }
    const change = changeOf(copy, path, op.op === 'remove' ? null : op.value, at);
    if (typeof change === 'function') change(copy);
    else errors.push(change);
  }
  return errors.length > 0 ? errors : copy;
};

/** The fields of a new service ticket: summary, board and company required, the rest optional. */
const newServiceTicket = (body: Record<string, unknown>, at: string): TicketFields | ReadonlyArray<FieldError> => {
  const board = serviceBoardOf(body.board);
  const company = companyOf(body.company);
  const base: TicketFields = {
    kind: 'service',
    summary: '',
    boardId: board?.id ?? 0,
    statusId: board?.statuses.find((s) => s.defaultFlag)?.id ?? 0,
    companyId: company?.id ?? 0,
    ownerId: null,
    resources: [],
    priorityId: DEFAULT_PRIORITY_ID,
    requiredDate: null,
    closedFlag: false,
    closedDate: null,
    projectId: null,
    phaseId: null,
    externalXRef: null,
  };
  const errors: FieldError[] = [
    ...(board === undefined ? [body.board === undefined ? missing('board') : invalid('board', 'board must be a service board')] : []),
    ...(company === undefined ? [body.company === undefined ? missing('company') : invalid('company', 'company does not exist')] : []),
  ];
  const changes: ReadonlyArray<FieldChange> = [
    summaryChange(body.summary),
    ...(body.status === undefined || board === undefined ? [] : [statusChange(body.status, board.id, at)]),
    ...(body.priority === undefined ? [] : [priorityChange(body.priority)]),
    ...(body.owner === undefined ? [] : [ownerChange(body.owner)]),
    ...(body.requiredDate === undefined ? [] : [requiredDateChange(body.requiredDate)]),
    ...(body.externalXRef === undefined ? [] : [externalXRefChange(body.externalXRef)]),
  ];
  for (const change of changes) if (typeof change === 'function') change(base);
  errors.push(...changes.filter((c): c is FieldError => typeof c !== 'function'));
  return errors.length > 0 ? errors : base;
};

/** POST /service/tickets and PATCH /{service|project}/tickets/{id}, each sending its callback. */
export const addTicketWriteRoutes = (router: Router, store: TicketStore, callbacks: CallbackControl, now: () => number): WriteFaults => {
  let loseCreateAnswer = false;
  router.post('/service/tickets', (ctx) => {
    const body = ctx.state.body as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return answer(ctx, 400, { code: 'InvalidObject', message: 'The body must be a ticket object' });
    const fields = newServiceTicket(body as Record<string, unknown>, seconds(now()));
    if (Array.isArray(fields)) return refuse(ctx, fields);
    const ticket = store.add(fields as TicketFields);
    void callbacks.send('added', 'service', ticket.id);
    if (loseCreateAnswer) {
      loseCreateAnswer = false;
      return answer(ctx, 504, { code: 'GatewayTimeout', message: 'The gateway timed out' });
    }
    return answer(ctx, 201, render(ticket));
  });
  router.patch('/:area/tickets/:id', (ctx) => {
    const kind = KINDS[ctx.params.area ?? ''];
    const ticket = kind === undefined ? undefined : store.find(kind, Number(ctx.params.id));
    if (kind === undefined || ticket === undefined) return answer(ctx, 404, { code: 'NotFound', message: `Ticket ${ctx.params.id} not found` });
    const result = patched(ticket, ctx.state.body, seconds(now()));
    if (Array.isArray(result)) return refuse(ctx, result);
    store.edit(kind, ticket.id, (t) => Object.assign(t, result));
    void callbacks.send('updated', kind, ticket.id);
    return answer(ctx, 200, render(ticket));
  });
  return { loseNextCreateAnswer: () => void (loseCreateAnswer = true) };
};
