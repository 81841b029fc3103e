import type { SimulatorInput } from '../programs/jira-simulator.js';
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
  /** The site's concurrency limit and 429 storm, if any. */
  readonly faults?: SimulatorInput['faults'];
  readonly warmRenders?: boolean;
}

/** What the simulator saw: requests answered (429s included), refusals, the most served at once. */
export interface SiteLoad {
  readonly requests: number;
  readonly refused: number;
  readonly refusedOverLimit: number;
  readonly peakInFlight: number;
}

export const siteLoadOf = async (url: string): Promise<SiteLoad> => {
  const load = (await (await fetch(`${url}/__admin/load`)).json()) as { peakInFlight: number; refusedOverLimit: number };
  const requests = (await (await fetch(`${url}/__admin/requests/counts`)).json()) as { total: number; refused: number };
  return { requests: requests.total, refused: requests.refused, refusedOverLimit: load.refusedOverLimit, peakInFlight: load.peakInFlight };
};

/** The simulator and the sync each in a process of their own, on a fresh database. */
export const runRealPath = async (server: BenchServer, options: RealPathOptions): Promise<RealPathResult & { readonly site: SiteLoad }> => {
  const simulator = await startSimulatorProcess({
    issues: options.issues,
    latencyMs: options.latencyMs,
    warmRenders: options.warmRenders === true,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  });
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
    const result = await runChild<RealPathResult>('real-path.ts', input);
    return { ...result, site: await siteLoadOf(simulator.url) };
  } finally {
    await database.drop();
    await simulator.stop();
  }
};
