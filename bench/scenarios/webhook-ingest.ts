import type { WebhookResults } from '../results-model.js';
import type { BenchServer } from '../support/bench-database.js';

export interface WebhookIngestOptions {
  readonly seconds: number;
  readonly connections: number;
}

/** Scenario 6: placeholder until the webhook endpoint exists. */
export const runWebhookIngest = async (_server: BenchServer, _options: WebhookIngestOptions): Promise<WebhookResults> => ({
  status: 'pending',
  reason: 'POST /api/webhooks/jira/:connectionId is not in this build yet',
});
