import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { createInMemoryAdapters, runSyncsInline } from '../../../adapters/memory/index.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import { servicenowProvider, type ServiceNowProvider } from '../../../adapters/providers/servicenow/index.js';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../../../apps/simulator/servicenow/index.js';
import { asEntityId, asOrganizationId, createConnection, DEFAULT_ID_SYNC, syncNow } from '../../../core/index.js';
import { requester } from '../../builders/harness.js';
import { INTEGRATION, tableReads } from './servicenow-harness.js';

const ORG = asOrganizationId('org-servicenow-first-sync');
const INCIDENTS = 650;

const value = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** A first sync through syncNow, as the worker runs it: the id walk, then its stretches read by range, several at once. */
describe('first sync of a ServiceNow instance by ranges of its walk, over HTTP', () => {
  let sim: ServiceNowSimulator;
  let servicenow: ServiceNowProvider;
  let waits: number[];
  beforeEach(async () => {
    sim = await startServiceNowSimulator({ incidents: INCIDENTS, tasks: 0, seed: 22 });
    waits = [];
    // Id pages of 250 read 100 a range: stretches of 100, 100 and 50 per page. Waits are recorded and kept short.
    servicenow = servicenowProvider({ allowPrivateNetwork: true, idPageSize: 250, idsPerRangeRead: 100, sleep: (ms) => (waits.push(ms), new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)))) });
  });
  afterEach(async () => {
    servicenow.close();
    await sim.close();
  });

  const firstSync = async () => {
    const adapters = runSyncsInline({ ...createInMemoryAdapters({ extraProviders: [servicenow] }), baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }), idSync: DEFAULT_ID_SYNC });
    const created = await value(createConnection(adapters)(requester(ORG), { type: 'servicenow', baseUrl: sim.url, username: INTEGRATION.userName, password: INTEGRATION.password, tables: ['incident'] }));
    const report = await value(syncNow(adapters)({ organizationId: ORG, connectionId: asEntityId(created.id), options: { mode: 'incremental' } }));
    const stored = (await value(adapters.tasks.scopeStates(ORG, 'servicenow', created.site))).map((state) => state.externalId);
    return { report, stored };
  };

  const everyRecordOnce = (stored: ReadonlyArray<string>) => {
    expect(stored).to.have.length(INCIDENTS);
    expect([...stored].sort()).to.deep.equal(sim.store.all('incident').map((r) => r.sys_id).sort());
  };

  const rangeReads = () => tableReads(sim, 'incident').filter((r) => r.query?.startsWith('sys_id>=') === true);

  it('reads every stretch with one range request within the concurrency limit, and stores every record once', async () => {
    sim.faults.set({ latencyMs: 20, maxInFlight: 6 });

    const { report, stored } = await firstSync();

    expect(report).to.include({ status: 'succeeded', issuesProcessed: INCIDENTS, created: INCIDENTS });
    everyRecordOnce(stored);
    // Three id pages (250, 250, 150), each read in stretches of 100 (the last one shorter): no read by ids, no page of the search.
    expect(rangeReads().filter((r) => r.status === 200).map((r) => r.limit)).to.deep.equal([100, 100, 100, 100, 100, 100, 100, 100]);
    expect(tableReads(sim, 'incident').filter((r) => r.query?.startsWith('sys_idIN') === true || r.query?.includes('sys_updated_on') === true)).to.deep.equal([]);
    expect(sim.faults.load().peakInFlight).to.be.at.most(6);
  });

  it('stores every record once through a storm of the semaphores’ 429s at the concurrency limit, each waited out by the request refused', async () => {
    sim.faults.set({ latencyMs: 20, maxInFlight: 3, rateLimitEvery: 5, retryAfterSeconds: 1 });

    const { report, stored } = await firstSync();

    expect(report).to.include({ status: 'succeeded', issuesProcessed: INCIDENTS, created: INCIDENTS });
    everyRecordOnce(stored);
    const refused = tableReads(sim, 'incident').filter((r) => r.status === 429);
    expect(refused.filter((r) => r.fault === 'rate-limit').length).to.be.greaterThan(0);
    expect(sim.faults.load().peakInFlight).to.be.at.most(3);
    // One wait per refusal, the Retry-After the instance gave: no request waited for another's refusal.
    expect(waits).to.have.length(refused.length);
    expect(waits.every((ms) => ms > 0 && ms <= 1_000)).to.equal(true);
  });
});
