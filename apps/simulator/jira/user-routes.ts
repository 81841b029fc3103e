import type { Router } from '@koa/router';
import { sendError, type SimState } from './http-helpers.js';
import type { SimUser } from './model.js';
import { userJson } from './render.js';
import { renderContext } from './search-routes.js';
import type { SimulatorDeps } from './simulator-deps.js';

const MAX_RESULTS = 50;

/**
 * Jira matches the start of the display name or the e-mail; an e-mail hidden by the user's privacy
 * setting still finds them when given whole, though the answer leaves it out.
 */
const matches = (user: SimUser, query: string): boolean => {
  const email = user.emailAddress.toLowerCase();
  return user.displayName.toLowerCase().startsWith(query) || (user.emailVisible ? email.startsWith(query) : email === query);
};

/** `GET /rest/api/3/user/search?query=`: the users a writer assigns by e-mail are found here. */
export const addUserRoutes = (router: Router<SimState>, deps: SimulatorDeps): void => {
  router.get('/rest/api/3/user/search', (ctx) => {
    const query = typeof ctx.query.query === 'string' ? ctx.query.query.trim().toLowerCase() : '';
    if (query === '') return sendError(ctx, 400, ["The query parameter 'query' or 'accountId' or 'property' is required."]);
    const render = renderContext(deps, ctx);
    ctx.body = ctx.state.anonymous === true ? [] : deps.store.users.filter((u) => matches(u, query)).slice(0, MAX_RESULTS).map((u) => userJson(render, u));
  });
};
