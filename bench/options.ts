import { parseArgs } from 'node:util';

export interface BenchOptions {
  readonly quick: boolean;
  /** Issue counts of scenarios 1-4. */
  readonly sizes: ReadonlyArray<number>;
  /** Issues of the network-bound run (scenario 5) and its page latency. */
  readonly networkIssues: number;
  readonly latencyMs: number;
  /** Length of each webhook load run (scenario 6) and its concurrent connections. */
  readonly webhookSeconds: number;
  readonly webhookConnections: number;
  /** Jira page size (maxResults): Jira answers at most about 100 when fields are asked for. */
  readonly pageSize: number;
  /** Incidents of the ServiceNow first sync (scenario 7), and its page size (sysparm_limit). */
  readonly servicenowIssues: number;
  readonly servicenowPageSize: number;
  /** Scenario 8: issues of the first sync at network speed, and the requests the site serves at once. */
  readonly speedIssues: number;
  readonly speedMaxInFlight: number;
  /** Trackers of scenario 8 (Jira, ServiceNow, ConnectWise by default). */
  readonly speedProviders: ReadonlyArray<SpeedTracker>;
  /** Issue counts of the plot of wall time against N (`bench:speed` only); empty, no plot. */
  readonly plotSizes: ReadonlyArray<number>;
}

export const SPEED_TRACKERS = ['jira', 'servicenow', 'connectwise'] as const;
export type SpeedTracker = (typeof SPEED_TRACKERS)[number];

export const USAGE = `Usage: npm run bench -- [--quick] [--n 10000,100000] [--network-n 10000] [--latency 100]
                       [--webhook-seconds 10] [--connections 50] [--page-size 100]
                       [--servicenow-n 10000] [--servicenow-page-size 200]
                       [--speed-n 20000] [--speed-limit 8] [--speed-providers jira,servicenow,connectwise]
                       [--plot-n 2500,5000,10000,20000]

Runs every scenario of docs/performance.md in one run on one PostgreSQL (embedded in a temporary
directory, or DATABASE_URL's server), prints one table and writes it as JSON under bench/results/.
--quick: N = 5,000, network-bound runs of 2,000 issues (Jira and ServiceNow), a first sync at network
speed of 5,000 and 3 s webhook runs (about two minutes).
--plot-n (npm run bench:speed only): the first syncs of scenario 8 again at each N, written as an SVG
of wall time against N under bench/results/; --plot-n none skips it.`;

/** A flag's positive integer (underscores allowed, as in 100_000), or an error that shows `usage`. */
export const positive = (name: string, text: string, usage = USAGE): number => {
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got '${text}'\n\n${usage}`);
  return value;
};

const tracker = (name: string): SpeedTracker => {
  if (!(SPEED_TRACKERS as ReadonlyArray<string>).includes(name)) throw new Error(`--speed-providers takes ${SPEED_TRACKERS.join(', ')}; got '${name}'\n\n${USAGE}`);
  return name as SpeedTracker;
};

export const readOptions = (argv: ReadonlyArray<string>): BenchOptions | 'help' => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      n: { type: 'string' },
      'network-n': { type: 'string' },
      latency: { type: 'string', default: '100' },
      'webhook-seconds': { type: 'string' },
      connections: { type: 'string', default: '50' },
      'page-size': { type: 'string', default: '100' },
      'servicenow-n': { type: 'string' },
      'servicenow-page-size': { type: 'string', default: '200' },
      'speed-n': { type: 'string' },
      'speed-limit': { type: 'string', default: '8' },
      'speed-providers': { type: 'string', default: SPEED_TRACKERS.join(',') },
      'plot-n': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const quick = values.quick;
  return {
    quick,
    sizes: (values.n ?? (quick ? '5000' : '10000,100000')).split(',').map((n) => positive('n', n.trim())),
    networkIssues: positive('network-n', values['network-n'] ?? (quick ? '2000' : '10000')),
    latencyMs: positive('latency', values.latency),
    webhookSeconds: positive('webhook-seconds', values['webhook-seconds'] ?? (quick ? '3' : '10')),
    webhookConnections: positive('connections', values.connections),
    pageSize: positive('page-size', values['page-size']),
    servicenowIssues: positive('servicenow-n', values['servicenow-n'] ?? (quick ? '2000' : '10000')),
    servicenowPageSize: positive('servicenow-page-size', values['servicenow-page-size']),
    speedIssues: positive('speed-n', values['speed-n'] ?? (quick ? '5000' : '20000')),
    speedMaxInFlight: positive('speed-limit', values['speed-limit']),
    speedProviders: values['speed-providers'].split(',').map((name) => tracker(name.trim())),
    plotSizes: values['plot-n'] === 'none' ? [] : (values['plot-n'] ?? (quick ? '1000,2500,5000' : '2500,5000,10000,20000')).split(',').map((n) => positive('plot-n', n.trim())),
  };
};
