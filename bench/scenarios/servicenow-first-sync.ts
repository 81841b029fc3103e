import type { ServiceNowSyncInput } from '../programs/servicenow-first-sync.js';
import type { ServiceNowSimulatorReady } from '../programs/servicenow-simulator.js';
import type { ServiceNowResults } from '../results-model.js';
import type { BenchServer } from '../support/bench-database.js';
import { runChild, startChild } from '../support/child.js';
import type { PhaseResult } from '../support/phase.js';

export interface ServiceNowScenarioOptions {
  readonly issues: number;
  readonly latencyMs: number;
  readonly pageSize: number;
}

/** Runs `phase` against a fresh simulator process; answers the phase and how many Table API requests it took. */
const measured = async (server: BenchServer, options: ServiceNowScenarioOptions, latencyMs: number, phase: ServiceNowSyncInput['phase']) => {
  const simulator = await startChild<ServiceNowSimulatorReady>('servicenow-simulator.ts', { incidents: options.issues, latencyMs });
  const database = phase === 'first-sync' ? await server.freshDatabase(`servicenow_${options.issues}_${latencyMs}`) : null;
  try {
    const input: ServiceNowSyncInput = { phase, databaseUrl: database?.url ?? null, simulator: simulator.ready, issues: options.issues, pageSize: options.pageSize };
    const result = await runChild<PhaseResult>('servicenow-first-sync.ts', input);
    const requests = ((await (await fetch(`${simulator.ready.url}/__admin/requests`)).json()) as unknown[]).length;
    return { result, requests };
  } finally {
    await database?.drop();
    await simulator.stop();
  }
};

/**
 * Scenario 7: the first sync of a ServiceNow instance. Its ceilings: the adapter alone (fetch,
 * decode, lookups; nothing written) and the first sync without latency on this machine; then the
 * network-bound run, every Table API request answered after a fixed latency, against its floor of
 * requests x latency (pages are read one after the other, each with its sys_user and group lookups).
 */
export const runServiceNowFirstSync = async (server: BenchServer, options: ServiceNowScenarioOptions): Promise<ServiceNowResults> => {
  const fetchOnly = await measured(server, options, 0, 'fetch-only');
  const first = await measured(server, options, 0, 'first-sync');
  const network = await measured(server, options, options.latencyMs, 'first-sync');
  return {
    issues: options.issues,
    pageSize: options.pageSize,
    latencyMs: options.latencyMs,
    fetchOnly: fetchOnly.result,
    first: first.result,
    networkBound: network.result,
    requests: network.requests,
  };
};
