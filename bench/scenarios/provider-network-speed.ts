import { DEFAULT_ID_SYNC } from '../../core/index.js';
import type { ConnectWiseSimulatorInput, ConnectWiseSimulatorReady } from '../programs/connectwise-simulator.js';
import type { ProviderFirstSyncInput, ProviderFirstSyncResult, ProviderSimulator } from '../programs/provider-first-sync.js';
import type { ServiceNowSimulatorInput, ServiceNowSimulatorReady } from '../programs/servicenow-simulator.js';
import type { NetworkSpeedRun, ProviderSpeedResults, SpeedProvider } from '../results-model.js';
import type { BenchServer } from '../support/bench-database.js';
import { runChild, startChild } from '../support/child.js';
import { sequentialFloorMs, type NetworkSpeedOptions } from './network-speed.js';
import { siteLoadOf } from './real-path.js';

/**
 * The sequential connector of each provider, on taskport's own write path (its search, page after
 * page). ServiceNow: offset pages of 100 (`sysparm_limit=100`, `sysparm_offset`), the page of the
 * floor itself, so the run shows what the floor costs once lookups and writes are added. ConnectWise:
 * `page=N` pages of 1,000 (`pageSize`'s maximum), as a connector that knows the API reads it.
 */
export const SEQUENTIAL_PAGE: Readonly<Record<SpeedProvider, number>> = { servicenow: 100, connectwise: 1000 };

type Faults = NonNullable<ServiceNowSimulatorInput['faults']>;

const startSimulator = async (provider: SpeedProvider, issues: number, latencyMs: number, faults: Faults) => {
  if (provider === 'servicenow') {
    const child = await startChild<ServiceNowSimulatorReady>('servicenow-simulator.ts', { incidents: issues, latencyMs, faults } satisfies ServiceNowSimulatorInput);
    return { simulator: { provider, ready: child.ready } satisfies ProviderSimulator, stop: child.stop };
  }
  const child = await startChild<ConnectWiseSimulatorReady>('connectwise-simulator.ts', { tickets: issues, latencyMs, faults } satisfies ConnectWiseSimulatorInput);
  return { simulator: { provider, ready: child.ready } satisfies ProviderSimulator, stop: child.stop };
};

/** One first sync against a fresh simulator process and database: what it took, what the site saw, what was stored. */
export const runProviderFirstSync = async (server: BenchServer, provider: SpeedProvider, options: NetworkSpeedOptions, read: Pick<ProviderFirstSyncInput, 'idSync' | 'pageSize'>, storm: boolean): Promise<NetworkSpeedRun> => {
  const faults = { maxInFlight: options.maxInFlight, ...(storm ? { rateLimitEvery: options.stormEvery } : {}) };
  const { simulator, stop } = await startSimulator(provider, options.issues, options.latencyMs, faults);
  const database = await server.freshDatabase(`${provider}_speed_${options.issues}`);
  try {
    const input: ProviderFirstSyncInput = { databaseUrl: database.url, simulator, issues: options.issues, ...read };
    const result = await runChild<ProviderFirstSyncResult>('provider-first-sync.ts', input);
    return { ...result, site: await siteLoadOf(simulator.ready.url) };
  } finally {
    await database.drop();
    await stop();
  }
};

/**
 * Scenario 8 for ServiceNow or ConnectWise: the first sync by ids (as the worker runs it), the same
 * in a 429 storm, and the provider's sequential connector, each on a fresh simulator and database.
 * The floor is the issue's: pages of 100, one after the other, each taking the latency.
 */
export const PROVIDER_BY_IDS = { idSync: DEFAULT_ID_SYNC } as const;

export const runProviderNetworkSpeed = async (server: BenchServer, provider: SpeedProvider, options: NetworkSpeedOptions, log: (message: string) => void): Promise<ProviderSpeedResults> => {
  const byIds = PROVIDER_BY_IDS;
  log(`${provider} first sync at network speed: taskport, by ids`);
  const taskport = await runProviderFirstSync(server, provider, options, byIds, false);
  log(`${provider} first sync at network speed: taskport, by ids, one request in ${options.stormEvery} refused`);
  const storm = await runProviderFirstSync(server, provider, options, byIds, true);
  log(`${provider} first sync at network speed: sequential, pages of ${SEQUENTIAL_PAGE[provider]} one after the other`);
  const sequential = await runProviderFirstSync(server, provider, options, { pageSize: SEQUENTIAL_PAGE[provider] }, false);
  return {
    provider,
    issues: options.issues,
    latencyMs: options.latencyMs,
    maxInFlight: options.maxInFlight,
    stormEvery: options.stormEvery,
    floorMs: sequentialFloorMs(options.issues, options.latencyMs),
    sequentialPage: SEQUENTIAL_PAGE[provider],
    taskport,
    storm,
    sequential,
  };
};
