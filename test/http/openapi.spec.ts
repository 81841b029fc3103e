import { expect } from 'chai';
import { apiRouters } from '../../adapters/http/create-api-app.js';
import type { ApiUseCases } from '../../adapters/http/api-use-cases.js';
import { openApiRoutes } from '../../adapters/http/docs/api-docs-routes.js';
import { webhookRoutes } from '../../adapters/http/routes/webhooks.js';
import { bodyVariants, documentedOperations, loadContract } from './support/openapi/contract.js';
import { knownFieldNames, type CatalogueNames } from './support/openapi/name-pool.js';
import { probeSets } from './support/openapi/probe-plan.js';
import { runProbe } from './support/openapi/probe-runner.js';
import { connectionPerProvider, probedPath, servedProviders, type ProbeSubjects } from './support/openapi/probe-subjects.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

/** `/api/integrations/:id/test` in Koa is `/api/integrations/{id}/test` in OpenAPI. */
const toOpenApiPath = (koaPath: string) => koaPath.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');

const contract = loadContract();
const operations = documentedOperations(contract);

describe('docs/openapi.yaml', () => {
  it('describes every route the app serves, and nothing it does not', () => {
    const documented = new Set(operations.map((operation) => `${operation.method} ${operation.path}`));
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

  it('says of every body behind the JWT that it refuses fields it does not list', () => {
    const open = operations
      .filter((operation) => !operation.isPublic && operation.body !== undefined)
      .flatMap((operation) => bodyVariants(contract, operation.body!).map((variant) => ({ operation, variant })))
      .filter(({ variant }) => variant.schema.additionalProperties !== false)
      .map(({ operation, variant }) => `${operation.method} ${operation.path} ${variant.label}`);
    expect(open, 'bodies without additionalProperties: false').to.deep.equal([]);
  });
});

/**
 * Drift between the document and request validation, probed over real HTTP, for every query and
 * every body behind the JWT: a field the document lists must be refused, by name and not as unknown,
 * when its value has the wrong type or format (so the route knows it); every field name the API
 * knows of elsewhere (the document, the providers' catalogue, core's codecs) must be refused as
 * unknown where the document does not list it; the required fields must be exactly those a request
 * without them is told are missing; an enum's values must be exactly those the refusal lists; stated
 * bounds and nullability must hold. The probes come from the document: a route or field added on
 * any branch is probed once documented, and a route left undocumented fails the test above.
 */
describe('docs/openapi.yaml against what each route accepts', function () {
  this.timeout(120_000);
  let api: TestApi;
  let subjects: ProbeSubjects;
  let knownNames: ReadonlyArray<string>;

  before(async () => {
    // Every provider is served (ServiceNow only when asked for), so each one's bodies are probed. OAuth is
    // configured, so its routes get as far as reading their input; with no front end the callback answers JSON.
    api = await startTestApi({
      issues: 1,
      latencyMs: 0,
      oauth: { redirectUri: 'https://taskport.test/api/integrations/oauth/jira/callback' },
      servicenow: { incidents: 1, tasks: 0 },
    });
    const token = tokenFor(ORG_A);
    subjects = { token, connections: await connectionPerProvider(api, ORG_A, token) };
    const catalogue = (await api.http.call('GET', '/api/providers', { token })).json.data as ReadonlyArray<CatalogueNames>;
    knownNames = knownFieldNames(contract, catalogue);
  });
  after(async () => api?.close());

  it('has a body variant for every provider a connection can be of, and none for a provider the API does not serve', () => {
    const providers = [...servedProviders(subjects)].sort();
    for (const operation of operations.filter((o) => !o.isPublic && o.body?.oneOf !== undefined)) {
      const documented = [...new Set(bodyVariants(contract, operation.body!).map((variant) => variant.provider ?? variant.label))];
      const where = `${operation.method} ${operation.path}`;
      expect(documented.filter((name) => !providers.includes(name)), `${where}: variants of providers the API does not serve`).to.deep.equal([]);
      // A connection's body (creating one, changing one) exists for every provider; another route chosen by provider (OAuth) may serve only some.
      if (operation.body!.discriminator !== undefined || operation.path.includes('{id}')) expect([...documented].sort(), where).to.deep.equal(providers);
    }
  });

  for (const operation of operations) {
    const sets = probeSets(contract, operation);
    if (sets.length === 0) continue;
    it(`${operation.method} ${operation.path} accepts exactly what the document lists`, async () => {
      const failures: string[] = [];
      for (const set of sets) {
        const target = { method: operation.method, path: probedPath(operation, subjects, set.provider, set.authMode), location: set.location, fixed: set.fixed, token: subjects.token, knownNames };
        for (const probe of set.probes) {
          const failure = await runProbe(api.http, target, probe);
          if (failure !== undefined) failures.push(`[${set.label}] ${failure}`);
        }
      }
      expect(failures).to.deep.equal([]);
    });
  }
});
