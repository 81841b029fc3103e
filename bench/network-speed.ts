/**
 * `npm run bench:speed`: scenario 8 alone (the first sync at network speed, its 429 storm and the
 * Nango-style sync), for a machine too busy for the whole bench. Same flags as `npm run bench`
 * (--speed-n, --speed-limit, --latency).
 */
import { formatTable } from '../apps/cli/table.js';
import { readOptions, USAGE } from './options.js';
import { HEADERS, speedRows, speedTargets, targetsText } from './report.js';
import { runNetworkSpeed } from './scenarios/network-speed.js';
import { openBenchServer } from './support/bench-database.js';

const log = (message: string) => console.error(`[bench] ${message}`);

const main = async () => {
  const options = readOptions(process.argv.slice(2));
  if (options === 'help') return console.log(USAGE);
  const server = await openBenchServer(log);
  try {
    const speed = await runNetworkSpeed(server, { issues: options.speedIssues, latencyMs: options.latencyMs, maxInFlight: options.speedMaxInFlight, stormEvery: 5 }, log);
    console.log(`\n${formatTable(HEADERS, speedRows(speed))}\n\nTargets:\n${targetsText(speedTargets(speed))}\n`);
    console.log(JSON.stringify(speed));
  } finally {
    await server.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
