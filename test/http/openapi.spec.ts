import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { apiRouters } from '../../adapters/http/create-api-app.js';
import type { ApiUseCases } from '../../adapters/http/api-use-cases.js';
import { webhookRoutes } from '../../adapters/http/routes/webhooks.js';
import { openApiRoutes } from '../../adapters/http/docs/api-docs-routes.js';

/** `/api/integrations/:id/test` in Koa is `/api/integrations/{id}/test` in OpenAPI. */
const toOpenApiPath = (koaPath: string) => koaPath.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');

describe('docs/openapi.yaml', () => {
  it('describes every route the app serves, and nothing it does not', () => {
    const document = parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/openapi.yaml'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).filter((k) => k !== 'parameters').map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const useCases = {} as ApiUseCases;
    // The public routers the API server mounts (see apps/api/server.ts).
    const routers = apiRouters({ useCases, ready: async () => true, publicRouters: [webhookRoutes(useCases.receiveWebhook), openApiRoutes({ json: '{}' })] });
    const served = new Set(
      routers.flatMap((router) =>
        router.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${toOpenApiPath(String(layer.path))}`)),
      ),
    );
    expect([...served].filter((r) => !documented.has(r)), 'served but not documented').to.deep.equal([]);
    expect([...documented].filter((r) => !served.has(r)), 'documented but not served').to.deep.equal([]);
  });
});
