import type { JiraSimulator } from '../simulator/jira/index.js';
import type { DemoCall as Call } from './demo-connection.js';
import { formatTable } from './table.js';

/** How often the demo's schedule syncs (the demo lowers the 60 s floor for itself). */
export const DEMO_SYNC_INTERVAL_SECONDS = 3;
/**
 * The schedule once it has been shown: every 3 s, a demo kept running would fill the connection's
 * runs and the audit log with a run every few seconds while someone looks around the console.
 */
const SHOWN_SYNC_INTERVAL_SECONDS = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The schedule at work: polling is switched on, an issue is edited in the simulator, and the
 * worker running in the API process syncs it on its own; the demo shows the scheduled run.
 */
export const showScheduledSync = async (call: Call, simulator: JiraSimulator, connectionId: string): Promise<void> => {
  await call('PATCH', `/api/integrations/${connectionId}`, { pollingEnabled: true, syncIntervalSeconds: DEMO_SYNC_INTERVAL_SECONDS });
  const issue = simulator.store.sorted()[0]!;
  simulator.store.update(issue, { summary: `${issue.summary.replace(/ \(edited by the demo\)$/, '')} (edited by the demo)` });
  console.log(`\nPolling on, every ${DEMO_SYNC_INTERVAL_SECONDS} s. ${issue.key} was just edited in the simulator; waiting for the worker to sync it...`);
  const since = Date.now();
  for (let waited = 0; waited < 30_000; waited += 250) {
    const runs: Array<Record<string, any>> = await call('GET', `/api/integrations/${connectionId}/sync-runs`); // eslint-disable-line @typescript-eslint/no-explicit-any
    const scheduled = runs.find((run) => run.trigger === 'schedule' && run.status === 'succeeded' && Date.parse(run.finishedAt) >= since);
    if (scheduled !== undefined) {
      console.log(`Scheduled sync ${scheduled.id} (nobody called sync-now):`);
      console.log(formatTable(['status', 'pages', 'processed', 'created', 'updated', 'skipped'], [
        [scheduled.status, scheduled.pages, scheduled.counts.issuesProcessed, scheduled.counts.created, scheduled.counts.updated, scheduled.counts.skipped].map(String),
      ]));
      await call('PATCH', `/api/integrations/${connectionId}`, { syncIntervalSeconds: SHOWN_SYNC_INTERVAL_SECONDS });
      console.log(`Polling stays on, now every ${SHOWN_SYNC_INTERVAL_SECONDS} s.`);
      return;
    }
    await sleep(250);
  }
  console.log('No scheduled sync finished within 30 s; is TASKPORT_RUN_WORKER=false?');
};
