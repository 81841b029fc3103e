import type { Router } from '@koa/router';
import type { Context } from 'koa';
import type { CallbackControl } from './callback-sender.js';
import { idBoundsOf } from './id-bounds.js';
import { listAnswer, type Answer } from './list-query.js';
import { renderCache } from './render-cache.js';
import { BOARDS, COMPANIES, MEMBERS, OWN_COMPANY, PRIORITIES, render, TICKET_FIELDS, type Kind, type TicketStore } from './store.js';
import { addTicketWriteRoutes, type WriteFaults } from './ticket-writes.js';

const respond = (ctx: Context, answer: Answer) => {
  ctx.status = answer.status;
  if (typeof answer.body === 'string') ctx.type = 'application/json';
  ctx.body = answer.body;
  for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
};

const queryOf = (ctx: Context): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k.toLowerCase() === 'pagesize' ? 'pageSize' : k.toLowerCase() === 'orderby' ? 'orderBy' : k, Array.isArray(v) ? v[0] : v]));

const fieldsOf = (records: ReadonlyArray<Record<string, unknown>>) => {
  const names = new Set(records.flatMap((r) => Object.keys(r).map((k) => k.toLowerCase())));
  return (path: string) => names.has(path.split('/')[0]!.toLowerCase()) || records.length === 0;
};
const knowsTicket = (path: string) => TICKET_FIELDS.has(path.split('/')[0]!.toLowerCase());

const requestUrl = (ctx: Context) => new URL(ctx.originalUrl, `${ctx.protocol}://${ctx.host}`);

const KINDS: Readonly<Record<string, Kind>> = { service: 'service', project: 'project' };

/** The REST 3.0 routes the adapter uses, under `/{codebase}/apis/3.0`. */
export const addApiRoutes = (router: Router, store: TicketStore, callbacks: CallbackControl, now: () => number): WriteFaults => {
  const list = (ctx: Context, records: ReadonlyArray<Record<string, unknown>>, knows = fieldsOf(records)) => respond(ctx, listAnswer(records, queryOf(ctx), requestUrl(ctx), knows));
  const rendered = renderCache();

  router.get('/:area/tickets', (ctx) => {
    const kind = KINDS[ctx.params.area ?? ''];
    if (kind === undefined) return respond(ctx, { status: 404, body: { code: 'ConnectWiseApi', message: 'The endpoint does not exist.' } });
    const allowed = idBoundsOf(queryOf(ctx).conditions, knowsTicket);
    const tickets = store.all(kind).filter((ticket) => allowed(ticket.id)).map(rendered.record);
    return respond(ctx, listAnswer(tickets, queryOf(ctx), requestUrl(ctx), knowsTicket, rendered.textOf));
  });
  router.get('/:area/tickets/:id', (ctx) => {
    const kind = KINDS[ctx.params.area ?? ''];
    const ticket = kind === undefined ? undefined : store.find(kind, Number(ctx.params.id));
    if (ticket === undefined) return respond(ctx, { status: 404, body: { code: 'NotFound', message: `Ticket ${ctx.params.id} not found` } });
    return respond(ctx, { status: 200, body: render(ticket) });
  });
  router.delete('/:area/tickets/:id', (ctx) => {
    const kind = KINDS[ctx.params.area ?? ''];
    const id = Number(ctx.params.id);
    if (kind === undefined || !store.remove(kind, id)) return respond(ctx, { status: 404, body: { code: 'NotFound', message: `Ticket ${ctx.params.id} not found` } });
    void callbacks.send('deleted', kind, id);
    return respond(ctx, { status: 204, body: null });
  });
  router.get('/service/boards', (ctx) => list(ctx, BOARDS.map((b) => ({ id: b.id, name: b.name, projectFlag: b.projectFlag }))));
  router.get('/service/boards/:id/statuses', (ctx) => {
    const board = BOARDS.find((b) => b.id === Number(ctx.params.id));
    if (board === undefined) return respond(ctx, { status: 404, body: { code: 'NotFound', message: `Board ${ctx.params.id} not found` } });
    return list(ctx, board.statuses.map((s) => ({ ...s, board: { id: board.id, name: board.name } })));
  });
  router.get('/service/priorities', (ctx) => list(ctx, PRIORITIES.map((p) => ({ ...p }))));
  router.get('/system/members', (ctx) => list(ctx, MEMBERS.map((m) => ({ ...m }))));
  router.get('/company/companies', (ctx) => list(ctx, [...COMPANIES, OWN_COMPANY].map((c) => ({ ...c }))));
  router.get('/system/info', (ctx) => respond(ctx, { status: 200, body: { version: 'v2025.1 (simulator)', isCloud: true, serverTimeZone: 'Eastern Standard Time' } }));
  router.get('/system/callbacks', (ctx) => list(ctx, callbacks.list().map((c) => ({ ...c })), () => true));
  router.post('/system/callbacks', (ctx) => {
    const body = (ctx.state.body ?? {}) as Record<string, unknown>;
    const problems = [
      ...(typeof body.url === 'string' && /^https?:\/\//.test(body.url) ? [] : [{ code: 'InvalidField', message: 'Invalid URL', resource: 'callbackEntry', field: 'url' }]),
      ...(body.type === 'ticket' && body.level === 'owner' ? [] : [{ code: 'InvalidObject', message: 'Unrecognized level for type, see documentation for supported levels for each type', resource: 'callbackEntry', field: 'level' }]),
    ];
    if (problems.length > 0) return respond(ctx, { status: 400, body: { code: 'InvalidObject', message: 'callbackEntry object is invalid', errors: problems } });
    const added = callbacks.add({ url: body.url as string, type: 'ticket', level: 'owner', objectId: Number(body.objectId ?? 1), description: String(body.description ?? ''), inactiveFlag: body.inactiveFlag === true });
    return respond(ctx, { status: 201, body: { ...added, payloadVersion: '3.0.0', isSoapCallbackFlag: false, _info: { lastUpdated: new Date().toISOString() } } });
  });
  router.delete('/system/callbacks/:id', (ctx) =>
    callbacks.remove(Number(ctx.params.id)) ? respond(ctx, { status: 204, body: null }) : respond(ctx, { status: 404, body: { code: 'NotFound', message: 'Callback not found' } }),
  );
  return addTicketWriteRoutes(router, store, callbacks, now);
};
