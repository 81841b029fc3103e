import Router from '@koa/router';
import type { ApiUseCases } from '../api-use-cases.js';
import { noQuery } from '../middleware/no-query.js';
import { respond } from '../respond.js';

/** The catalogue of providers: what each takes to connect, which fields are secret, what it offers. */
export const providerRoutes = (useCases: ApiUseCases): Router => {
  const router = new Router({ prefix: '/api/providers' });
  router.get('/', noQuery, (ctx) => respond(ctx, useCases.listProviders()));
  return router;
};
