/** The Jira simulator in a process of its own, so its memory and CPU are not the sync's. */
import { SEARCH_FIELDS } from '../../adapters/providers/jira/requests.js';
import { startJiraSimulator, type FaultSettings } from '../../apps/simulator/jira/index.js';
import { childInput, reply } from '../support/child.js';

export interface SimulatorInput {
  readonly issues: number;
  readonly latencyMs: number;
  /** A concurrency limit, a 429 storm: what the network-speed scenario models (none by default). */
  readonly faults?: Partial<Omit<FaultSettings, 'latencyMs'>>;
  /** Renders every issue as the sync will ask for it before saying it is ready (a real site renders on its own servers). */
  readonly warmRenders?: boolean;
}

export interface SimulatorReady {
  readonly url: string;
  readonly email: string;
  readonly apiToken: string;
}

const input = childInput<SimulatorInput>();
const simulator = await startJiraSimulator({ issues: input.issues, faults: { ...input.faults, latencyMs: input.latencyMs }, requestLogSize: 10 });
const account = simulator.accounts[0]!;
if (input.warmRenders === true) simulator.warmRenders(account, SEARCH_FIELDS);
const served = process.cpuUsage();
// BENCH_SIMULATOR_CPU=1: the CPU it spent serving (from ready to stopped), on standard error.
const reportCpu = () => {
  const { user, system } = process.cpuUsage(served);
  if (process.env.BENCH_SIMULATOR_CPU === '1') console.error(`jira simulator: ${((user + system) / 1e6).toFixed(2)} s of CPU serving`);
};
process.once('SIGTERM', () => void simulator.close().then(() => (reportCpu(), process.exit(0))));
// A bench that died leaves no server behind: the IPC channel closes with it.
process.once('disconnect', () => process.exit(0));
await reply<SimulatorReady>('ready', { url: simulator.url, email: account.email, apiToken: account.apiToken });
