import { expect } from 'chai';
import { apiRouters } from '../../adapters/http/create-api-app.js';
import type { ApiUseCases } from '../../adapters/http/api-use-cases.js';
import { webhookRoutes } from '../../adapters/http/routes/webhooks.js';
import { startFuzzTarget, type RunningFuzzTarget } from '../fuzz/fuzz-target.js';
import { FUZZ_ROUTES } from '../fuzz/fuzz-routes.js';
import { fuzzRequest, runFuzz } from '../fuzz/request-fuzzer.js';

const REQUESTS = 300;
const SEED = 20_261_201;

describe('HTTP: fuzzed requests', () => {
  let api: RunningFuzzTarget;
  before(async () => (api = await startFuzzTarget()));
  after(() => api.close());

  it('fuzzes every route the app serves', () => {
    const useCases = {} as ApiUseCases;
    const routers = apiRouters({ useCases, ready: async () => true, publicRouters: [webhookRoutes(useCases.receiveWebhook)] });
    const served = routers.flatMap((router) => router.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path).replace(/(.)\/$/, '$1')}`)));
    expect(FUZZ_ROUTES.map((r) => `${r.method} ${r.path}`)).to.have.members(served);
  });

  it('makes the same requests from the same seed', () => {
    const twice = [0, 1].map(() => Array.from({ length: 50 }, (_, i) => fuzzRequest(SEED, i, api.target)));
    expect(twice[0]).to.deep.equal(twice[1]);
  });

  it(`answers ${REQUESTS} fuzzed requests without a single 5xx`, async function () {
    this.timeout(120_000);
    const report = await runFuzz(api.url, api.target, { seed: SEED, count: REQUESTS, concurrency: 4 });
    const failures = report.failures.map((f) => `#${f.request.index} ${f.request.method} ${f.request.path.slice(0, 120)} -> ${f.status} ${f.answer.slice(0, 200)}`);
    expect(failures).to.deep.equal([]);
    // The run reaches past validation: some requests succeed, most are refused as client errors.
    expect(Object.keys(report.counts).map(Number)).to.include.members([200, 400, 401, 404]);
  });
});
