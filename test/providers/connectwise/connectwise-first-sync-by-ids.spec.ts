import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { createInMemoryAdapters, runSyncsInline } from '../../../adapters/memory/index.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import { connectWiseProvider, type ConnectWiseProvider, type ConnectWiseProviderOptions } from '../../../adapters/providers/connectwise/index.js';
import { adaptiveConcurrency, DEFAULT_ADAPTIVE_CONCURRENCY } from '../../../adapters/providers/shared/adaptive-concurrency.js';
import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator, type ConnectWiseSimulator } from '../../../apps/simulator/connectwise/index.js';
import { asEntityId, asOrganizationId, createConnection, syncNow } from '../../../core/index.js';
import { requester } from '../../builders/harness.js';
import { countingProxy } from '../../http/support/counting-proxy.js';

const ORG = asOrganizationId('org-cw-by-ids');
const SERVICE = 520;
const PROJECT = 130;

const value = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** A first sync of a ConnectWise site walks its ticket ids, then reads each walk page's stretch by range, several at once. */
describe('first sync by ids against the ConnectWise simulator, over HTTP', () => {
  let sim: ConnectWiseSimulator;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  let cw: ConnectWiseProvider;
  let waits: number[];
  beforeEach(async () => {
    sim = await startConnectWiseSimulator({ serviceTickets: SERVICE, projectTickets: PROJECT, seed: 22 });
    proxy = await countingProxy(sim.url);
    waits = [];
  });
  afterEach(async () => {
    cw.close();
    await proxy.close();
    await sim.close();
  });

  /** The waits the client asks for are recorded and kept short, so a Retry-After is seen honoured without being sat through. */
  const provider = (options: Partial<ConnectWiseProviderOptions> = {}) => {
    cw = connectWiseProvider({ allowPrivateNetwork: true, idPageSize: 250, sleep: (ms) => (waits.push(ms), new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)))), ...options });
    return cw;
  };

  const wire = (source: ConnectWiseProvider) => {
    const adapters = runSyncsInline({
      ...createInMemoryAdapters({ extraProviders: [source] }),
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
      idSync: { batchSize: 100, batchesInFlight: 8 },
    });
    return { adapters, sync: (id: string, mode: 'incremental' | 'full' = 'incremental') => syncNow(adapters)({ organizationId: ORG, connectionId: asEntityId(id), options: { mode } }) };
  };

  const connect = (adapters: ReturnType<typeof wire>['adapters']): Promise<{ readonly id: string; readonly site: string }> =>
    // The request budget is set high: the site's concurrency limit is what these tests model.
    value(createConnection(adapters)(requester(ORG), { type: 'connectwise', baseUrl: proxy.url, ...CONNECTWISE_SIM_MEMBER, requestsPerHour: '360000' }));

  const everyTicketOnce = async (adapters: ReturnType<typeof wire>['adapters'], connection: { readonly site: string }) => {
    const stored = (await value(adapters.tasks.scopeStates(ORG, 'connectwise', connection.site))).map((state) => state.externalId);
    const expected = [...sim.store.all('service').map((t) => `service:${t.id}`), ...sim.store.all('project').map((t) => `project:${t.id}`)];
    expect(stored).to.have.length(SERVICE + PROJECT);
    expect([...stored].sort()).to.deep.equal(expected.sort());
  };

  /** The ticket reads the site saw (the walk's and the ranges'), by their conditions. */
  const ticketReads = () =>
    proxy
      .exchanges()
      .map((e) => new URL(e.path, proxy.url))
      .filter((url) => url.pathname.endsWith('/tickets'))
      .map((url) => ({ fields: url.searchParams.get('fields'), orderBy: url.searchParams.get('orderBy'), conditions: url.searchParams.get('conditions') ?? '' }));

  it('reads each walk page in one range call, side by side within the site limit, stores every ticket once and sets the cursor to when the walk began', async () => {
    sim.faults.set({ latencyMs: 20, maxInFlight: 4 });
    const { adapters, sync } = wire(provider({ siteConcurrency: adaptiveConcurrency({ ...DEFAULT_ADAPTIVE_CONCURRENCY, max: 4 }) }));
    const connection = await connect(adapters);
    const walkBegins = adapters.clock.now().toISOString();

    const report = await value(sync(connection.id));

    expect(report).to.include({ status: 'succeeded', issuesProcessed: SERVICE + PROJECT, created: SERVICE + PROJECT, cursor: walkBegins });
    await everyTicketOnce(adapters, connection);
    // Walk pages of 250: service 250 (beside its highest id), then the 270 ids above it in two parts
    // of 135 side by side, then project 130 (beside its highest id); each part's page read by one
    // range (none across the unwalked ids between the parts), none by id lists.
    const reads = ticketReads();
    const walk = reads.filter((r) => r.fields === 'id');
    expect(walk.filter((r) => r.orderBy === 'id desc')).to.have.length(2);
    expect(walk.filter((r) => r.orderBy === 'id asc').map((r) => r.conditions.replace(/\d+/g, 'n')).sort()).to.deep.equal(['id > n', 'id > n', 'id > n', 'id > n and id <= n']);
    const ranges = reads.filter((r) => r.fields !== 'id');
    expect(ranges.map((r) => r.conditions.replace(/\d+/g, 'n'))).to.deep.equal(Array.from({ length: 4 }, () => 'id >= n and id <= n'));
    const load = sim.faults.load();
    expect(load.refusedOverLimit).to.equal(0);
    expect(load.peakInFlight).to.be.within(2, 4);
  });

  it('honours the 429s of a site that allows fewer requests than asked, in a storm too, and still stores every ticket once', async () => {
    sim.faults.set({ latencyMs: 20, maxInFlight: 2, rateLimitEvery: 5, retryAfterSeconds: 1 });
    const { adapters, sync } = wire(provider());
    const connection = await connect(adapters);

    const report = await value(sync(connection.id));

    expect(report).to.include({ status: 'succeeded', issuesProcessed: SERVICE + PROJECT, created: SERVICE + PROJECT });
    await everyTicketOnce(adapters, connection);
    expect(proxy.exchanges().filter((e) => e.status === 429).length).to.be.greaterThan(0);
    expect(sim.faults.load().peakInFlight).to.be.at.most(2);
    // Every wait was what is left of a Retry-After (1 s) the site gave: the full second at least
    // once, never more, and never a retry at once. (The waits are recorded, not sat through.)
    expect(waits.length).to.be.greaterThan(0);
    expect(waits.every((ms) => ms > 0 && ms <= 1_000)).to.equal(true);
    expect(Math.max(...waits)).to.be.greaterThan(990);
  });

  it('converges on rerun after a sync that failed in the middle of its walk in parts', async () => {
    const cw = provider();
    let rounds = 0;
    // The site fails every request from the walk's second round of parts on, long enough to fail the sync.
    const failing: ConnectWiseProvider = {
      ...cw,
      issues: {
        ...cw.issues,
        walkIds: (connection, scope, cursor) => {
          if (cursor !== null && (rounds += 1) === 1) sim.faults.failNext('server-error', 200);
          return cw.issues.walkIds(connection, scope, cursor);
        },
      },
    };
    const { adapters, sync } = wire(failing);
    const connection = await connect(adapters);

    const failed = await sync(connection.id)();
    expect(E.isLeft(failed) && failed.left._tag).to.equal('SourceUnavailable');
    expect(rounds).to.be.at.least(1);
    const written = (await value(adapters.tasks.scopeStates(ORG, 'connectwise', connection.site))).length;
    expect(written).to.be.below(SERVICE + PROJECT);
    sim.faults.reset();

    const rerun = await value(sync(connection.id));

    expect(rerun).to.include({ status: 'succeeded', issuesProcessed: SERVICE + PROJECT, created: SERVICE + PROJECT - written });
    await everyTicketOnce(adapters, connection);
  });

  it('walks and reads by range again for a full sync, finding everything already stored', async () => {
    const { adapters, sync } = wire(provider());
    const connection = await connect(adapters);
    await value(sync(connection.id));
    const before = ticketReads().length;

    const full = await value(sync(connection.id, 'full'));

    expect(full).to.include({ status: 'succeeded', created: 0, updated: 0, skipped: SERVICE + PROJECT });
    expect(ticketReads().slice(before).filter((r) => r.conditions.includes('id >= '))).to.have.length(4);
    await everyTicketOnce(adapters, connection);
  });
});
