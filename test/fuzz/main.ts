/**
 * `npm run fuzz -- --requests 10000 --seed 1 --concurrency 4`: seeded random requests over every
 * route of the real API (embedded PostgreSQL, Jira simulator); prints how many answers had each
 * status and every 5xx (or unanswered request) with its index, to replay with the same seed.
 * Exits 1 if there was any.
 */
import { parseArgs } from 'node:util';
import { stopTestDatabase } from '../support/test-database.js';
import { startFuzzTarget } from './fuzz-target.js';
import { runFuzz } from './request-fuzzer.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '4' },
    from: { type: 'string', default: '0' },
  },
});

const main = async () => {
  const [count, seed, concurrency, from] = [values.requests, values.seed, values.concurrency, values.from].map(Number) as [number, number, number, number];
  const api = await startFuzzTarget();
  const started = performance.now();
  try {
    const report = await runFuzz(api.url, api.target, { seed, count, concurrency, from });
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n${count} fuzzed requests (seed ${seed}, from #${from}, ${concurrency} at a time) in ${seconds.toFixed(1)} s\n`);
    console.log('status  answers');
    for (const [status, n] of Object.entries(report.counts).sort(([a], [b]) => Number(a) - Number(b))) console.log(`${status.padEnd(6)}  ${n}`);
    const fives = Object.entries(report.counts).filter(([s]) => Number(s) >= 500 || Number(s) === 0).reduce((sum, [, n]) => sum + n, 0);
    console.log(`\n5xx or unanswered: ${fives}`);
    for (const failure of report.failures.slice(0, 20)) {
      console.log(`  #${failure.request.index} ${failure.request.method} ${failure.request.path.slice(0, 160)} -> ${failure.status} ${failure.answer.slice(0, 300)}`);
    }
    process.exitCode = fives === 0 ? 0 : 1;
  } finally {
    await api.close();
    await stopTestDatabase();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
