/** The Jira simulator in a process of its own, so its memory and CPU are not the sync's. */
import { startJiraSimulator, type FaultSettings } from '../../apps/simulator/jira/index.js';
import { childInput, reply } from '../support/child.js';

export interface SimulatorInput {
  readonly issues: number;
  readonly latencyMs: number;
  /** A concurrency limit, a 429 storm: what the network-speed scenario models (none by default). */
  readonly faults?: Partial<Omit<FaultSettings, 'latencyMs'>>;
}

export interface SimulatorReady {
  readonly url: string;
  readonly email: string;
  readonly apiToken: string;
}

const input = childInput<SimulatorInput>();
const simulator = await startJiraSimulator({ issues: input.issues, faults: { ...input.faults, latencyMs: input.latencyMs }, requestLogSize: 10 });
const account = simulator.accounts[0]!;
process.once('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
// A bench that died leaves no server behind: the IPC channel closes with it.
process.once('disconnect', () => process.exit(0));
await reply<SimulatorReady>('ready', { url: simulator.url, email: account.email, apiToken: account.apiToken });
