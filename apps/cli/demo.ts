/**
 * `npm run demo`: taskport end to end on one machine. Starts the Jira simulator and the API (with
 * the embedded PostgreSQL), connects the demo organization to the simulator, tests the connection,
 * syncs, and prints the report and the first tasks. `--keep-running` leaves both servers up.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { bootApi } from '../api/bootstrap.js';
import { ConfigError, readEnv } from '../api/config.js';
import { DEMO_ORGANIZATION_ID, developmentToken } from '../api/dev-token.js';
import { describeStartupFailure } from '../api/startup-failure.js';
import { startJiraSimulator } from '../simulator/jira/index.js';
import { ensureConsoleBuilt } from './console-build.js';
import { connectWiseDemo } from './demo-connectwise.js';
import { formatTable, truncate } from './table.js';

const { values: flags } = parseArgs({
  options: { issues: { type: 'string', default: '500' }, 'keep-running': { type: 'boolean', default: false }, 'simulator-port': { type: 'string', default: '0' } },
});

const DEMO_CONNECTION = 'Demo Jira (simulator)';

const main = async () => {
  // The simulator listens on loopback, which taskport refuses unless private networks are allowed;
  // the API too listens on loopback only, unless HOST says otherwise.
  const config = readEnv({ LOG_LEVEL: 'error', HOST: '127.0.0.1', ...process.env, TASKPORT_ALLOW_PRIVATE_NETWORK: 'true' });
  const logger = createLogger(config.LOG_LEVEL);
  if ((await ensureConsoleBuilt()) === 'built') console.log('Built the web console into dist/console');
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
  let stopConnectWise: () => Promise<void> = async () => undefined;
  try {
    console.log(`Jira simulator: ${simulator.url} (${flags.issues} issues)\ntaskport API:   ${booted.api.url} (private network allowed, for the local simulator)`);
    console.log(`Web console:    ${booted.api.url}/console/${flags['keep-running'] ? '' : ' (add --keep-running to keep it up)'}\n`);
    const account = simulator.accounts[0]!;
    // A rerun keeps the connection (and its tasks) and points it at this run's simulator, so the
    // second sync shows idempotency: every issue already recorded is skipped.
    const existing = ((await call('GET', '/api/integrations')) as Array<{ id: string; name: string }>).find((c) => c.name === DEMO_CONNECTION);
    const credentials = { baseUrl: simulator.url, email: account.email, apiToken: account.apiToken };
    const connection =
      existing === undefined
        ? await call('POST', '/api/integrations', { type: 'jira', name: DEMO_CONNECTION, ...credentials })
        : await call('PATCH', `/api/integrations/${existing.id}`, credentials);
    console.log(`Connected organization ${DEMO_ORGANIZATION_ID} as connection ${connection.id}`);
    const test = await call('POST', `/api/integrations/${connection.id}/test`);
    console.log(`Test: ${test.connected ? 'connected' : 'NOT connected'}, ${test.message}`);
    const started = Date.now();
    const report = await call('POST', `/api/integrations/${connection.id}/sync-now`, { mode: 'full' });
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
    stopConnectWise = await connectWiseDemo(call, Math.min(Number(flags.issues), 200));
    if (flags['keep-running']) {
      console.log(`\nTry it yourself:\n  curl -s -H "Authorization: Bearer ${token}" "${booted.api.url}/api/external-tasks?limit=3"`);
      console.log('\nServers keep running; press Ctrl-C to stop.');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    await booted.shutdown();
    await simulator.close();
    await stopConnectWise();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(describeStartupFailure(error));
    process.exit(1);
  },
);
