/** The ServiceNow simulator in a process of its own, so its memory and CPU are not the sync's. */
import type { FaultSettings } from '../../apps/simulator/jira/faults.js';
import { startServiceNowSimulator } from '../../apps/simulator/servicenow/index.js';
import { childInput, reply } from '../support/child.js';

export interface ServiceNowSimulatorInput {
  readonly incidents: number;
  readonly latencyMs: number;
  /** A concurrency limit, a 429 storm: what the network-speed scenario models (none by default). */
  readonly faults?: Partial<Omit<FaultSettings, 'latencyMs'>>;
}

export interface ServiceNowSimulatorReady {
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

const input = childInput<ServiceNowSimulatorInput>();
// The request log keeps every request of a run, so the scenario can count them.
const simulator = await startServiceNowSimulator({ incidents: input.incidents, tasks: 0, faults: { ...input.faults, latencyMs: input.latencyMs }, requestLogSize: 100_000 });
const account = simulator.accounts[0]!;
process.once('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
process.once('disconnect', () => process.exit(0));
await reply<ServiceNowSimulatorReady>('ready', { url: simulator.url, username: account.userName, password: account.password });
