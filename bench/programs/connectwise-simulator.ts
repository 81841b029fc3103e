/** The ConnectWise simulator in a process of its own, so its memory and CPU are not the sync's. */
import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator } from '../../apps/simulator/connectwise/index.js';
import type { FaultSettings } from '../../apps/simulator/jira/faults.js';
import { childInput, reply } from '../support/child.js';

export interface ConnectWiseSimulatorInput {
  /** Service tickets; no project tickets, so every ticket is in the one board list a connection reads. */
  readonly tickets: number;
  readonly latencyMs: number;
  /** A concurrency limit, a 429 storm (none by default). */
  readonly faults?: Partial<Omit<FaultSettings, 'latencyMs'>>;
}

export interface ConnectWiseSimulatorReady {
  readonly url: string;
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly clientId: string;
}

const input = childInput<ConnectWiseSimulatorInput>();
const simulator = await startConnectWiseSimulator({ serviceTickets: input.tickets, projectTickets: 0, faults: { ...input.faults, latencyMs: input.latencyMs } });
process.once('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
process.once('disconnect', () => process.exit(0));
const { companyId, publicKey, privateKey, clientId } = CONNECTWISE_SIM_MEMBER;
await reply<ConnectWiseSimulatorReady>('ready', { url: simulator.url, companyId, publicKey, privateKey, clientId });
