import type { Router } from '@koa/router';
import { findIssueType } from './catalog.js';
import { parseFieldsInput } from './fields-input.js';
import { INVALID_JSON, isRecord, readJson, sendError, siteUrl, type SimContext, type SimState } from './http-helpers.js';
import type { IssueRecord } from './model.js';
import { KNOWN_FIELDS, renderIssue, selectFields, statusJson } from './render.js';
import { issuesFirstJson } from './render-cache.js';
import { renderContext } from './search-routes.js';
import type { SimulatorDeps } from './simulator-deps.js';
import { availableTransitions } from './workflows.js';

const NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

const jsonBody = async (ctx: SimContext): Promise<Record<string, unknown> | null> => {
  const body = await readJson(ctx);
  if (body === INVALID_JSON || !isRecord(body)) {
    sendError(ctx, 400, ['The request body must be a JSON object.']);
    return null;
  }
  return body;
};

const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

const issueOr404 = (deps: SimulatorDeps, ctx: SimContext, idOrKey: string): IssueRecord | null => {
  const issue = ctx.state.anonymous === true ? undefined : deps.store.find(idOrKey);
  if (issue === undefined) sendError(ctx, 404, [NOT_FOUND]);
  return issue ?? null;
};

const createIssue = async (deps: SimulatorDeps, ctx: SimContext) => {
  const body = await jsonBody(ctx);
  if (body === null) return;
  const fields = record(body.fields);
  const project = deps.store.project(String(record(fields.project).key ?? record(fields.project).id ?? ''));
  const issueType = findIssueType(record(fields.issuetype));
  const parsed = parseFieldsInput(deps.store, fields, record(body.update), [], ['project', 'issuetype', 'reporter']);
  const errors: Record<string, string> = 'errors' in parsed ? { ...parsed.errors } : {};
  if (project === undefined) errors.project = 'Specify a valid project ID or key';
  if (issueType === undefined) errors.issuetype = 'Specify an issue type';
  if (typeof fields.summary !== 'string') errors.summary = 'You must specify a summary of the issue.';
  if (Object.keys(errors).length > 0 || !('changes' in parsed) || project === undefined || issueType === undefined) return sendError(ctx, 400, [], errors);
  const reporterId = ctx.state.account?.accountId ?? '';
  const issue = deps.store.create({ ...parsed.changes, summary: String(fields.summary).trim(), projectKey: project.key, issueTypeId: issueType.id, reporterId });
  ctx.status = 201;
  ctx.body = { id: String(issue.id), key: issue.key, self: `${siteUrl(ctx)}/rest/api/3/issue/${issue.id}` };
};

const editIssue = async (deps: SimulatorDeps, ctx: SimContext, idOrKey: string) => {
  const issue = issueOr404(deps, ctx, idOrKey);
  if (issue === null) return;
  const body = await jsonBody(ctx);
  if (body === null) return;
  const parsed = parseFieldsInput(deps.store, record(body.fields), record(body.update), issue.labels);
  if ('errors' in parsed) return sendError(ctx, 400, [], parsed.errors);
  deps.store.update(issue, parsed.changes);
  if (ctx.query.returnIssue === 'true') {
    ctx.body = renderIssue(issue, renderContext(deps, ctx), KNOWN_FIELDS);
    return;
  }
  ctx.status = 204;
};

/** What the issue's own workflow (its type's) offers from its status now. */
const listTransitions = (deps: SimulatorDeps, ctx: SimContext, issue: IssueRecord) => {
  const render = renderContext(deps, ctx);
  ctx.body = {
    transitions: availableTransitions(issue.issueTypeId, issue.statusId).map(({ transition, to }) => ({
      id: transition.id,
      name: transition.name,
      to: statusJson(render, to),
      hasScreen: false,
      isGlobal: transition.from === 'any',
      isInitial: false,
      isAvailable: true,
      isConditional: false,
    })),
  };
};

