import { asEntityId, type SourceConnection } from '../../core/index.js';
import type { SimulatorReady } from '../programs/jira-simulator.js';
import { BENCH_ORGANIZATION } from './sync-wiring.js';

/** A connection to the Jira simulator for a program that calls the adapter directly (no stored connection, no sync). */
export const jiraSimulatorConnection = (simulator: SimulatorReady, connectionId: string): SourceConnection => ({
  organizationId: BENCH_ORGANIZATION,
  connectionId: asEntityId(connectionId),
  provider: 'jira',
  site: new URL(simulator.url).host,
  baseUrl: simulator.url,
  settings: { email: simulator.email },
  authMode: 'api-token',
  secrets: { apiToken: simulator.apiToken },
  oauth: null,
});
