import { DEFAULT_ID_SYNC } from '../../core/index.js';
import type { FetchByIdsInput } from '../programs/fetch-by-ids.js';
import type { FetchOnlyInput } from '../programs/fetch-only.js';
import type { PhaseResult } from '../support/phase.js';
import { runChild } from '../support/child.js';
import { startSimulatorProcess } from '../support/simulator-process.js';
import type { NetworkSpeedResults, NetworkSpeedRun } from '../results-model.js';
import type { BenchServer } from '../support/bench-database.js';
import type { SyncWiringOptions } from '../support/sync-wiring.js';
import { runRealPath, siteLoadOf, type SiteLoad } from './real-path.js';

export interface NetworkSpeedOptions {
  readonly issues: number;
  readonly latencyMs: number;
  /** Requests the simulated site serves at once; one more is answered 429 with Retry-After. */
  readonly maxInFlight: number;
  /** The storm: every Nth request the site admits is refused with a 429 as well. */
  readonly stormEvery: number;
}

/** Jira answers about 100 issues a page when fields are asked for: the page of the sequential floor. */
const FLOOR_PAGE = 100;
/** Nango's Jira template pages 50 at a time, one page after the other. */
export const NANGO_PAGE = 50;

/** taskport's wiring of a first sync: by ids, batches side by side (as the worker runs it). */
export const JIRA_BY_IDS: SyncWiringOptions = { jira: { pageSize: FLOOR_PAGE }, idSync: DEFAULT_ID_SYNC };
export const JIRA_NANGO_STYLE: SyncWiringOptions = { jira: { pageSize: NANGO_PAGE } };

/** Pages of 100, one after the other, each taking the latency. */
export const sequentialFloorMs = (issues: number, latencyMs: number): number => Math.ceil(issues / FLOOR_PAGE) * latencyMs;

/** One Jira first sync on a fresh simulator and database: what it took, what the site saw, what was stored. */
export const runJiraFirstSync = async (server: BenchServer, options: NetworkSpeedOptions, wiring: SyncWiringOptions, storm: boolean): Promise<NetworkSpeedRun> => {
  const faults = { maxInFlight: options.maxInFlight, ...(storm ? { rateLimitEvery: options.stormEvery } : {}) };
  const result = await runRealPath(server, { issues: options.issues, latencyMs: options.latencyMs, firstOnly: true, wiring, faults, warmRenders: true });
  return { first: result.first, site: result.site, stored: result.stored ?? { rows: 0, items: 0 } };
};

/**
 * Scenario 8: the first sync of a site at a realistic latency that allows `maxInFlight` requests at
 * once. taskport reads by ids (the worker's wiring), then the same with a 429 storm, then a
 * Nango-style connector on the same write path: pages of 50, one after the other. Each run gets a
 * fresh simulator process, its issues rendered before the run (a real site renders on servers of its
 * own, not on the sync's cores), and a fresh database; the floor is the sequential one, pages of 100 x latency.
 */
export const runNetworkSpeed = async (server: BenchServer, options: NetworkSpeedOptions, log: (message: string) => void): Promise<NetworkSpeedResults> => {
  const run = async (what: string, wiring: SyncWiringOptions, storm: boolean): Promise<NetworkSpeedRun> => {
    log(`first sync at network speed: ${what}`);
    return runJiraFirstSync(server, options, wiring, storm);
  };
  /** The network alone, nothing written: what the write path takes on a busy machine is not in it. */
  const fetchOnly = async (what: string, program: 'fetch-by-ids.ts' | 'fetch-only.ts'): Promise<{ readonly phase: PhaseResult; readonly site: SiteLoad }> => {
    log(`first sync at network speed: ${what}, nothing written`);
    const simulator = await startSimulatorProcess({ issues: options.issues, latencyMs: options.latencyMs, faults: { maxInFlight: options.maxInFlight }, warmRenders: true });
    try {
      const { url, email, apiToken } = simulator;
      const input: FetchByIdsInput | FetchOnlyInput =
        program === 'fetch-by-ids.ts' ? { simulator: { url, email, apiToken }, issues: options.issues } : { simulator: { url, email, apiToken }, issues: options.issues, jira: { pageSize: FLOOR_PAGE } };
      const phase = await runChild<PhaseResult>(program, input);
      return { phase, site: await siteLoadOf(url) };
    } finally {
      await simulator.stop();
    }
  };
  const byIds = JIRA_BY_IDS;
  return {
    fetchByIds: await fetchOnly('the adapter by ids', 'fetch-by-ids.ts'),
    fetchPages: await fetchOnly('the adapter, pages of 100 one after the other', 'fetch-only.ts'),
    issues: options.issues,
    latencyMs: options.latencyMs,
    maxInFlight: options.maxInFlight,
    stormEvery: options.stormEvery,
    floorMs: sequentialFloorMs(options.issues, options.latencyMs),
    taskport: await run('taskport, by ids', byIds, false),
    storm: await run(`taskport, by ids, one request in ${options.stormEvery} refused`, byIds, true),
    nango: await run(`Nango-style, pages of ${NANGO_PAGE} one after the other`, JIRA_NANGO_STYLE, false),
  };
};
