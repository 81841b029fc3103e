import { expect } from 'chai';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { countingProxy } from '../http/support/counting-proxy.js';
import { workerFixture, type WorkerFixture } from './support/worker-fixture.js';

const issueIds = (simulator: JiraSimulator) => simulator.store.sorted().map((issue) => String(issue.id)).sort();

describe('worker processes that stop, crash or are rate limited', function () {
  this.timeout(120_000);
  let fixture: WorkerFixture;
  let simulator: JiraSimulator;
  beforeEach(async () => {
    fixture = await workerFixture();
    // Slow pages, so a sync is surely mid-run when the test acts.
    simulator = await startJiraSimulator({ issues: 1000, faults: { latencyMs: 250 } });
  });
  afterEach(async () => {
    await fixture.close();
    await simulator.close();
  });

  /** How each run of the connection ended, as the outbox tells the product: type, status and whether it was retried. */
  const runEndings = async (id: string) => {
    const rows = await fixture.orm.em
      .fork()
      .execute<Array<{ type: string; status: string; retried: boolean | null }>>(
        "select type, data->>'status' as status, (data->'retried')::boolean as retried from outbox_events where connection_id = ? and type like 'connection.sync_%' order by seq",
        [id],
      );
    return rows.map((row) => [row.type, row.status, row.retried]);
  };

  const midRun = async (id: string) => {
    expect(await fixture.eventually(async () => ((await fixture.runs(id))[0]?.created_count ?? 0) >= 100)).to.equal(true);
    expect((await fixture.runs(id)).map((r) => r.status)).to.deep.equal(['running']);
  };

  it('after kill -9 of a worker mid-run, another worker closes the run as interrupted, runs it again, and the tasks equal the issues', async () => {
    const id = await fixture.connect(simulator, simulator.url);
    const first = await fixture.startWorker();
    await midRun(id);
    process.kill(first.pid, 'SIGKILL');
    await first.exited;
    await fixture.startWorker();
    expect(await fixture.eventually(async () => (await fixture.runs(id)).some((r) => r.status === 'succeeded'), 60_000)).to.equal(true);
    const runs = await fixture.runs(id);
    expect(runs.map((r) => [r.trigger, r.status])).to.deep.equal([
      ['schedule', 'interrupted'],
      ['retry', 'succeeded'],
    ]);
    expect(runs[0]!.created_count).to.be.greaterThan(0);
    expect(await fixture.taskIds(id)).to.deep.equal(issueIds(simulator));
    expect(await runEndings(id)).to.deep.equal([
      ['connection.sync_interrupted', 'interrupted', true],
      ['connection.sync_succeeded', 'succeeded', null],
    ]);
  });

  it('on Ctrl-C, closes the running sync as interrupted with what it wrote counted, queues it again, and exits', async () => {
    const id = await fixture.connect(simulator, simulator.url);
    const worker = await fixture.startWorker({ TASKPORT_SHUTDOWN_TIMEOUT_SECONDS: '0' });
    await midRun(id);
    process.kill(worker.pid, 'SIGINT');
    await worker.exited;
    const [interrupted, retry] = await fixture.runs(id);
    expect(interrupted).to.include({ status: 'interrupted' });
    expect(interrupted!.created_count).to.equal((await fixture.taskIds(id)).length);
    expect(retry).to.include({ trigger: 'retry', status: 'queued', attempt: 2 });
    const [connection] = await fixture.orm.em.fork().execute('select last_sync_status from integration_connections where id = ?', [id]);
    expect(connection).to.deep.equal({ last_sync_status: 'interrupted' });
    expect(await runEndings(id)).to.deep.equal([['connection.sync_interrupted', 'interrupted', true]]);
  });

  // A burst 429 is waited out by the request refused alone (test/net/refusal-scopes.spec.ts); a quota's is the whole site's.
  it("pauses every worker for a site when one of them is told the site's quota is spent (429 with an exhausted quota)", async () => {
    const proxy = await countingProxy(simulator.url);
    try {
      // Slow answers until both runs are seen running: a sync of 1,000 issues at 100 ms a request can
      // end before the other worker has taken its run, and the two would never be paused together.
      simulator.faults.set({ latencyMs: 1_000, retryAfterSeconds: 3 });
      const ids = [await fixture.connect(simulator, proxy.url), await fixture.connect(simulator, proxy.url)];
      await Promise.all([fixture.startWorker({ TASKPORT_WORKER_CONCURRENCY: '1' }), fixture.startWorker({ TASKPORT_WORKER_CONCURRENCY: '1' })]);
      expect(await fixture.eventually(async () => (await fixture.runs()).filter((r) => r.status === 'running').length === 2)).to.equal(true);
      simulator.faults.set({ latencyMs: 100 });
      simulator.faults.failNext('rate-limit-quota', 1);
      expect(await fixture.eventually(async () => proxy.exchanges().some((e) => e.status === 429))).to.equal(true);
      expect(await fixture.eventually(async () => (await fixture.runs()).filter((r) => r.status === 'succeeded').length === 2, 90_000)).to.equal(true);
      const exchanges = proxy.exchanges();
      const limited = exchanges.find((e) => e.status === 429)!;
      // Once the pause is recorded (a moment after the 429; a request already on its way may still
      // arrive), no request of either worker reaches the site until its 3 s are over.
      const during = exchanges.filter((e) => e.arrivedAt > limited.answeredAt! + 500 && e.arrivedAt < limited.answeredAt! + 2_500);
      expect(exchanges.filter((e) => e.arrivedAt > limited.answeredAt!).length).to.be.greaterThan(0);
      expect(during.map((e) => e.path)).to.deep.equal([]);
      for (const id of ids) expect(await fixture.taskIds(id)).to.have.length(1000);
    } finally {
      await proxy.close();
    }
  });
});