const transitionIssue = async (deps: SimulatorDeps, ctx: SimContext, issue: IssueRecord) => {
  const body = await jsonBody(ctx);
  if (body === null) return;
  const id = record(body.transition).id;
  const chosen = availableTransitions(issue.issueTypeId, issue.statusId).find(({ transition }) => transition.id === String(id));
  if (chosen === undefined) return sendError(ctx, 400, [`Transition id '${String(id)}' is not valid for this issue.`]);
  deps.store.update(issue, { statusId: chosen.to.id });
  ctx.status = 204;
};

const MAX_BULK_FETCH = 100;

/** `POST /rest/api/3/issue/bulkfetch`: up to 100 issues by id or key, ascending by id; the rest as errors. */
const bulkFetch = async (deps: SimulatorDeps, ctx: SimContext) => {
  const body = await jsonBody(ctx);
  if (body === null) return;
  const wanted = body.issueIdsOrKeys;
  if (!Array.isArray(wanted) || wanted.length === 0 || wanted.some((id) => typeof id !== 'string')) return sendError(ctx, 400, ["'issueIdsOrKeys' must be a non-empty array of strings."]);
  if (wanted.length > MAX_BULK_FETCH) return sendError(ctx, 400, [`At most ${MAX_BULK_FETCH} issues can be fetched at once.`]);
  const requested = Array.isArray(body.fields) ? body.fields.filter((f): f is string => typeof f === 'string') : ['*navigable'];
  const found = (wanted as string[]).map((idOrKey) => ({ idOrKey, issue: ctx.state.anonymous === true ? undefined : deps.store.find(idOrKey) }));
  const issues = found.flatMap(({ issue }) => (issue === undefined ? [] : [issue])).sort((a, b) => a.id - b.id);
  const issueErrors = found.filter(({ issue }) => issue === undefined).map(({ idOrKey }) => ({ id: idOrKey, errorMessages: [NOT_FOUND], status: 404 }));
  ctx.type = 'application/json';
  ctx.body = issuesFirstJson(deps.renders.issuesJson(issues, renderContext(deps, ctx), selectFields(requested) ?? []), { issueErrors });
};

/** Create, read, edit, transition and delete issues: enough write-back for demos, tests and webhooks. */
export const addIssueRoutes = (router: Router<SimState>, deps: SimulatorDeps): void => {
  router.post('/rest/api/3/issue/bulkfetch', (ctx) => bulkFetch(deps, ctx));
  router.post('/rest/api/3/issue', (ctx) => createIssue(deps, ctx));
  router.get('/rest/api/3/issue/:idOrKey', (ctx) => {
    const issue = issueOr404(deps, ctx, ctx.params.idOrKey ?? '');
    const requested = typeof ctx.query.fields === 'string' ? ctx.query.fields.split(',') : ['*all'];
    if (issue !== null) ctx.body = renderIssue(issue, renderContext(deps, ctx), selectFields(requested) ?? []);
  });
  router.put('/rest/api/3/issue/:idOrKey', (ctx) => editIssue(deps, ctx, ctx.params.idOrKey ?? ''));
  router.delete('/rest/api/3/issue/:idOrKey', (ctx) => {
    const issue = issueOr404(deps, ctx, ctx.params.idOrKey ?? '');
    if (issue === null) return;
    deps.store.remove(issue);
    ctx.status = 204;
  });
  router.get('/rest/api/3/issue/:idOrKey/transitions', (ctx) => {
    const issue = issueOr404(deps, ctx, ctx.params.idOrKey ?? '');
    if (issue !== null) listTransitions(deps, ctx, issue);
  });
  router.post('/rest/api/3/issue/:idOrKey/transitions', async (ctx) => {
    const issue = issueOr404(deps, ctx, ctx.params.idOrKey ?? '');
    if (issue !== null) await transitionIssue(deps, ctx, issue);
  });
};
