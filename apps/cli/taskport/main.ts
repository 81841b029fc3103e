/**
 * `npx taskport ...`: the operator CLI. `connections`, `sync`, `runs` and `tasks` talk to a running
 * API (`--api`/TASKPORT_API_URL with `--token`/TASKPORT_API_TOKEN: the organization is the token's);
 * `migrate`, `worker` and `keys rotate` work on the database directly (DATABASE_URL, or the
 * embedded one under TASKPORT_DATA_DIR). README "The operator CLI" has the whole list.
 */
import * as t from 'io-ts';
import { Command, InvalidArgumentError, Option } from 'commander';
import { apiClient, CliFailure, type ApiClient } from './api-client.js';
import { ConnectionTest, ConnectionView, RunView, TaskView } from './api-views.js';
import { connectionDetails, connectionsTable, runsTable, tasksTable } from './output.js';
import { syncCommand } from './sync-command.js';

/** Set by `worker`, which runs until a signal; every other command exits when done (no idle socket keeps it). */
let keepRunning = false;

const print = (line: string) => void process.stdout.write(`${line}\n`);

const positiveInt = (max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`must be a whole number from 1 to ${max}`);
  return n;
};

interface GlobalOptions {
  readonly api?: string;
  readonly token?: string;
  readonly json?: boolean;
}

const program = new Command('taskport')
  .description('Operate taskport: connections, syncs, runs and tasks through a running API; migrations, a worker and key rotation on the database')
  .addOption(new Option('--api <url>', 'the taskport API to talk to').env('TASKPORT_API_URL'))
  .addOption(new Option('--token <jwt>', "a bearer token of the API (the organization is the token's)").env('TASKPORT_API_TOKEN'))
  .option('--json', 'print the API answers as JSON instead of tables')
  .showHelpAfterError()
  .exitOverride();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();

/** The API the global options name; both are needed. */
const api = (): ApiClient => {
  const { api: url, token } = globals();
  if (url === undefined || token === undefined) throw new CliFailure('This command talks to a running taskport API: give --api <url> (or TASKPORT_API_URL) and --token <jwt> (or TASKPORT_API_TOKEN)', 2);
  return apiClient({ url, token });
};

const show = <A>(value: A, asText: (value: A) => string) => print(globals().json === true ? JSON.stringify(value, null, 2) : asText(value));

const connectionPath = (id: string) => `api/integrations/${encodeURIComponent(id)}`;

const connections = program.command('connections').description("the organization's connections (API)");
connections
  .command('list')
  .description('every connection with its last sync')
  .action(async () => show(await api().call(t.array(ConnectionView), 'GET', 'api/integrations'), connectionsTable));
connections
  .command('show <connection>')
  .description('one connection: settings, schedule, webhooks, last sync (never a secret)')
  .action(async (id: string) => show((await api().call(ConnectionView, 'GET', connectionPath(id))) as ConnectionView & Record<string, unknown>, connectionDetails));
connections
  .command('test <connection>')
  .description('asks the tracker whether the credentials work (exit 1 when they do not)')
  .action(async (id: string) => {
    const tested = await api().call(ConnectionTest, 'POST', `${connectionPath(id)}/test`);
    show(tested, (r) => `${r.connected ? 'Connected' : 'Not connected'}: ${r.message}`);
    if (!tested.connected) process.exitCode = 1;
  });

program
  .command('sync <connection>')
  .description('queues a sync of the connection (API); --follow shows its progress and exits with its outcome')
  .option('--full', 'read everything again, then sweep (instead of what changed since the last sync)')
  .option('--follow', 'wait for the run, with a progress bar, and exit 1 unless it succeeds')
  .action(async (id: string, options: { full?: boolean; follow?: boolean }) => syncCommand(api(), id, options, print));

program
  .command('runs <connection>')
  .description("the connection's latest sync runs, newest first (API)")
  .option('--limit <n>', 'how many (at most 50)', positiveInt(50), 20)
  .action(async (id: string, options: { limit: number }) => show(await api().call(t.array(RunView), 'GET', `${connectionPath(id)}/sync-runs?limit=${options.limit}`), runsTable));

program
  .command('tasks <connection>')
  .description("the connection's tasks (API)")
  .option('--status <status>', 'only this unified status (backlog, todo, in_progress, done, cancelled)')
  .option('--limit <n>', 'how many', positiveInt(200), 50)
  .option('--cursor <cursor>', 'the page after this cursor (printed after a full page)')
  .action(async (id: string, options: { status?: string; limit: number; cursor?: string }) => {
    const query = new URLSearchParams({ connectionId: id, limit: String(options.limit), ...(options.status === undefined ? {} : { status: options.status }), ...(options.cursor === undefined ? {} : { cursor: options.cursor }) });
    const page = await api().page(t.array(TaskView), `api/external-tasks?${query.toString()}`);
    show(page.data, tasksTable);
    if (page.nextCursor !== null && globals().json !== true) print(`\nMore: taskport tasks ${id} --cursor ${page.nextCursor}`);
  });

program
  .command('migrate')
  .description("applies the pending migrations, taskport's and the job queue's (database: DATABASE_URL or the embedded one)")
  // The database commands load the database adapters only when they run: the API commands start fast.
  .action(async () => void (process.exitCode = await (await import('../run-migrate.js')).runMigrate()));

program
  .command('worker')
  .description('runs a worker until SIGINT or SIGTERM: sync jobs, the schedule, sweeps, retention (database, same settings as npm start)')
  .action(async () => {
    keepRunning = true;
    await (await import('../../worker/run-worker.js')).runWorker();
  });

program
  .command('keys')
  .description('the encryption keys of stored secrets (database)')
  .command('rotate')
  .description('re-encrypts every stored secret still under a previous key with TASKPORT_ENCRYPTION_KEY, in batches, while the service runs; then the previous keys can go')
  .option('--batch-size <n>', 'rows read per batch', positiveInt(10_000), 100)
  .option('--organization <id>', "only this organization's secrets (the previous keys stay needed for the others)")
  .action(async (options: { batchSize: number; organization?: string }) => (await import('./keys-rotate.js')).keysRotateCommand(options, print));

const failed = async (error: unknown): Promise<number> => {
  if (error instanceof CliFailure) {
    console.error(error.message);
    return error.exitCode;
  }
  // commander's own exits (help, version, a wrong argument) already printed their message.
  if (typeof error === 'object' && error !== null && 'exitCode' in error && typeof error.exitCode === 'number' && 'code' in error) return error.exitCode;
  // A database command's failure (unreachable, wrong password...), said in one line like the API's start.
  console.error((await import('../../api/startup-failure.js')).describeStartupFailure(error));
  return 1;
};

program.parseAsync(process.argv).then(
  () => (keepRunning ? undefined : process.exit(process.exitCode ?? 0)),
  async (error: unknown) => process.exit(await failed(error)),
);
