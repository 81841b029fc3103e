import type { Router } from '@koa/router';
import { accountAsUser } from './accounts.js';
import { INVALID_JSON, isRecord, readJson, sendError, siteUrl, type SimContext, type SimState } from './http-helpers.js';
import { userJson, type RenderContext } from './render.js';
import { issuesFirstJson } from './render-cache.js';
import { findSearchPage, type SearchParams } from './search.js';
import type { SimulatorDeps } from './simulator-deps.js';

export const renderContext = (deps: SimulatorDeps, ctx: SimContext): RenderContext => ({
  site: siteUrl(ctx),
  zone: ctx.state.account?.timeZone ?? 'UTC',
  store: deps.store,
});

const queryParams = (ctx: SimContext): SearchParams | string => {
  const { jql, nextPageToken, maxResults, fields } = ctx.query;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : v);
  const max = one(maxResults);
  if (max !== undefined && !/^-?\d+$/.test(max)) return `The value '${max}' is invalid for maxResults.`;
  const fieldList = (Array.isArray(fields) ? fields : fields === undefined ? [] : [fields]).flatMap((f) => f.split(','));
  return { jql: one(jql), nextPageToken: one(nextPageToken), maxResults: max === undefined ? undefined : Number(max), fields: fieldList.length === 0 ? null : fieldList };
};

const bodyParams = (body: unknown): SearchParams | string => {
  if (!isRecord(body)) return 'The request body must be a JSON object.';
  const { jql, nextPageToken, maxResults, fields } = body;
  if (jql !== undefined && typeof jql !== 'string') return "'jql' must be a string.";
  if (nextPageToken !== undefined && nextPageToken !== null && typeof nextPageToken !== 'string') return "'nextPageToken' must be a string.";
  if (maxResults !== undefined && typeof maxResults !== 'number') return "'maxResults' must be a number.";
  if (fields !== undefined && !(Array.isArray(fields) && fields.every((f) => typeof f === 'string'))) return "'fields' must be an array of strings.";
  return { jql, nextPageToken: nextPageToken ?? undefined, maxResults, fields: fields ?? null };
};

const search = (deps: SimulatorDeps, ctx: SimContext, params: SearchParams | string) => {
  if (typeof params === 'string') return sendError(ctx, 400, [params]);
  ctx.state.jql = params.jql;
  const render = renderContext(deps, ctx);
  const found = findSearchPage({ ...render, now: deps.now(), anonymous: ctx.state.anonymous === true }, params, deps.pageLimits);
  if (found.status === 400) return sendError(ctx, 400, found.body.errorMessages);
  ctx.type = 'application/json';
  ctx.body = issuesFirstJson(deps.renders.issuesJson(found.issues, render, found.fields), found.more);
};

const LEGACY_REMOVED =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

export const addSearchRoutes = (router: Router<SimState>, deps: SimulatorDeps): void => {
  router.get('/rest/api/3/myself', (ctx) => {
    const account = ctx.state.account;
    if (account === undefined) return;
    const render = renderContext(deps, ctx);
    const { self, accountId, avatarUrls, displayName, active, timeZone } = userJson(render, accountAsUser(account));
    ctx.body = {
      self,
      accountId,
      accountType: 'atlassian',
      emailAddress: account.email,
      avatarUrls,
      displayName,
      active,
      timeZone,
      locale: 'en_US',
      groups: { size: 1, items: [] },
      applicationRoles: { size: 1, items: [] },
      key: '',
      name: '',
    };
  });
  router.get('/rest/api/3/search/jql', (ctx) => search(deps, ctx, queryParams(ctx)));
  router.post('/rest/api/3/search/jql', async (ctx) => {
    const body = await readJson(ctx);
    search(deps, ctx, body === INVALID_JSON ? 'The request body is not valid JSON.' : bodyParams(body));
  });
  for (const path of ['/rest/api/3/search', '/rest/api/2/search']) {
    router.all(path, (ctx) =>
      deps.legacySearch === 'removed' ? sendError(ctx, 410, [LEGACY_REMOVED]) : sendError(ctx, 404, ['Not found.']),
    );
  }
};
