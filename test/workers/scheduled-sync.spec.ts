import { expect } from 'chai';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { workerFixture, type WorkerFixture } from './support/worker-fixture.js';

const issueIds = (simulator: JiraSimulator) => simulator.store.sorted().map((issue) => String(issue.id)).sort();

describe('a worker process keeping connections in sync', function () {
  this.timeout(90_000);
  let fixture: WorkerFixture;
  let simulator: JiraSimulator;
  beforeEach(async () => {
    fixture = await workerFixture();
    simulator = await startJiraSimulator({ issues: 120 });
  });
  afterEach(async () => {
    await fixture.close();
    await simulator.close();
  });

  it('syncs a connection with polling on, with nobody calling sync-now, and again every interval', async () => {
    const id = await fixture.connect(simulator, simulator.url, { syncIntervalSeconds: 2 });
    await fixture.startWorker();
    expect(await fixture.eventually(async () => (await fixture.runs(id)).filter((r) => r.status === 'succeeded').length >= 2)).to.equal(true);
    const runs = await fixture.runs(id);
    expect(runs.every((r) => r.trigger === 'schedule')).to.equal(true);
    expect(runs[0]).to.include({ status: 'succeeded', created_count: 120 });
    expect(await fixture.taskIds(id)).to.deep.equal(issueIds(simulator));
  });

  it('with two worker processes on one database, runs each due sync exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => fixture.connect(simulator, simulator.url)));
    await Promise.all([fixture.startWorker(), fixture.startWorker()]);
    expect(await fixture.eventually(async () => (await fixture.runs()).filter((r) => r.status === 'succeeded').length >= 6)).to.equal(true);
    // Several more ticks of both workers: the next slot is an hour away, so nothing else may run.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const runs = await fixture.runs();
    expect(runs.map((r) => r.connection_id).sort()).to.deep.equal([...ids].sort());
    expect(runs.every((r) => r.status === 'succeeded' && r.trigger === 'schedule')).to.equal(true);
  });
});
