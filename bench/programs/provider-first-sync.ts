/**
 * Scenario 8 for ServiceNow and ConnectWise: a first sync through syncNow onto PostgreSQL, by ids
 * (the worker's wiring) or page after page (a sequential connector on the same write path), in a
 * process of its own; answers the phase and what was stored.
 */
import { connectWiseProvider } from '../../adapters/providers/connectwise/index.js';
import { servicenowProvider } from '../../adapters/providers/servicenow/index.js';
import type { IdSyncLimits } from '../../core/index.js';
import { childProgram } from '../support/child.js';
import { timePhase, withoutValue, type PhaseResult } from '../support/phase.js';
import { wireProviderSync, type WiredProvider } from '../support/sync-wiring.js';
import type { ConnectWiseSimulatorReady } from './connectwise-simulator.js';
import type { ServiceNowSimulatorReady } from './servicenow-simulator.js';

export type ProviderSimulator = { readonly provider: 'servicenow'; readonly ready: ServiceNowSimulatorReady } | { readonly provider: 'connectwise'; readonly ready: ConnectWiseSimulatorReady };

export interface ProviderFirstSyncInput {
  readonly databaseUrl: string;
  readonly simulator: ProviderSimulator;
  readonly issues: number;
  /** Page size of the sequential search (sysparm_limit, pageSize); the adapter's own when unset. */
  readonly pageSize?: number;
  /** Set, the first sync reads by ids with these limits; unset, page after page. */
  readonly idSync?: IdSyncLimits;
}

export interface ProviderFirstSyncResult {
  readonly first: PhaseResult;
  readonly stored: { readonly rows: number; readonly items: number };
}

/**
 * ConnectWise's connection budget (requests an hour, bursts of 50) would otherwise be the whole
 * story: the bench models the site's concurrency limit, so the budget is set to its highest (100 a second).
 */
const CONNECTWISE_BENCH_REQUESTS_PER_HOUR = '360000';

const wiredProvider = (input: ProviderFirstSyncInput): WiredProvider => {
  const paging = input.pageSize === undefined ? {} : { pageSize: input.pageSize };
  if (input.simulator.provider === 'servicenow') {
    const { url, username, password } = input.simulator.ready;
    const provider = servicenowProvider({ allowPrivateNetwork: true, ...paging });
    return { provider, close: provider.close, body: { type: 'servicenow', baseUrl: url, username, password, tables: ['incident'] } };
  }
  const { url, ...member } = input.simulator.ready;
  const provider = connectWiseProvider({ allowPrivateNetwork: true, ...paging });
  return { provider, close: provider.close, body: { type: 'connectwise', baseUrl: url, ...member, includeProjectTickets: false, requestsPerHour: CONNECTWISE_BENCH_REQUESTS_PER_HOUR } };
};

childProgram<ProviderFirstSyncInput, ProviderFirstSyncResult>(async (input) => {
  const wired = await wireProviderSync(input.databaseUrl, wiredProvider(input), undefined, input.idSync);
  try {
    const phase = await timePhase(input.issues, () => wired.sync('incremental'));
    if (phase.value.created !== input.issues) throw new Error(`the first sync created ${phase.value.created} tasks instead of ${input.issues}`);
    return { first: withoutValue(phase), stored: await wired.storedTasks() };
  } finally {
    await wired.close();
  }
});
