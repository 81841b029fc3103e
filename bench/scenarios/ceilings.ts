import type { JiraIssueSourceOptions } from '../../adapters/providers/jira/index.js';
import type { DirectWritesInput, DirectWritesResult, WriteVariant } from '../programs/direct-writes.js';
import type { FetchOnlyInput } from '../programs/fetch-only.js';
import type { BenchServer } from '../support/bench-database.js';
import { runChild } from '../support/child.js';
import type { PhaseResult } from '../support/phase.js';
import { startSimulatorProcess } from '../support/simulator-process.js';

/** Scenario 2: fetch and decode every page from a simulator in its own process. */
export const runFetchOnly = async (issues: number, jira: Partial<JiraIssueSourceOptions>): Promise<PhaseResult> => {
  const simulator = await startSimulatorProcess({ issues, latencyMs: 0 });
  try {
    const { url, email, apiToken } = simulator;
    return await runChild<PhaseResult>('fetch-only.ts', { simulator: { url, email, apiToken }, issues, jira } satisfies FetchOnlyInput);
  } finally {
    await simulator.stop();
  }
};

export type WriteVariantSpec = { readonly kind: 'set-based'; readonly batch: number; readonly writers: number } | { readonly kind: 'naive' };

/** Scenarios 3 and 4: every variant on a fresh database of its own, in one child process. */
export const runDirectWrites = async (
  server: BenchServer,
  issues: number,
  pageSize: number,
  specs: ReadonlyArray<WriteVariantSpec>,
): Promise<DirectWritesResult> => {
  const databases = await Promise.all(specs.map((spec, i) => server.freshDatabase(`write_${issues}_${spec.kind}_${i}`)));
  try {
    const variants = specs.map((spec, i): WriteVariant => ({ ...spec, databaseUrl: databases[i]!.url }));
    return await runChild<DirectWritesResult>('direct-writes.ts', { issues, pageSize, variants } satisfies DirectWritesInput);
  } finally {
    for (const database of databases) await database.drop();
  }
};
