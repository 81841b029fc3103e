import { createRequire } from 'node:module';
import path from 'node:path';
import Router from '@koa/router';
import { send } from '@koa/send';
import { DOCS_PAGE, START_DOCS_SCRIPT } from './docs-page.js';
import { docsHeaders } from './docs-headers.js';
import type { OpenApiDocument } from './openapi-document.js';

/** Where npm installed swagger-ui-dist: its browser files are served from there, never from a CDN. */
const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The only files of swagger-ui-dist the page loads; nothing else of the package is reachable. */
const SWAGGER_UI_FILES: ReadonlySet<string> = new Set(['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png']);

const ONE_HOUR_MS = 3_600_000;

/**
 * `GET /api/openapi.json`: the contract, public like /healthz (it is documentation; every route it
 * describes still asks for its own credentials). Revalidated on each use, so a new deployment is seen.
 */
export const openApiRoutes = (document: OpenApiDocument): Router => {
  const router = new Router();
  router.get('/api/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'application/json';
    ctx.body = document.json;
  });
  return router;
};

/** `/docs`: Swagger UI over /api/openapi.json, its files served from this process, under a strict CSP. */
export const apiDocsPageRoutes = (): Router => {
  const router = new Router({ prefix: '/docs' });
  router.use(docsHeaders());
  router.get('/', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'text/html';
    ctx.body = DOCS_PAGE;
  });
  router.get('/assets/start-docs.js', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'text/javascript';
    ctx.body = START_DOCS_SCRIPT;
  });
  router.get('/assets/:file', async (ctx) => {
    const file = String(ctx.params.file);
    if (SWAGGER_UI_FILES.has(file)) await send(ctx, file, { root: SWAGGER_UI_DIR, maxage: ONE_HOUR_MS });
  });
  return router;
};
