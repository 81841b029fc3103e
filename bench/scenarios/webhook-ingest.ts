import pg from 'pg';
import type { BareReady } from '../programs/bare-koa.js';
import type { LoadInput, LoadOutput } from '../programs/load-generator.js';
import type { WebhookApiInput, WebhookApiReady } from '../programs/webhook-api.js';
import type { WebhookResults } from '../results-model.js';
import type { BenchServer } from '../support/bench-database.js';
import { runChild, startChild } from '../support/child.js';

export interface WebhookIngestOptions {
  readonly seconds: number;
  readonly connections: number;
}

const SECRET = 'bench-webhook-secret';
const ISSUES = 2_000;
const RESEND_EVERY = 20;

const load = (url: string, options: WebhookIngestOptions) =>
  runChild<LoadOutput>('load-generator.ts', { url, secret: SECRET, issues: ISSUES, resendEvery: RESEND_EVERY, ...options } satisfies LoadInput);

const countOf = async (databaseUrl: string, sql: string): Promise<number> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
};

/**
 * Scenario 6: the same load generator, in a process of its own, against a bare Koa endpoint and
 * then against POST /api/webhooks/jira/:connectionId of the real API on a fresh database. Every
 * delivery it saw acknowledged must be in the inbox exactly once when the load ends (recorded before
 * its answer), and in the event log exactly once after the API's close has drained the inbox.
 */
export const runWebhookIngest = async (server: BenchServer, options: WebhookIngestOptions): Promise<WebhookResults> => {
  const bareServer = await startChild<BareReady>('bare-koa.ts', {});
  const bare = await load(`${bareServer.ready.url}/api/webhooks/jira/00000000-0000-4000-8000-000000000000`, options).finally(bareServer.stop);
  const database = await server.freshDatabase('webhooks');
  try {
    const api = await startChild<WebhookApiReady>('webhook-api.ts', { databaseUrl: database.url, secret: SECRET, siteUrl: 'https://bench.atlassian.net' } satisfies WebhookApiInput, {
      quiet: true,
    });
    let webhook: LoadOutput;
    try {
      webhook = await load(`${api.ready.url}/api/webhooks/jira/${api.ready.connectionId}`, options);
    } catch (error) {
      await api.stop();
      throw error;
    }
    const recorded = await countOf(database.url, 'select count(*)::int as n from webhook_inbox');
    const drainStarted = performance.now();
    await api.stop();
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const applied = await countOf(database.url, "select count(*)::int as n from external_task_events where kind = 'webhook'");
    const pending = await countOf(database.url, 'select count(*)::int as n from webhook_inbox where completed_at is null');
    return { status: 'measured', connections: options.connections, bare, webhook, acknowledged: webhook.acknowledged, resends: webhook.resends, recorded, applied, pending, drainSeconds };
  } finally {
    await database.drop();
  }
};
