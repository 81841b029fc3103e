import { expect } from 'chai';
import { startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { workerFixture, type WorkerFixture } from '../workers/support/worker-fixture.js';

describe('taskport CLI: worker', function () {
  this.timeout(120_000);
  let fixture: WorkerFixture;
  let simulator: JiraSimulator;
  before(async () => {
    fixture = await workerFixture();
    simulator = await startJiraSimulator({ issues: 25 });
  });
  after(async () => {
    await fixture.close();
    await simulator.close();
  });

  it('runs the scheduled syncs like npm run worker, and serves their metrics on TASKPORT_WORKER_METRICS_PORT', async () => {
    const id = await fixture.connect(simulator, simulator.url);
    const worker = await fixture.startWorker({ TASKPORT_WORKER_METRICS_PORT: '0', HOST: '127.0.0.1' }, ['bin/taskport.js', 'worker']);
    expect(await fixture.eventually(async () => (await fixture.runs(id)).some((run) => run.status === 'succeeded'))).to.equal(true);
    const url = worker.readyLine.split(' ')[1]!;
    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    // The run's end is counted once its transaction returns, a moment after the row says succeeded.
    let text = '';
    expect(await fixture.eventually(async () => /^taskport_sync_runs_total\{provider="jira",outcome="succeeded"\} 1$/m.test((text = await (await fetch(url)).text())), 10_000)).to.equal(true, text);
    expect(text).to.match(/^taskport_sync_run_items_sum\{provider="jira"\} 25$/m);
    expect(text).to.match(/^taskport_source_request_duration_seconds_count\{provider="jira",status="2xx"\} [1-9]\d*$/m);
    process.kill(worker.pid, 'SIGTERM');
    await worker.exited;
  });
});
