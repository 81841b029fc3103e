/**
 * `npm run bench:write-side`: the write side of a first sync alone (bench/programs/write-side.ts),
 * several rounds, each in a process of its own on a fresh database: the node CPU an issue that the
 * sync spends beyond the fetch, the part of scenario 1's CPU target a change to the write path can
 * move. One round says little on a shared machine (the same code spread 36-55 us an issue here):
 * compare medians of several rounds, and alternate the checkouts being compared.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { formatTable } from '../apps/cli/table.js';
import { positive } from './options.js';
import type { WriteSideInput } from './programs/write-side.js';
import { openBenchServer } from './support/bench-database.js';
import { runChild } from './support/child.js';
import { pageFaultCost } from './support/page-fault-cost.js';
import type { PhaseResult } from './support/phase.js';
import { startSimulatorProcess } from './support/simulator-process.js';

const USAGE = `Usage: npm run bench:write-side -- [--n 20000] [--rounds 5] [--page-size 100]`;

const log = (message: string) => console.error(`[bench] ${message}`);

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const main = async () => {
  const { values } = parseArgs({
    options: { n: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' }, 'page-size': { type: 'string', default: '100' }, help: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.help) return console.log(USAGE);
  const [issues, rounds, pageSize] = [positive('n', values.n, USAGE), positive('rounds', values.rounds, USAGE), positive('page-size', values['page-size'], USAGE)];
  const faults = pageFaultCost();
  const server = await openBenchServer(log);
  const simulator = await startSimulatorProcess({ issues, latencyMs: 0 });
  const results: PhaseResult[] = [];
  try {
    for (let round = 1; round <= rounds; round += 1) {
      log(`round ${round} of ${rounds}: ${issues} issues written from memory`);
      const database = await server.freshDatabase(`write_side_${round}`);
      try {
        const { url, email, apiToken } = simulator;
        results.push(await runChild<PhaseResult>('write-side.ts', { databaseUrl: database.url, simulator: { url, email, apiToken }, issues, pageSize } satisfies WriteSideInput));
      } finally {
        await database.drop();
      }
    }
  } finally {
    await simulator.stop();
    await server.stop();
  }
  const microsPerIssue = results.map((phase) => (phase.cpuMs * 1000) / issues);
  const rows = results.map((phase, i) => [String(i + 1), (phase.wallMs / 1000).toFixed(2), (phase.cpuMs / 1000).toFixed(2), microsPerIssue[i]!.toFixed(1), phase.peakRssMiB.toFixed(0)]);
  console.log(`\n${formatTable(['round', 'wall s', 'node CPU s', 'CPU us an issue', 'peak RSS MiB'], rows)}\n`);
  console.log(`median ${median(microsPerIssue).toFixed(1)} us an issue over ${rounds} rounds of ${issues}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}; a page fault cost ${faults.microsPerPage.toFixed(1)} us`);
  console.log(JSON.stringify({ issues, pageSize, rounds: results }));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
