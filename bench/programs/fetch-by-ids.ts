/**
 * Scenario 8's network alone: the ids walked and the issues fetched in batches of 100, several at
 * once, by the Jira adapter (its adaptive gate per site deciding how many are on the network), as a
 * sync by ids reads them; decoded and counted, nothing written.
 */
import * as A from 'fp-ts/lib/Array.js';
import * as E from 'fp-ts/lib/Either.js';
import { jiraIssueSource } from '../../adapters/providers/jira/index.js';
import { DEFAULT_ID_SYNC } from '../../core/index.js';
import { batchesInFlight } from '../../core/use-cases/sync/batches-in-flight.js';
import { childProgram } from '../support/child.js';
import { timePhase, withoutValue, type PhaseResult } from '../support/phase.js';
import { jiraSimulatorConnection } from '../support/simulator-connection.js';
import type { SimulatorReady } from './jira-simulator.js';

export interface FetchByIdsInput {
  readonly simulator: SimulatorReady;
  readonly issues: number;
}

childProgram<FetchByIdsInput, PhaseResult>(async (input) => {
  const jira = jiraIssueSource({ allowPrivateNetwork: true });
  const connection = jiraSimulatorConnection(input.simulator, '00000000-0000-4000-8000-000000000008');
  const fail = (what: string, outcome: unknown) => {
    throw new Error(`${what} failed: ${JSON.stringify(outcome)}`);
  };
  try {
    const phase = await timePhase(input.issues, async () => {
      const pool = batchesInFlight(DEFAULT_ID_SYNC.batchesInFlight);
      let fetched = 0;
      let cursor: string | null = null;
      do {
        const page = await jira.walkIds!(connection, { projectKeys: [] }, cursor)();
        if (E.isLeft(page)) return fail('the id walk', page.left);
        for (const ids of A.chunksOf(DEFAULT_ID_SYNC.batchSize)([...page.right.ids])) {
          await pool.run(async () => {
            const issues = await jira.fetchIssues(connection, ids)();
            if (E.isLeft(issues)) return fail('a batch', issues.left);
            fetched += issues.right.length;
          });
        }
        cursor = page.right.nextCursor;
      } while (cursor !== null);
      await pool.settled();
      if (fetched !== input.issues) fail('the count', fetched);
      return fetched;
    });
    return withoutValue(phase);
  } finally {
    jira.close();
  }
});
