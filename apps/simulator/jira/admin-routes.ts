import type { Router } from '@koa/router';
import { FAULT_KINDS, parseFaultSettings, type FaultKind } from './faults.js';
import { INVALID_JSON, isRecord, readJson, sendError, type SimState } from './http-helpers.js';
import { parseSiteSettings } from './site-behaviour.js';
import type { PlantedValues } from './issue-store.js';
import type { SimulatorDeps } from './simulator-deps.js';

const plantedValues = (body: Record<string, unknown>): PlantedValues | undefined => {
  const { summary, duedate, updated } = body;
  if (summary !== undefined && typeof summary !== 'string') return undefined;
  if (duedate !== undefined && duedate !== null && typeof duedate !== 'string') return undefined;
  if (updated !== undefined && (typeof updated !== 'number' || !Number.isFinite(new Date(updated).getTime()))) return undefined;
  return { ...(summary === undefined ? {} : { summary }), ...(duedate === undefined ? {} : { dueDate: duedate }), ...(updated === undefined ? {} : { updated }) };
};

/**
 * `/__admin`: fault injection, the site's behaviour (bad credentials, a rename) and the request log at run time, for demos and benchmarks driven from
 * outside the process. Unauthenticated: the simulator listens on loopback by default.
 */
export const addAdminRoutes = (router: Router<SimState>, deps: SimulatorDeps): void => {
  router.get('/__admin/health', (ctx) => {
    ctx.body = { status: 'ok', issues: deps.store.size() };
  });
  router.get('/__admin/faults', (ctx) => {
    ctx.body = deps.faults.settings();
  });
  // The concurrency limit's record (in flight now, the peak, refusals); DELETE starts it again.
  router.get('/__admin/load', (ctx) => {
    ctx.body = deps.faults.load();
  });
  router.delete('/__admin/load', (ctx) => {
    deps.faults.resetLoad();
    ctx.status = 204;
  });
  router.put('/__admin/faults', async (ctx) => {
    const body = await readJson(ctx);
    const parsed = body === INVALID_JSON ? 'expected a JSON object' : parseFaultSettings(body);
    if (typeof parsed === 'string') return sendError(ctx, 400, [parsed]);
    ctx.body = deps.faults.set(parsed);
  });
  router.post('/__admin/faults/next', async (ctx) => {
    const body = await readJson(ctx);
    const kind = isRecord(body) ? body.kind : undefined;
    const count = isRecord(body) && typeof body.count === 'number' ? body.count : 1;
    if (!FAULT_KINDS.includes(kind as FaultKind) || !Number.isInteger(count) || count < 1) {
      return sendError(ctx, 400, [`expected { kind: ${FAULT_KINDS.join(' | ')}, count?: positive integer }`]);
    }
    deps.faults.failNext(kind as FaultKind, count);
    ctx.status = 204;
  });
  router.delete('/__admin/faults', (ctx) => {
    deps.faults.reset();
    ctx.status = 204;
  });
  router.get('/__admin/site', (ctx) => {
    ctx.body = deps.site.settings();
  });
  router.put('/__admin/site', async (ctx) => {
    const body = await readJson(ctx);
    const parsed = body === INVALID_JSON ? 'expected a JSON object' : parseSiteSettings(body);
    if (typeof parsed === 'string') return sendError(ctx, 400, [parsed]);
    ctx.body = deps.site.set(parsed);
  });
  router.post('/__admin/issues/touch', (ctx) => {
    ctx.body = { touched: deps.store.touchAll() };
  });
  router.post('/__admin/issues/:idOrKey/move', async (ctx) => {
    const issue = deps.store.find(ctx.params.idOrKey ?? '');
    const body = await readJson(ctx);
    const projectKey = isRecord(body) && typeof body.projectKey === 'string' ? body.projectKey : undefined;
    if (issue === undefined) return sendError(ctx, 404, ['Issue does not exist or you do not have permission to see it.']);
    if (projectKey === undefined || deps.store.project(projectKey) === undefined) return sendError(ctx, 400, ['expected { projectKey: the key of another project of the site }']);
    deps.store.move(issue, projectKey);
    ctx.body = { id: String(issue.id), key: issue.key };
  });
  // Values a real site should never hold (half a UTF-16 character, 2026-02-30, the year 0), for
  // the tests of what taskport does with them. JSON escapes carry a lone surrogate (\ud800) intact.
  router.put('/__admin/issues/:idOrKey/planted', async (ctx) => {
    const issue = deps.store.find(ctx.params.idOrKey ?? '');
    const body = await readJson(ctx);
    if (issue === undefined) return sendError(ctx, 404, ['Issue does not exist or you do not have permission to see it.']);
    const planted = isRecord(body) ? plantedValues(body) : undefined;
    if (planted === undefined) return sendError(ctx, 400, ['expected { summary?: string, duedate?: string | null, updated?: milliseconds since 1970 }']);
    deps.store.plant(issue, planted);
    ctx.body = { id: String(issue.id), key: issue.key };
  });
  router.get('/__admin/requests', (ctx) => {
    ctx.body = deps.requests.entries();
  });
  router.get('/__admin/requests/counts', (ctx) => {
    ctx.body = deps.requests.counts();
  });
  router.delete('/__admin/requests', (ctx) => {
    deps.requests.clear();
    ctx.status = 204;
  });
};
