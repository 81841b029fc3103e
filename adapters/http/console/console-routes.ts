import Router from '@koa/router';
import { send } from '@koa/send';
import type { Context } from 'koa';
import { consoleHeaders } from './console-headers.js';
import { addDevSignIn, type DevelopmentTokenMinter } from './dev-sign-in.js';
import { sendError } from '../respond.js';

export interface ConsoleOptions {
  /** The built console (index.html and assets/), usually dist/console. */
  readonly staticDir: string;
  /** Set only in development with the generated JWT secret. */
  readonly developmentToken?: DevelopmentTokenMinter;
  /** Origins allowed to frame the console (CSP frame-ancestors); none by default. */
  readonly frameAncestors?: ReadonlyArray<string>;
}

const ONE_YEAR_MS = 365 * 24 * 3_600_000;
const ASSET_NAME = /^[\w-]+(\.[\w-]+)*$/;

/**
 * The web console at /console: its hashed assets (cached for a year), and index.html for every other
 * path under /console so the page's own routes survive a reload. Every answer carries the security
 * headers. The console talks to /api like any other client; nothing here reads a token.
 */
export const consoleRoutes = (options: ConsoleOptions): Router => {
  const router = new Router({ prefix: '/console' });
  router.use(consoleHeaders(options.frameAncestors ?? []));
  addDevSignIn(router, options.developmentToken);
  router.get('/assets/:file', async (ctx) => {
    // The build writes flat, hashed names; anything else (a decoded `../`, a dotfile) is not an asset.
    const file = String(ctx.params.file);
    if (!ASSET_NAME.test(file)) return;
    await send(ctx, `assets/${file}`, { root: options.staticDir, maxage: ONE_YEAR_MS, immutable: true });
  });
  router.get('/favicon.svg', async (ctx) => {
    await send(ctx, 'favicon.svg', { root: options.staticDir, maxage: ONE_YEAR_MS });
  });
  const page = async (ctx: Context) => {
    ctx.set('Cache-Control', 'no-cache');
    try {
      await send(ctx, 'index.html', { root: options.staticDir });
    } catch {
      sendError(ctx, 503, 'console/not-built', 'The console is not built: run npm run build');
    }
  };
  router.get('/', page);
  router.get('/*path', page);
  return router;
};
