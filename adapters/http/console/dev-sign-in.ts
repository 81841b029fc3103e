import type Router from '@koa/router';
import type { Context } from 'koa';
import { sendError } from '../respond.js';

/** Mints a bearer token for the demo organization; given only in development (see apps/api/console-options.ts). */
export type DevelopmentTokenMinter = () => { readonly token: string; readonly organizationId: string };

/**
 * `GET /console/dev-sign-in` says whether development sign-in is on; `POST` mints a token. Off, both
 * answer 404 `console/dev-sign-in-off`, and the console asks for a token from the embedding product.
 * The token is in the response body only (never in a URL), and the response is never cached.
 */
export const addDevSignIn = (router: Router, mint: DevelopmentTokenMinter | undefined): void => {
  const off = (ctx: Context) =>
    sendError(ctx, 404, 'console/dev-sign-in-off', 'Development sign-in is off: open the console from your product with a token');
  router.get('/dev-sign-in', (ctx) => {
    if (mint === undefined) return off(ctx);
    ctx.body = { data: { available: true } };
  });
  router.post('/dev-sign-in', (ctx) => {
    if (mint === undefined) return off(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: mint() };
  });
};
