/**
 * Scenario 1 (and 5 with a slow simulator): syncNow end to end in a process of its own, so its peak
 * RSS is the sync's alone. First sync, identical full resync, then a resync after every issue changed.
 */
import type { SyncReport } from '../../core/index.js';
import { childProgram } from '../support/child.js';
import { timePhase, withoutValue, type PhaseResult } from '../support/phase.js';
import { wireSync, type SyncWiringOptions } from '../support/sync-wiring.js';
import type { SimulatorReady } from './jira-simulator.js';

export interface RealPathInput {
  readonly databaseUrl: string;
  readonly simulator: SimulatorReady;
  readonly issues: number;
  readonly wiring: SyncWiringOptions;
  /** Only the first sync (the network-bound run needs no more). */
  readonly firstOnly: boolean;
}

export interface RealPathResult {
  readonly first: PhaseResult;
  /** Nothing changed, as the poller runs it: only the overlap window is read again. */
  readonly incremental?: PhaseResult;
  /** Nothing changed, every page read again and every issue found already recorded. */
  readonly identical?: PhaseResult;
  readonly changed?: PhaseResult;
  readonly startRssMiB: number;
  /** After a first sync alone: the stored tasks' rows and distinct items (lost or doubled ones show here). */
  readonly stored?: { readonly rows: number; readonly items: number };
}

const counts = (report: SyncReport) => ({
  processed: report.issuesProcessed,
  created: report.created,
  updated: report.updated,
  unchanged: report.unchanged,
  skipped: report.skipped,
});

const expectCounts = (phase: string, report: SyncReport, expected: Partial<SyncReport>) => {
  const wrong = Object.entries(expected).filter(([key, value]) => report[key as keyof SyncReport] !== value);
  if (wrong.length > 0) throw new Error(`${phase}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(counts(report))}`);
};

const touchAll = async (simulator: SimulatorReady) => {
  const response = await fetch(`${simulator.url}/__admin/issues/touch`, { method: 'POST' });
  if (!response.ok) throw new Error(`the simulator answered ${response.status} to the bulk touch`);
};

childProgram<RealPathInput, RealPathResult>(async (input) => {
  const n = input.issues;
  const wired = await wireSync(input.databaseUrl, input.simulator, input.wiring);
  const startRssMiB = process.memoryUsage().rss / 1024 / 1024;
  try {
    const first = await timePhase(n, () => wired.sync('incremental'), counts);
    expectCounts('first sync', first.value, { created: n });
    if (input.firstOnly) return { first: withoutValue(first), startRssMiB, stored: await wired.storedTasks() };
    const incremental = await timePhase((r: SyncReport) => r.issuesProcessed + r.skipped, () => wired.sync('incremental'), counts);
    expectCounts('incremental resync', incremental.value, { created: 0, updated: 0 });
    const identical = await timePhase(n, () => wired.sync('full'), counts);
    expectCounts('identical resync', identical.value, { skipped: n, created: 0, updated: 0 });
    await touchAll(input.simulator);
    const changed = await timePhase(n, () => wired.sync('incremental'), counts);
    expectCounts('changed resync', changed.value, { updated: n, created: 0 });
    return { first: withoutValue(first), incremental: withoutValue(incremental), identical: withoutValue(identical), changed: withoutValue(changed), startRssMiB };
  } finally {
    await wired.close();
  }
});
