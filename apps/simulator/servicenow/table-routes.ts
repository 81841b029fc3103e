import type { Router } from '@koa/router';
import { instanceUrl, isRecord, readBody, sendError, type SnContext, type SnState } from './http-helpers.js';
import { listAnswer, type ListParams } from './list-answer.js';
import type { SnRecord } from './record-store.js';
import { renderRecord } from './render.js';
import { fieldOf, tableDef, TASK_TABLES } from './schema.js';
import type { ServiceNowSimulatorDeps } from './simulator-deps.js';
import { fieldProblems, withDerivedPriority } from './write-rules.js';

const NO_RECORD = ['No Record found', "Record doesn't exist or ACL restricts the record retrieval"] as const;
const SYNCED: ReadonlySet<string> = new Set(TASK_TABLES);

const param = (ctx: SnContext, name: string): string | undefined => (typeof ctx.query[name] === 'string' ? (ctx.query[name] as string) : undefined);

const fieldsParam = (ctx: SnContext): ReadonlyArray<string> =>
  (param(ctx, 'sysparm_fields') ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');

const listParams = (ctx: SnContext): ListParams | string => {
  const limit = Number(param(ctx, 'sysparm_limit') ?? '10000');
  const offset = Number(param(ctx, 'sysparm_offset') ?? '0');
  if (!Number.isInteger(offset) || offset < 0) return `offset is ${param(ctx, 'sysparm_offset')}`;
  return {
    query: param(ctx, 'sysparm_query') ?? '',
    fields: fieldsParam(ctx),
    limit: Number.isInteger(limit) && limit > 0 ? limit : 10000,
    offset,
    plainReferences: param(ctx, 'sysparm_exclude_reference_link') === 'true',
    noCount: param(ctx, 'sysparm_no_count') === 'true',
  };
};

/** The table of the path, or a 400 as the instance gives for a table it does not have (a 403 for one the account may not read). */
const tableOr400 = (ctx: SnContext, deps: ServiceNowSimulatorDeps): string | null => {
  const table = String(ctx.params.table);
  if (tableDef(table) === undefined || table === 'task') {
    sendError(ctx, 400, `Invalid table ${table}`, null);
    return null;
  }
  if (!deps.acl.refuses(table)) return table;
  sendError(ctx, 403, 'User Not Authorized', 'Failed API level ACL Validation');
  return null;
};

const hiddenIn = (deps: ServiceNowSimulatorDeps, table: string) => (record: SnRecord) => SYNCED.has(table) && deps.acl.hidden(record);

const renderOne = (deps: ServiceNowSimulatorDeps, ctx: SnContext, table: string, record: SnRecord) =>
  renderRecord(table, record, { instance: instanceUrl(ctx), fields: fieldsParam(ctx), plainReferences: param(ctx, 'sysparm_exclude_reference_link') === 'true', resolve: deps.store.get });

/** Only the table's own (string) fields are written; sys_ fields and unknown fields are the instance's business. */
const writableFields = async (ctx: SnContext, table: string): Promise<Record<string, string> | null> => {
  const text = await readBody(ctx);
  let body: unknown = null;
  try {
    body = text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    body = null;
  }
  if (!isRecord(body)) {
    sendError(ctx, 400, 'Exception while reading request', 'The payload is not valid JSON.');
    return null;
  }
  return Object.fromEntries(Object.entries(body).filter(([name, value]) => !name.startsWith('sys_') && fieldOf(table, name) !== undefined && value !== null).map(([name, value]) => [name, String(value)]));
};

const list = (deps: ServiceNowSimulatorDeps) => (ctx: SnContext) => {
  const table = tableOr400(ctx, deps);
  if (table === null) return;
  const params = listParams(ctx);
  if (typeof params === 'string') return sendError(ctx, 400, params, 'Negative offset is not supported');
  const answer = listAnswer(table, deps.store, { ...params, ignoredOperators: deps.query.ignoredOperators() }, hiddenIn(deps, table), { instance: instanceUrl(ctx), resolve: deps.store.get }, new URL(ctx.href));
  ctx.set(answer.headers);
  ctx.body = { result: answer.result };
};

const getOne = (deps: ServiceNowSimulatorDeps) => (ctx: SnContext) => {
  const table = tableOr400(ctx, deps);
  if (table === null) return;
  const record = deps.store.get(table, String(ctx.params.sysId));
  if (record === undefined || hiddenIn(deps, table)(record)) return sendError(ctx, 404, ...NO_RECORD);
  ctx.body = { result: renderOne(deps, ctx, table, record) };
};

/** The fields of a write the instance accepts (priority derived where the table derives it), or null once it answered 400. */
const validFields = async (deps: ServiceNowSimulatorDeps, ctx: SnContext, table: string, current: SnRecord | undefined): Promise<Record<string, string> | null> => {
  const fields = await writableFields(ctx, table);
  if (fields === null) return null;
  const problems = fieldProblems(table, fields, (referenced, sysId) => deps.store.get(referenced, sysId) !== undefined);
  if (problems.length > 0) {
    sendError(ctx, 400, 'Invalid field values', problems.join('; '));
    return null;
  }
  return { ...withDerivedPriority(table, current, fields) };
};

const insert = (deps: ServiceNowSimulatorDeps) => async (ctx: SnContext) => {
  const table = tableOr400(ctx, deps);
  if (table === null) return;
  const fields = await validFields(deps, ctx, table, undefined);
  if (fields === null) return;
  const record = deps.store.insert(table, fields);
  if (deps.lostAnswers.take()) {
    // Made, and its answer lost: the connection drops before the 201.
    ctx.respond = false;
    ctx.req.socket.destroy();
    return;
  }
  ctx.status = 201;
  ctx.body = { result: renderOne(deps, ctx, table, record) };
};

const update = (deps: ServiceNowSimulatorDeps) => async (ctx: SnContext) => {
  const table = tableOr400(ctx, deps);
  if (table === null) return;
  const current = deps.store.get(table, String(ctx.params.sysId));
  if (current === undefined || hiddenIn(deps, table)(current)) return sendError(ctx, 404, ...NO_RECORD);
  const fields = await validFields(deps, ctx, table, current);
  if (fields === null) return;
  ctx.body = { result: renderOne(deps, ctx, table, deps.store.update(table, current.sys_id!, fields)!) };
};

const remove = (deps: ServiceNowSimulatorDeps) => (ctx: SnContext) => {
  const table = tableOr400(ctx, deps);
  if (table === null) return;
  if (deps.store.remove(table, String(ctx.params.sysId)) === undefined) return sendError(ctx, 404, ...NO_RECORD);
  ctx.status = 204;
};

/** The Table API, unversioned and as v2 (which answers an empty list with 200 and `result: []`). */
export const addTableRoutes = (router: Router<SnState>, deps: ServiceNowSimulatorDeps): void => {
  for (const prefix of ['/api/now/table', '/api/now/v2/table']) {
    router.get(`${prefix}/:table`, list(deps));
    router.get(`${prefix}/:table/:sysId`, getOne(deps));
    router.post(`${prefix}/:table`, insert(deps));
    router.patch(`${prefix}/:table/:sysId`, update(deps));
    router.put(`${prefix}/:table/:sysId`, update(deps));
    router.delete(`${prefix}/:table/:sysId`, remove(deps));
  }
};
