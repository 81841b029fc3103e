/**
 * `npm run demo`: taskport end to end on one machine. Starts the Jira, ServiceNow and ConnectWise
 * simulators and the API (with the embedded PostgreSQL and a worker), connects the demo organization
 * to each simulator, tests the connections, syncs, and prints the reports and the first tasks; then
 * switches Jira polling on, edits an issue in the simulator and shows the worker's scheduled sync
 * picking it up, and creates a task through the write API, which the worker writes to Jira.
 * `--keep-running` leaves the servers up.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { bootApi } from '../api/bootstrap.js';
import { ConfigError, readEnv } from '../api/config.js';
import { DEMO_ORGANIZATION_ID, developmentToken } from '../api/dev-token.js';
import { describeStartupFailure } from '../api/startup-failure.js';
import { startJiraSimulator } from '../simulator/jira/index.js';
import { startServiceNowSimulator } from '../simulator/servicenow/index.js';
import { ensureConsoleBuilt } from './console-build.js';
import { demoConnection } from './demo-connection.js';
import { connectWiseDemo, startDemoConnectWise } from './demo-connectwise.js';
import { DEMO_PORTS, onDemoPort } from './demo-ports.js';
import { DEMO_SYNC_INTERVAL_SECONDS, showScheduledSync } from './demo-schedule.js';
import { showWriteRoundTrip } from './demo-write.js';

const { values: flags } = parseArgs({
  options: {
    issues: { type: 'string', default: '500' },
    incidents: { type: 'string', default: '200' },
    'keep-running': { type: 'boolean', default: false },
    'simulator-port': { type: 'string', default: '0' },
    'servicenow-port': { type: 'string', default: String(DEMO_PORTS.servicenow) },
    'connectwise-port': { type: 'string', default: String(DEMO_PORTS.connectwise) },
  },
});

const main = async () => {
  // The simulators listen on loopback, which taskport refuses unless private networks are allowed;
  // the API too listens on loopback only, unless HOST says otherwise. The demo shows a scheduled
  // sync within seconds: it lowers the interval floor and ticks every second.
  const config = readEnv({
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    TASKPORT_MIN_SYNC_INTERVAL_SECONDS: String(DEMO_SYNC_INTERVAL_SECONDS),
    TASKPORT_SCHEDULER_TICK_SECONDS: '1',
    TASKPORT_JOB_POLL_SECONDS: '1',
    TASKPORT_RUN_LEASE_SECONDS: '10',
    ...process.env,
    TASKPORT_ALLOW_PRIVATE_NETWORK: 'true',
  });
  const logger = createLogger(config.LOG_LEVEL);
  if ((await ensureConsoleBuilt()) === 'built') console.log('Built the web console into dist/console');
  const simulator = await startJiraSimulator({ issues: Number(flags.issues), port: Number(flags['simulator-port']) });
  const servicenow = await onDemoPort('ServiceNow', 'servicenow-port', Number(flags['servicenow-port']), (port) =>
    startServiceNowSimulator({ incidents: Number(flags.incidents), tasks: 50, port }),
  );
  const connectwise = await startDemoConnectWise(Math.min(Number(flags.issues), 200), Number(flags['connectwise-port']));
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
    console.log(`Jira simulator:       ${simulator.url} (${flags.issues} issues)`);
    console.log(`ServiceNow simulator: ${servicenow.url} (${flags.incidents} incidents, 50 catalog tasks)`);
    console.log(`taskport API:         ${booted.api.url} (private network allowed, for the local simulators)`);
    console.log(`Web console:          ${booted.api.url}/console/${flags['keep-running'] ? '' : ' (add --keep-running to keep it up)'}\n`);
    const account = simulator.accounts[0]!;
    const jira = await demoConnection(call, { name: 'Demo Jira (simulator)', body: { type: 'jira', baseUrl: simulator.url, email: account.email, apiToken: account.apiToken } }, DEMO_ORGANIZATION_ID);
    polled = jira;
    await showScheduledSync(call, simulator, jira);
    await showWriteRoundTrip(call, simulator, jira);
    console.log('');
    const integration = servicenow.accounts[0]!;
    await demoConnection(
      call,
      {
        name: 'Demo ServiceNow (simulator)',
        body: { type: 'servicenow', baseUrl: servicenow.url, username: integration.userName, password: integration.password, tables: ['incident', 'sc_task'] },
      },
      DEMO_ORGANIZATION_ID,
    );
    await connectWiseDemo(call, connectwise);
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
    await servicenow.close();
    await connectwise.close();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(describeStartupFailure(error));
    process.exit(1);
  },
);
