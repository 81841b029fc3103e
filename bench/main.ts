/** `npm run bench`: every scenario of docs/performance.md in one run. See bench/options.ts for flags. */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readOptions, USAGE, type BenchOptions } from './options.js';
import { resultsTable, targetChecks, targetsText } from './report.js';
import type { BenchResults, NetworkResults, SizeResults, WebhookResults } from './results-model.js';
import { runDirectWrites, runFetchOnly, type WriteVariantSpec } from './scenarios/ceilings.js';
import { runRealPath } from './scenarios/real-path.js';
import { runNetworkSpeed } from './scenarios/network-speed.js';
import { runProviderNetworkSpeed } from './scenarios/provider-network-speed.js';
import { runServiceNowFirstSync } from './scenarios/servicenow-first-sync.js';
import { runWebhookIngest } from './scenarios/webhook-ingest.js';
import { openBenchServer, type BenchServer } from './support/bench-database.js';
import { pageFaultCost, type PageFaultCost } from './support/page-fault-cost.js';

const RESULTS = path.resolve(import.meta.dirname, 'results');

const log = (message: string) => console.error(`[bench] ${message}`);

const writeVariants = (quick: boolean): ReadonlyArray<WriteVariantSpec> => [
  { kind: 'set-based', batch: 100, writers: 1 },
  ...(quick ? [] : [{ kind: 'set-based' as const, batch: 100, writers: 2 }, { kind: 'set-based' as const, batch: 500, writers: 1 }]),
  { kind: 'set-based', batch: 500, writers: 2 },
  { kind: 'naive' },
];

const measureSize = async (server: BenchServer, options: BenchOptions, issues: number): Promise<SizeResults> => {
  const jira = { pageSize: options.pageSize };
  log(`N=${issues}: fetch-only ceiling`);
  const fetchOnly = await runFetchOnly(issues, jira);
  log(`N=${issues}: write-only ceiling and naive baseline`);
  const writes = await runDirectWrites(server, issues, options.pageSize, writeVariants(options.quick));
  log(`N=${issues}: real path (first sync, identical resync, all changed)`);
  const real = await runRealPath(server, { issues, latencyMs: 0, firstOnly: false, wiring: { jira } });
  return { issues, fetchOnly, writeVariants: writes.slice(0, -1), naive: writes[writes.length - 1]!, real };
};

const measureNetwork = async (server: BenchServer, options: BenchOptions): Promise<NetworkResults> => {
  log(`network-bound: N=${options.networkIssues}, ${options.latencyMs} ms per page`);
  const real = await runRealPath(server, { issues: options.networkIssues, latencyMs: options.latencyMs, firstOnly: true, wiring: { jira: { pageSize: options.pageSize } } });
  return { issues: options.networkIssues, pages: Math.ceil(options.networkIssues / options.pageSize), latencyMs: options.latencyMs, first: real.first };
};

const machine = (server: BenchServer, faults: PageFaultCost): Record<string, string> => ({
  cpus: String(os.availableParallelism()),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  postgres: server.version,
  database: server.description,
  pageFault: `${faults.microsPerPage.toFixed(1)} us a page (${faults.pages} pages of fresh memory touched)`,
});

const main = async () => {
  const options = readOptions(process.argv.slice(2));
  if (options === 'help') return console.log(USAGE);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const faults = pageFaultCost();
  log(`a page fault costs ${faults.microsPerPage.toFixed(1)} us here (large allocations are mapped afresh each time)`);
  const server = await openBenchServer(log);
  let results: BenchResults;
  try {
    const sizes: SizeResults[] = [];
    for (const issues of options.sizes) sizes.push(await measureSize(server, options, issues));
    const network = await measureNetwork(server, options);
    log(`webhook ingest: ${options.webhookConnections} connections, ${options.webhookSeconds} s per endpoint`);
    const webhooks: WebhookResults = await runWebhookIngest(server, { seconds: options.webhookSeconds, connections: options.webhookConnections });
    log(`ServiceNow first sync: N=${options.servicenowIssues}, pages of ${options.servicenowPageSize}, then ${options.latencyMs} ms per request`);
    const servicenow = await runServiceNowFirstSync(server, { issues: options.servicenowIssues, latencyMs: options.latencyMs, pageSize: options.servicenowPageSize });
    const speedOptions = { issues: options.speedIssues, latencyMs: options.latencyMs, maxInFlight: options.speedMaxInFlight, stormEvery: 5 };
    const speed = await runNetworkSpeed(server, speedOptions, log);
    const providerSpeeds = [];
    for (const provider of options.speedProviders) if (provider !== 'jira') providerSpeeds.push(await runProviderNetworkSpeed(server, provider, speedOptions, log));
    results = { startedAt, quick: options.quick, machine: machine(server, faults), pageSize: options.pageSize, sizes, network, webhooks, servicenow, speed, providerSpeeds, totalSeconds: 0 };
  } finally {
    await server.stop();
  }
  results = { ...results, totalSeconds: (performance.now() - started) / 1000 };
  const checks = targetChecks(results);
  console.log(`\n${resultsTable(results)}\n\nTargets:\n${targetsText(checks)}\n`);
  console.log(Object.entries(results.machine).map(([k, v]) => `${k}: ${v}`).join('; '));
  console.log(`total ${results.totalSeconds.toFixed(0)} s`);
  await mkdir(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `bench-${startedAt.replace(/[:.]/g, '-')}${options.quick ? '-quick' : ''}.json`);
  await writeFile(file, `${JSON.stringify({ ...results, targets: checks }, null, 2)}\n`);
  console.log(`results: ${path.relative(process.cwd(), file)}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
