/**
 * Scenario 7: a ServiceNow instance's incidents, first through the adapter alone (fetched, decoded,
 * assignees and groups looked up, nothing written), then through syncNow onto PostgreSQL, each on
 * a process of its own so their peak RSS is theirs.
 */
import * as E from 'fp-ts/lib/Either.js';
import { servicenowProvider } from '../../adapters/providers/servicenow/index.js';
import { asEntityId, type SourceConnection } from '../../core/index.js';
import { walkPages } from '../support/page-loop.js';
import { childProgram } from '../support/child.js';
import { timePhase, withoutValue, type PhaseResult } from '../support/phase.js';
import { BENCH_ORGANIZATION, wireProviderSync } from '../support/sync-wiring.js';
import type { ServiceNowSimulatorReady } from './servicenow-simulator.js';

export interface ServiceNowSyncInput {
  readonly phase: 'fetch-only' | 'first-sync';
  readonly databaseUrl: string | null;
  readonly simulator: ServiceNowSimulatorReady;
  readonly issues: number;
  readonly pageSize: number;
}

const settings = (simulator: ServiceNowSimulatorReady) => ({ username: simulator.username, tables: ['incident'] });

const fetchOnly = async (input: ServiceNowSyncInput): Promise<PhaseResult> => {
  const provider = servicenowProvider({ allowPrivateNetwork: true, pageSize: input.pageSize });
  const connection: SourceConnection = {
    organizationId: BENCH_ORGANIZATION,
    connectionId: asEntityId('00000000-0000-4000-8000-000000000007'),
    provider: 'servicenow',
    site: new URL(input.simulator.url).host,
    baseUrl: input.simulator.url,
    settings: settings(input.simulator),
    authMode: 'basic',
    secrets: { password: input.simulator.password },
    oauth: null,
  };
  const query = { updatedSince: null, projectKeys: [] };
  try {
    const phase = await timePhase(input.issues, async () => {
      const outcome = await walkPages((cursor) => provider.issues.searchIssues(connection, query, cursor)(), async (seen: number, page) => E.right(seen + page.issues.length), 0);
      if (E.isLeft(outcome) || outcome.right !== input.issues) throw new Error(`fetched ${JSON.stringify(outcome)} instead of ${input.issues} incidents`);
      return outcome.right;
    });
    return withoutValue(phase);
  } finally {
    provider.close();
  }
};

const firstSync = async (input: ServiceNowSyncInput): Promise<PhaseResult> => {
  const provider = servicenowProvider({ allowPrivateNetwork: true, pageSize: input.pageSize });
  const body = { type: 'servicenow', baseUrl: input.simulator.url, password: input.simulator.password, ...settings(input.simulator) };
  const wired = await wireProviderSync(input.databaseUrl!, { provider, body, close: provider.close });
  try {
    const phase = await timePhase(input.issues, () => wired.sync('incremental'));
    if (phase.value.created !== input.issues) throw new Error(`the first sync created ${phase.value.created} tasks instead of ${input.issues}`);
    return withoutValue(phase);
  } finally {
    await wired.close();
  }
};

childProgram<ServiceNowSyncInput, PhaseResult>((input) => (input.phase === 'fetch-only' ? fetchOnly(input) : firstSync(input)));
