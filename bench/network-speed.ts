/**
 * `npm run bench:speed`: scenario 8 alone (the first sync at network speed, its 429 storm and the
 * sequential connectors) for Jira, ServiceNow and ConnectWise, for a machine too busy for the whole
 * bench; then the plot of wall time against N (--plot-n). Same flags as `npm run bench` (--speed-n,
 * --speed-limit, --latency, --speed-providers).
 */
import os from 'node:os';
import path from 'node:path';
import { formatTable } from '../apps/cli/table.js';
import { readOptions, USAGE } from './options.js';
import { plotWallTimes, scenarioRuns, writePlot } from './plot/speed-plot.js';
import { HEADERS } from './report-format.js';
import { providerSpeedRows, providerSpeedTargets, speedRows, speedTargets } from './report-speed.js';
import { targetsText } from './report.js';
import type { ProviderSpeedResults } from './results-model.js';
import { runNetworkSpeed } from './scenarios/network-speed.js';
import { runProviderNetworkSpeed } from './scenarios/provider-network-speed.js';
import { openBenchServer } from './support/bench-database.js';
import { pageFaultCost } from './support/page-fault-cost.js';

const RESULTS = path.resolve(import.meta.dirname, 'results');

const log = (message: string) => console.error(`[bench] ${message}`);

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');

const main = async () => {
  const options = readOptions(process.argv.slice(2));
  if (options === 'help') return console.log(USAGE);
  const startedAt = new Date().toISOString();
  const loadAtStart = loadAverage();
  const faults = pageFaultCost();
  const server = await openBenchServer(log);
  try {
    const speedOptions = { issues: options.speedIssues, latencyMs: options.latencyMs, maxInFlight: options.speedMaxInFlight, stormEvery: 5 };
    const jira = options.speedProviders.includes('jira') ? await runNetworkSpeed(server, speedOptions, log) : null;
    const providers: ProviderSpeedResults[] = [];
    for (const provider of options.speedProviders) if (provider !== 'jira') providers.push(await runProviderNetworkSpeed(server, provider, speedOptions, log));
    const rows = [...(jira === null ? [] : speedRows(jira)), ...providers.flatMap(providerSpeedRows)];
    const targets = [...(jira === null ? [] : speedTargets(jira)), ...providers.flatMap(providerSpeedTargets)];
    console.log(`\n${formatTable(HEADERS, rows)}\n\nTargets:\n${targetsText(targets)}\n`);
    console.log(`load average ${loadAtStart} at the start, ${loadAverage()} after scenario 8 (${os.availableParallelism()} cores); a page fault cost ${faults.microsPerPage.toFixed(1)} us`);
    console.log(JSON.stringify({ jira, providers }));
    if (options.plotSizes.length > 0) {
      const panels = await plotWallTimes(server, options.speedProviders, options.plotSizes, speedOptions, scenarioRuns(jira, providers), log);
      const caption = `First sync at ${options.latencyMs} ms a request, ${options.speedMaxInFlight} at once; ${startedAt.slice(0, 16)}Z, load average ${loadAverage()} (${os.availableParallelism()} cores)`;
      console.log(`plot: ${path.relative(process.cwd(), await writePlot(RESULTS, startedAt, panels, caption))}`);
      console.log(JSON.stringify({ plot: panels }));
    }
  } finally {
    await server.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
