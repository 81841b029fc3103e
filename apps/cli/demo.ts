/**
 * `npm run demo`: taskport end to end on one machine. Starts the Jira simulator and the API (with
 * the embedded PostgreSQL), connects the demo organization to the simulator, tests the connection,
 * syncs, and prints the report and the first tasks; then switches polling on, edits an issue in the
 * simulator and shows the worker's scheduled sync picking it up. `--keep-running` leaves both up.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { bootApi } from '../api/bootstrap.js';
import { ConfigError, readEnv } from '../api/config.js';
import { DEMO_ORGANIZATION_ID, developmentToken } from '../api/dev-token.js';
import { startJiraSimulator } from '../simulator/jira/index.js';
import { DEMO_SYNC_INTERVAL_SECONDS, showScheduledSync } from './demo-schedule.js';
import { formatTable, truncate } from './table.js';

const { values: flags } = parseArgs({
  options: { issues: { type: 'string', default: '500' }, 'keep-running': { type: 'boolean', default: false }, 'simulator-port': { type: 'string', default: '0' } },
});

const DEMO_CONNECTION = 'Demo Jira (simulator)';

/** A scheduled sync left from an earlier demo may hold the connection for a moment: wait for it. */
const syncWhenFree = async <A>(sync: () => Promise<A>): Promise<A> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sync();
    } catch (error) {
      if (attempt >= 120 || !(error instanceof Error) || !error.message.includes('sync/in-progress')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
};

const main = async () => {
  // The simulator listens on loopback, which taskport refuses unless private networks are allowed.
  // The demo shows a scheduled sync within seconds: it lowers the interval floor and ticks every second.
  const config = readEnv({
    LOG_LEVEL: 'error',
    TASKPORT_MIN_SYNC_INTERVAL_SECONDS: String(DEMO_SYNC_INTERVAL_SECONDS),
    TASKPORT_SCHEDULER_TICK_SECONDS: '1',
    TASKPORT_JOB_POLL_SECONDS: '1',
    TASKPORT_RUN_LEASE_SECONDS: '10',
    ...process.env,
    TASKPORT_ALLOW_PRIVATE_NETWORK: 'true',
  });
  const logger = createLogger(config.LOG_LEVEL);
  const simulator = await startJiraSimulator({ issues: Number(flags.issues), port: Number(flags['simulator-port']) });
  const booted = await bootApi(config, logger);
  const secret = config.JWT_SECRET ?? booted.developmentJwtSecret;
  if (secret === undefined) throw new ConfigError('The demo signs its own token: unset JWT_JWKS_URL or set JWT_SECRET');
  const token = developmentToken(secret);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${booted.api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return text === '' ? undefined : (JSON.parse(text) as { data: any }).data;
  };
  let polled: string | undefined;
  try {
    console.log(`Jira simulator: ${simulator.url} (${flags.issues} issues)\ntaskport API:   ${booted.api.url} (private network allowed, for the local simulator)\n`);
    const account = simulator.accounts[0]!;
    // A rerun keeps the connection (and its tasks) and points it at this run's simulator, so the
    // second sync shows idempotency: every issue already recorded is skipped.
    const existing = ((await call('GET', '/api/integrations')) as Array<{ id: string; name: string }>).find((c) => c.name === DEMO_CONNECTION);
    const credentials = { baseUrl: simulator.url, email: account.email, apiToken: account.apiToken };
    const connection =
      existing === undefined
        ? await call('POST', '/api/integrations', { type: 'jira', name: DEMO_CONNECTION, ...credentials })
        : await call('PATCH', `/api/integrations/${existing.id}`, { ...credentials, pollingEnabled: false });
    console.log(`Connected organization ${DEMO_ORGANIZATION_ID} as connection ${connection.id}`);
    const test = await call('POST', `/api/integrations/${connection.id}/test`);
    console.log(`Test: ${test.connected ? 'connected' : 'NOT connected'}, ${test.message}`);
    const started = Date.now();
    const report = await syncWhenFree(() => call('POST', `/api/integrations/${connection.id}/sync-now`, { mode: 'full' }));
    console.log(`\nSync report (${Date.now() - started} ms):`);
    console.log(formatTable(['status', 'processed', 'created', 'updated', 'unchanged', 'skipped'], [
      [report.status, report.issuesProcessed, report.created, report.updated, report.unchanged, report.skipped].map(String),
    ]));
    if (report.skipped > 0) console.log(`(${report.skipped} issue versions were already recorded by an earlier run: nothing rewritten)`);
    const tasks = await call('GET', `/api/external-tasks?connectionId=${connection.id}&limit=10`);
    console.log('\nFirst tasks (newest change first):');
    console.log(formatTable(
      ['key', 'status', 'priority', 'assignee', 'due', 'title'],
      tasks.map((t: Record<string, string | null>) => [t.key, t.status, t.priority, t.assigneeEmail ?? '-', t.dueDate ?? '-', truncate(t.title, 48)].map((c) => String(c))),
    ));
    polled = connection.id;
    await showScheduledSync(call, simulator, connection.id);
    if (flags['keep-running']) {
      console.log(`\nTry it yourself:\n  curl -s -H "Authorization: Bearer ${token}" "${booted.api.url}/api/external-tasks?limit=3"`);
      console.log('\nServers keep running; press Ctrl-C to stop.');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    // Polling off again, so the next demo's own sync is not beaten to it by the schedule.
    if (polled !== undefined) await call('PATCH', `/api/integrations/${polled}`, { pollingEnabled: false }).catch(() => undefined);
    await booted.shutdown();
    await simulator.close();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
