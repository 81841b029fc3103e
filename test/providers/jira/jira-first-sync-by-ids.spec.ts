import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { createInMemoryAdapters, runSyncsInline } from '../../../adapters/memory/index.js';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import { adaptiveConcurrency, DEFAULT_ADAPTIVE_CONCURRENCY } from '../../../adapters/providers/shared/adaptive-concurrency.js';
import { jiraProvider, type JiraProvider, type JiraProviderOptions } from '../../../adapters/providers/jira/index.js';
import { startJiraSimulator, type JiraSimulator } from '../../../apps/simulator/jira/index.js';
import { asEntityId, asOrganizationId, createConnection, sourceUnavailable, syncNow, type Provider } from '../../../core/index.js';
import { requester } from '../../builders/harness.js';
import { ADMIN } from './jira-source-harness.js';

const ORG = asOrganizationId('org-by-ids');
const ISSUES = 650;
const BULK_FETCH = '/rest/api/3/issue/bulkfetch';

const value = async <A>(task: TE.TaskEither<unknown, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** A first sync of a site reads its ids, then fetches the issues 100 at a time, several at once. */
describe('first sync by ids against the Jira simulator, over HTTP', () => {
  let sim: JiraSimulator;
  let jira: JiraProvider;
  let waits: number[];
  beforeEach(async () => {
    sim = await startJiraSimulator({ issues: ISSUES, seed: 22 });
    waits = [];
  });
  afterEach(async () => {
    jira.close();
    await sim.close();
  });

  /** The waits the client asks for are recorded and kept short, so a Retry-After is seen honoured without being sat through. */
  const provider = (options: Partial<JiraProviderOptions> = {}) => {
    jira = jiraProvider({ allowPrivateNetwork: true, idPageSize: 250, sleep: (ms) => (waits.push(ms), new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)))), ...options });
    return jira;
  };

  const wire = (source: Provider) => {
    const adapters = runSyncsInline({
      ...createInMemoryAdapters({ extraProviders: [source] }),
      baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
      idSync: { batchSize: 100, batchesInFlight: 8 },
    });
    return { adapters, sync: (id: string, mode: 'incremental' | 'full' = 'incremental') => syncNow(adapters)({ organizationId: ORG, connectionId: asEntityId(id), options: { mode } }) };
  };

  /** What the tests read of a connection made. */
  interface Connection {
    readonly id: string;
    readonly site: string;
  }

  const connect = (adapters: ReturnType<typeof wire>['adapters']): Promise<Connection> =>
    value(createConnection(adapters)(requester(ORG), { type: 'jira', baseUrl: `${sim.url}/`, email: ADMIN.email, apiToken: ADMIN.apiToken }));

  /** Every stored task's issue id, as many times as it is stored. */
  const storedIds = async (adapters: ReturnType<typeof wire>['adapters'], connection: Connection) =>
    (await value(adapters.tasks.scopeStates(ORG, 'jira', connection.site))).map((state) => state.externalId);

  const everyIssueOnce = async (adapters: ReturnType<typeof wire>['adapters'], connection: Connection) => {
    const ids = await storedIds(adapters, connection);
    expect(ids).to.have.length(ISSUES);
    expect([...ids].sort()).to.deep.equal(sim.store.sorted().map((issue) => String(issue.id)).sort());
  };

  const bulkFetches = () => sim.requests.entries().filter((r) => r.path === BULK_FETCH);

  it('fetches batches side by side within the site limit, stores every issue once and sets the cursor to when the walk began', async () => {
    sim.faults.set({ latencyMs: 20, maxInFlight: 6 });
    const { adapters, sync } = wire(provider({ siteConcurrency: adaptiveConcurrency({ ...DEFAULT_ADAPTIVE_CONCURRENCY, max: 6 }) }));
    const connection = await connect(adapters);
    const walkBegins = adapters.clock.now().toISOString();

    const report = await value(sync(connection.id));

    // Id pages of 250 make batches of 100, 100 and 50: eight fetches, each written as it came.
    expect(report).to.include({ status: 'succeeded', issuesProcessed: ISSUES, created: ISSUES, pages: 8, cursor: walkBegins });
    await everyIssueOnce(adapters, connection);
    expect(bulkFetches().filter((r) => r.status === 200)).to.have.length(8);
    // The searches were id walks only (3 pages of 250), no page of issues.
    expect(sim.requests.entries().filter((r) => r.jql !== null)).to.have.length(3);
    const load = sim.faults.load();
    expect(load.refusedOverLimit).to.equal(0);
    expect(load.peakInFlight).to.be.within(2, 6);
  });

  it('honours the 429s of a site that allows fewer requests than asked, in a storm too, and still stores every issue once', async () => {
    sim.faults.set({ latencyMs: 20, maxInFlight: 3, rateLimitEvery: 5, retryAfterSeconds: 1 });
    const { adapters, sync } = wire(provider());
    const connection = await connect(adapters);

    const report = await value(sync(connection.id));

    expect(report).to.include({ status: 'succeeded', issuesProcessed: ISSUES, created: ISSUES });
    await everyIssueOnce(adapters, connection);
    const refused = sim.requests.entries().filter((r) => r.status === 429);
    expect(refused.length).to.be.greaterThan(0);
    expect(sim.faults.load().peakInFlight).to.be.at.most(3);
    // Every wait was what is left of a Retry-After (1 s) the site gave: the full second at least
    // once, never more, and never a retry at once. (The waits are recorded, not sat through.)
    expect(waits.length).to.be.greaterThan(0);
    expect(waits.every((ms) => ms > 0 && ms <= 1_000)).to.equal(true);
    expect(Math.max(...waits)).to.be.greaterThan(990);
  });

  it('converges on a rerun after a sync that failed part-way: every issue once, the cursor set only by the run that finished', async () => {
    sim.faults.set({ latencyMs: 5 });
    const real = provider();
    let fetches = 0;
    const failing: Provider = {
      ...real,
      issues: { ...real.issues, fetchIssues: (connection, ids) => ((fetches += 1) === 6 ? TE.left(sourceUnavailable('The site went away')) : real.issues.fetchIssues(connection, ids)) },
    };
    const { adapters, sync } = wire(failing);
    const connection = await connect(adapters);

    const failed = await sync(connection.id)();
    expect(E.isLeft(failed)).to.equal(true);
    const partial = await storedIds(adapters, connection);
    expect(partial.length).to.be.within(1, ISSUES - 100);
    expect((await value(adapters.connections.findById(ORG, asEntityId(connection.id))))?.syncState.cursor).to.equal(null);

    const rerun = await value(sync(connection.id));
    expect(rerun).to.include({ status: 'succeeded', issuesProcessed: ISSUES - partial.length, created: ISSUES - partial.length, skipped: partial.length });
    await everyIssueOnce(adapters, connection);
  });

  it('keeps the single search for an incremental sync, and walks the ids again for a full one', async () => {
    const { adapters, sync } = wire(provider());
    const connection = await connect(adapters);
    await value(sync(connection.id));
    const fetchesAfterFirst = bulkFetches().length;

    const incremental = await value(sync(connection.id));
    expect(incremental).to.include({ status: 'succeeded', created: 0 });
    expect(bulkFetches()).to.have.length(fetchesAfterFirst);
    expect(sim.requests.entries().filter((r) => r.jql !== null).at(-1)?.jql).to.match(/^updated >= /);

    const full = await value(sync(connection.id, 'full'));
    expect(full).to.include({ status: 'succeeded', created: 0, updated: 0, skipped: ISSUES });
    expect(bulkFetches().length).to.be.greaterThan(fetchesAfterFirst);
    await everyIssueOnce(adapters, connection);
  });
});
