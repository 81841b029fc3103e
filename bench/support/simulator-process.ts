import type { SimulatorInput, SimulatorReady } from '../programs/jira-simulator.js';
import { startChild } from './child.js';

export interface SimulatorProcess extends SimulatorReady {
  /** Edits every issue at once (POST /__admin/issues/touch) and answers how many. */
  readonly touchAll: () => Promise<number>;
  readonly stop: () => Promise<void>;
}

export const startSimulatorProcess = async (input: SimulatorInput): Promise<SimulatorProcess> => {
  const child = await startChild<SimulatorReady>('jira-simulator.ts', input);
  const touchAll = async () => {
    const response = await fetch(`${child.ready.url}/__admin/issues/touch`, { method: 'POST' });
    if (!response.ok) throw new Error(`the simulator answered ${response.status} to the bulk touch`);
    return ((await response.json()) as { touched: number }).touched;
  };
  return { ...child.ready, touchAll, stop: child.stop };
};
