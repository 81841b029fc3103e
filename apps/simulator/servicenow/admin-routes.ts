import type { Router } from '@koa/router';
import { FAULT_KINDS, parseFaultSettings, type FaultKind } from '../jira/faults.js';
import { isRecord, readBody, sendError, type SnContext, type SnState } from './http-helpers.js';
import { TASK_TABLES } from './schema.js';
import type { ServiceNowSimulatorDeps } from './simulator-deps.js';
import type { BusinessRuleSettings } from './webhook-sender.js';

const jsonOf = async (ctx: SnContext): Promise<unknown> => {
  const text = await readBody(ctx);
  try {
    return text === null || text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
};

const WEBHOOK_KEYS: ReadonlyArray<keyof BusinessRuleSettings> = ['url', 'secret', 'encoding', 'includeRecord', 'deliveryIds'];

const addWebhookAdmin = (router: Router<SnState>, deps: ServiceNowSimulatorDeps) => {
  router.get('/__admin/webhooks', (ctx) => {
    ctx.body = deps.webhooks.settings();
  });
  router.put('/__admin/webhooks', async (ctx) => {
    const body = await jsonOf(ctx);
    if (!isRecord(body) || Object.keys(body).some((key) => !WEBHOOK_KEYS.includes(key as keyof BusinessRuleSettings))) {
      return sendError(ctx, 400, `expected { ${WEBHOOK_KEYS.join(', ')} }`);
    }
    try {
      deps.webhooks.configure(body as Partial<BusinessRuleSettings>);
    } catch (error) {
      return sendError(ctx, 400, error instanceof Error ? error.message : String(error));
    }
    ctx.body = deps.webhooks.settings();
  });
  router.post('/__admin/webhooks/wrong-secret', (ctx) => {
    deps.webhooks.signNextWithWrongSecret();
    ctx.status = 204;
  });
  router.get('/__admin/webhooks/deliveries', (ctx) => {
    ctx.body = deps.webhooks.deliveries().map(({ body: _body, ...delivery }) => delivery);
  });
  router.post('/__admin/webhooks/deliveries/:id/resend', async (ctx) => {
    if (!deps.webhooks.deliveries().some((d) => d.id === ctx.params.id)) return sendError(ctx, 404, `No delivery ${ctx.params.id}`);
    ctx.body = await deps.webhooks.resend(String(ctx.params.id));
  });
};

/**
 * `/__admin`: faults, hidden records (ACLs), the request log, a bulk edit and the business rule's
 * webhooks at run time, for demos and benchmarks. Unauthenticated: the simulator listens on loopback.
 */
export const addServiceNowAdminRoutes = (router: Router<SnState>, deps: ServiceNowSimulatorDeps): void => {
  router.get('/__admin/health', (ctx) => {
    ctx.body = { status: 'ok', records: Object.fromEntries(TASK_TABLES.map((table) => [table, deps.store.size(table)])) };
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
    const parsed = parseFaultSettings(await jsonOf(ctx));
    if (typeof parsed === 'string') return sendError(ctx, 400, parsed);
    ctx.body = deps.faults.set(parsed);
  });
  router.post('/__admin/faults/next', async (ctx) => {
    const body = await jsonOf(ctx);
    const kind = isRecord(body) ? body.kind : undefined;
    const count = isRecord(body) && typeof body.count === 'number' ? body.count : 1;
    if (!FAULT_KINDS.includes(kind as FaultKind) || !Number.isInteger(count) || count < 1) return sendError(ctx, 400, `expected { kind: ${FAULT_KINDS.join(' | ')}, count? }`);
    deps.faults.failNext(kind as FaultKind, count);
    ctx.status = 204;
  });
  router.post('/__admin/faults/lose-answer', async (ctx) => {
    const body = await jsonOf(ctx);
    const count = isRecord(body) && body.count !== undefined ? body.count : 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return sendError(ctx, 400, 'expected { count? }: the next creates are made and their answers lost');
    deps.lostAnswers.loseNext(count);
    ctx.status = 204;
  });
  router.delete('/__admin/faults', (ctx) => {
    deps.faults.reset();
    deps.lostAnswers.reset();
    ctx.status = 204;
  });
  router.get('/__admin/acl', (ctx) => {
    ctx.body = deps.acl.settings();
  });
  router.put('/__admin/acl', async (ctx) => {
    const body = await jsonOf(ctx);
    const every = isRecord(body) ? body.hideEvery : undefined;
    if (typeof every !== 'number' || !Number.isInteger(every) || every < 0) return sendError(ctx, 400, 'expected { hideEvery: non-negative integer }');
    deps.acl.hideEvery(every);
    ctx.body = deps.acl.settings();
  });
  router.delete('/__admin/acl', (ctx) => {
    deps.acl.reset();
    ctx.status = 204;
  });
  // Operators the instance ignores in queries, as one that cannot read them silently does.
  router.get('/__admin/query', (ctx) => {
    ctx.body = { ignoredOperators: [...deps.query.ignoredOperators()] };
  });
  router.put('/__admin/query', async (ctx) => {
    const body = await jsonOf(ctx);
    const operators = isRecord(body) ? body.ignoredOperators : undefined;
    if (!Array.isArray(operators) || !operators.every((op) => typeof op === 'string')) return sendError(ctx, 400, "expected { ignoredOperators: ['>=', '<=', ...] }");
    deps.query.ignoreOperators(operators as string[]);
    ctx.body = { ignoredOperators: [...deps.query.ignoredOperators()] };
  });
  router.delete('/__admin/query', (ctx) => {
    deps.query.reset();
    ctx.status = 204;
  });
  router.post('/__admin/records/touch', (ctx) => {
    ctx.body = { touched: deps.store.touchAll(TASK_TABLES) };
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
  addWebhookAdmin(router, deps);
};
