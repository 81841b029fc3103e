/**
 * The write side of a first sync alone: a simulated Jira site's issues are fetched and decoded by
 * the Jira adapter before the clock starts, then synced from memory (pages of the same size, in the
 * same order) onto PostgreSQL through `syncNow`, as apps/api wires it. The phase's CPU is what the
 * sync spends beyond the fetch: mapping, deciding, the statements and their answers.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { memoryIssueSource, memoryProvider } from '../../adapters/memory/index.js';
import { jiraIssueSource } from '../../adapters/providers/jira/index.js';
import type { IssueSource, SourceIssue, SyncReport } from '../../core/index.js';
import { childProgram } from '../support/child.js';
import { timePhase, withoutValue, type PhaseResult } from '../support/phase.js';
import { jiraSimulatorConnection } from '../support/simulator-connection.js';
import { wireProviderSync } from '../support/sync-wiring.js';
import type { SimulatorReady } from './jira-simulator.js';

export interface WriteSideInput {
  readonly databaseUrl: string;
  readonly simulator: SimulatorReady;
  readonly issues: number;
  readonly pageSize: number;
}

const decodedIssues = async (simulator: SimulatorReady, pageSize: number): Promise<ReadonlyArray<SourceIssue>> => {
  const jira = jiraIssueSource({ allowPrivateNetwork: true, pageSize });
  const connection = jiraSimulatorConnection(simulator, '00000000-0000-4000-8000-000000000009');
  const issues: SourceIssue[] = [];
  let cursor: string | null = null;
  try {
    do {
      const page = await jira.searchIssues(connection, { updatedSince: null, projectKeys: [] }, cursor)();
      if (E.isLeft(page)) throw new Error(`fetching the issues failed: ${JSON.stringify(page.left)}`);
      issues.push(...page.right.issues);
      cursor = page.right.nextCursor;
    } while (cursor !== null);
    return issues;
  } finally {
    jira.close();
  }
};

/** The decoded issues in pages by offset, as they were fetched (the fake tracker's own search sorts them on every page). */
const pagesOf = (issues: ReadonlyArray<SourceIssue>, pageSize: number): IssueSource['searchIssues'] => (_connection, _query, cursor) => {
  const offset = cursor === null ? 0 : Number(cursor);
  const next = offset + pageSize;
  return TE.right({ issues: issues.slice(offset, next), nextCursor: next < issues.length ? String(next) : null });
};

childProgram<WriteSideInput, PhaseResult>(async (input) => {
  const issues = await decodedIssues(input.simulator, input.pageSize);
  const baseUrl = 'https://tracker.example.com';
  const source = memoryIssueSource(input.pageSize);
  source.setIssues(baseUrl, issues);
  const provider = memoryProvider({ ...source, searchIssues: pagesOf(issues, input.pageSize) });
  const body = { type: 'tracker', baseUrl, email: 'bench@example.com', apiToken: 'bench-token' };
  const wired = await wireProviderSync(input.databaseUrl, { provider, body, close: () => undefined });
  try {
    const phase = await timePhase(issues.length, () => wired.sync('incremental'), (report: SyncReport) => ({ created: report.created }));
    if (phase.value.created !== input.issues) throw new Error(`expected ${input.issues} tasks created, the sync reported ${JSON.stringify(phase.value)}`);
    return withoutValue(phase);
  } finally {
    await wired.close();
  }
});
