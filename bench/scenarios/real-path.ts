import type { RealPathInput, RealPathResult } from '../programs/real-path.js';
import type { BenchServer } from '../support/bench-database.js';
import { runChild } from '../support/child.js';
import { startSimulatorProcess } from '../support/simulator-process.js';
import type { SyncWiringOptions } from '../support/sync-wiring.js';

export interface RealPathOptions {
  readonly issues: number;
  readonly latencyMs: number;
  readonly firstOnly: boolean;
  readonly wiring: SyncWiringOptions;
}

/** The simulator and the sync each in a process of their own, on a fresh database. */
export const runRealPath = async (server: BenchServer, options: RealPathOptions): Promise<RealPathResult> => {
  const simulator = await startSimulatorProcess({ issues: options.issues, latencyMs: options.latencyMs });
  const database = await server.freshDatabase(`real_${options.issues}`);
  try {
    const { url, email, apiToken } = simulator;
    const input: RealPathInput = {
      databaseUrl: database.url,
      simulator: { url, email, apiToken },
      issues: options.issues,
      wiring: options.wiring,
      firstOnly: options.firstOnly,
    };
    return await runChild<RealPathResult>('real-path.ts', input);
  } finally {
    await database.drop();
    await simulator.stop();
  }
};
