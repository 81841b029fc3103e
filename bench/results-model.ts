import type { RealPathResult } from './programs/real-path.js';
import type { SiteLoad } from './scenarios/real-path.js';
import type { PhaseResult } from './support/phase.js';

export interface SizeResults {
  readonly issues: number;
  readonly fetchOnly: PhaseResult;
  /** Set-based variants; the fastest is the write-only ceiling. */
  readonly writeVariants: ReadonlyArray<PhaseResult>;
  readonly naive: PhaseResult;
  readonly real: RealPathResult;
}

export interface NetworkResults {
  readonly issues: number;
  readonly pages: number;
  readonly latencyMs: number;
  readonly first: PhaseResult;
}

/** Scenario 7: a ServiceNow instance's first sync, and its ceilings. */
export interface ServiceNowResults {
  readonly issues: number;
  readonly pageSize: number;
  readonly latencyMs: number;
  /** The adapter alone, no latency: fetch, decode, lookups, nothing written. */
  readonly fetchOnly: PhaseResult;
  /** syncNow onto PostgreSQL, no latency. */
  readonly first: PhaseResult;
  /** syncNow with every Table API request answered after `latencyMs`. */
  readonly networkBound: PhaseResult;
  /** Table API requests the network-bound sync made (pages and lookups). */
  readonly requests: number;
}

/** One first sync of scenario 8, with what the simulated site saw and what was stored. */
export interface NetworkSpeedRun {
  readonly first: PhaseResult;
  readonly site: SiteLoad;
  readonly stored: { readonly rows: number; readonly items: number };
}

/** Scenario 8: a first sync at network speed against the sequential floor and a Nango-style sync. */
export interface NetworkSpeedResults {
  readonly issues: number;
  readonly latencyMs: number;
  readonly maxInFlight: number;
  readonly stormEvery: number;
  /** Pages of 100, one after the other, each taking the latency: the floor of token-chained paging. */
  readonly floorMs: number;
  /** The network alone, nothing written: the adapter by ids (batches side by side), and pages of 100 one after the other. */
  readonly fetchByIds: { readonly phase: PhaseResult; readonly site: SiteLoad };
  readonly fetchPages: { readonly phase: PhaseResult; readonly site: SiteLoad };
  readonly taskport: NetworkSpeedRun;
  readonly storm: NetworkSpeedRun;
  readonly nango: NetworkSpeedRun;
}

export type SpeedProvider = 'servicenow' | 'connectwise';

/** Scenario 8 for ServiceNow or ConnectWise: by ids, in a storm, and the provider's sequential connector. */
export interface ProviderSpeedResults {
  readonly provider: SpeedProvider;
  readonly issues: number;
  readonly latencyMs: number;
  readonly maxInFlight: number;
  readonly stormEvery: number;
  /** Pages of 100, one after the other, each taking the latency (the issue's floor, the same for every provider). */
  readonly floorMs: number;
  /** Page size of the sequential connector. */
  readonly sequentialPage: number;
  readonly taskport: NetworkSpeedRun;
  readonly storm: NetworkSpeedRun;
  readonly sequential: NetworkSpeedRun;
}

export interface LoadResult {
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The load generator's own event-loop delay, p99 (a latency it adds to what it measures); absent in older results. */
  readonly ownLoopDelayP99Ms?: number;
}

export type WebhookProvider = 'jira' | 'servicenow' | 'connectwise';

/** One tracker's deliveries against the real API, and the bare endpoint measured just before them. */
export interface WebhookRun {
  readonly provider: WebhookProvider;
  /** The machine's one-minute load average when the pair started. */
  readonly loadAverage: number;
  readonly bare: LoadResult;
  readonly webhook: LoadResult;
  /** The API process's CPU time during the load, and until the inbox was drained after it (receiving and applying). */
  readonly apiCpuMs: number;
  readonly apiDrainedCpuMs: number;
  /**
   * During the load: the API's event-loop delay (p99 and most: how long a ready answer could wait
   * for the loop) and each delivery's wait for its inbox insert (p50, p99); absent in older results.
   */
  readonly apiLoopDelay?: { readonly loopDelayP99Ms: number; readonly loopDelayMaxMs: number; readonly recordP50Ms: number; readonly recordP99Ms: number };
  /** Distinct deliveries answered 2xx and the resends among the requests. */
  readonly acknowledged: number;
  readonly resends: number;
  /** Inbox rows right after the load: what was durably recorded before each answer. */
  readonly recorded: number;
  /** Event-log rows once the API closed, which drains the inbox; deliveries still pending then. */
  readonly applied: number;
  readonly pending: number;
  /** How long applying the backlog took after the load ended (the API's close). */
  readonly drainSeconds: number;
}

export type WebhookResults =
  | { readonly status: 'measured'; readonly connections: number; readonly runs: ReadonlyArray<WebhookRun> }
  | { readonly status: 'pending'; readonly reason: string; readonly bare?: LoadResult };

export interface BenchResults {
  readonly startedAt: string;
  readonly quick: boolean;
  readonly machine: Readonly<Record<string, string>>;
  readonly pageSize: number;
  readonly sizes: ReadonlyArray<SizeResults>;
  readonly network: NetworkResults;
  readonly webhooks: WebhookResults;
  readonly servicenow: ServiceNowResults;
  readonly speed: NetworkSpeedResults;
  readonly providerSpeeds: ReadonlyArray<ProviderSpeedResults>;
  readonly totalSeconds: number;
}

export const ceilingOf = (size: SizeResults): PhaseResult =>
  size.writeVariants.reduce((best, v) => (v.perSecond > best.perSecond ? v : best), size.writeVariants[0]!);
