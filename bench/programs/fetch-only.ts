/** Scenario 2: the same pages fetched from the simulator and decoded by the Jira adapter; nothing written. */
import * as E from 'fp-ts/lib/Either.js';
import { jiraIssueSource, type JiraIssueSourceOptions } from '../../adapters/providers/jira/index.js';
import { walkPages } from '../support/page-loop.js';
import { childProgram } from '../support/child.js';
import { timePhase, withoutValue, type PhaseResult } from '../support/phase.js';
import { jiraSimulatorConnection } from '../support/simulator-connection.js';
import type { SimulatorReady } from './jira-simulator.js';

export interface FetchOnlyInput {
  readonly simulator: SimulatorReady;
  readonly issues: number;
  readonly jira: Partial<JiraIssueSourceOptions>;
}

childProgram<FetchOnlyInput, PhaseResult>(async (input) => {
  const jira = jiraIssueSource({ allowPrivateNetwork: true, ...input.jira });
  const connection = jiraSimulatorConnection(input.simulator, '00000000-0000-4000-8000-000000000001');
  const query = { updatedSince: null, projectKeys: [] };
  try {
    const phase = await timePhase(input.issues, async () => {
      const outcome = await walkPages(
        (cursor) => jira.searchIssues(connection, query, cursor)(),
        async (seen: number, page) => E.right(seen + page.issues.length),
        0,
      );
      if (E.isLeft(outcome) || outcome.right !== input.issues) throw new Error(`fetched ${JSON.stringify(outcome)} instead of ${input.issues} issues`);
      return outcome.right;
    });
    return withoutValue(phase);
  } finally {
    jira.close();
  }
});
