import os from 'node:os';
import pg from 'pg';
import type { BareReady } from '../programs/bare-koa.js';
import type { ConnectWiseCallbackSiteInput, ConnectWiseCallbackSiteReady } from '../programs/connectwise-callback-site.js';
import type { LoadInput, LoadOutput } from '../programs/load-generator.js';
import type { ApiCpu, WebhookApiInput, WebhookApiReady, WebhookApiSite } from '../programs/webhook-api.js';
import type { WebhookProvider, WebhookResults, WebhookRun } from '../results-model.js';
import type { BenchServer } from '../support/bench-database.js';
import { runChild, startChild, type RunningChild } from '../support/child.js';
import type { DeliverySpec } from '../support/webhook-deliveries.js';

export interface WebhookIngestOptions {
  readonly seconds: number;
  readonly connections: number;
  /** Jira, ServiceNow and ConnectWise by default. */
  readonly providers?: ReadonlyArray<WebhookProvider>;
}

export const WEBHOOK_PROVIDERS: ReadonlyArray<WebhookProvider> = ['jira', 'servicenow', 'connectwise'];

const SECRET = 'bench-webhook-secret';
const ITEMS = 2_000;
const RESEND_EVERY = 20;
const CONNECTWISE_SEED = 6;

/** `cycle`: the bare endpoint reads nothing of a delivery, so past those prepared the same ones go again. */
const load = (url: string, deliveries: DeliverySpec, options: WebhookIngestOptions, cycle: boolean) =>
  runChild<LoadOutput>('load-generator.ts', { url, deliveries, resendEvery: RESEND_EVERY, connections: options.connections, seconds: options.seconds, cycle } satisfies LoadInput);

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

const apiCpu = async (apiUrl: string, drained = false): Promise<ApiCpu> => (await (await fetch(`${apiUrl}/__bench/${drained ? 'drained-cpu' : 'cpu'}`)).json()) as ApiCpu;

/** The tracker's side of a run: nothing for Jira and ServiceNow (deliveries carry the item), ConnectWise's simulated site. */
const startSite = async (provider: WebhookProvider): Promise<{ site: WebhookApiSite; deliveries: DeliverySpec; stop: () => Promise<void> }> => {
  if (provider === 'jira') return { site: { provider, secret: SECRET, siteUrl: 'https://bench.atlassian.net' }, deliveries: { provider, secret: SECRET, issues: ITEMS }, stop: async () => {} };
  if (provider === 'servicenow')
    return { site: { provider, secret: SECRET, siteUrl: 'https://bench.service-now.com' }, deliveries: { provider, secret: SECRET, records: ITEMS }, stop: async () => {} };
  const simulator: RunningChild<ConnectWiseCallbackSiteReady> = await startChild('connectwise-callback-site.ts', { serviceTickets: ITEMS, seed: CONNECTWISE_SEED } satisfies ConnectWiseCallbackSiteInput);
  const { url, keyUrl, signingKey } = simulator.ready;
  return { site: { provider, siteUrl: url }, deliveries: { provider, keyUrl, signingKey, serviceTickets: ITEMS, seed: CONNECTWISE_SEED }, stop: simulator.stop };
};

/** The bare endpoint, then the tracker's deliveries against the real API, back to back (paired on a shared machine). */
const runProvider = async (server: BenchServer, provider: WebhookProvider, options: WebhookIngestOptions): Promise<WebhookRun> => {
  const loadAverage = os.loadavg()[0]!;
  const bareServer = await startChild<BareReady>('bare-koa.ts', {});
  const bare = await load(`${bareServer.ready.url}/api/webhooks/${provider}/00000000-0000-4000-8000-000000000000`, { provider: 'jira', secret: SECRET, issues: ITEMS }, options, true).finally(bareServer.stop);
  const database = await server.freshDatabase(`webhooks_${provider}`);
  const tracker = await startSite(provider);
  try {
    const api = await startChild<WebhookApiReady>('webhook-api.ts', { databaseUrl: database.url, site: tracker.site } satisfies WebhookApiInput, { quiet: true });
    let webhook: LoadOutput;
    let cpu: { readonly load: number; readonly drained: number; readonly loop: Omit<ApiCpu, 'cpuMs'> };
    let recorded: number;
    let drainSeconds: number;
    try {
      const before = (await apiCpu(api.ready.url)).cpuMs;
      webhook = await load(`${api.ready.url}/api/webhooks/${provider}/${api.ready.connectionId}`, tracker.deliveries, options, false);
      const { cpuMs: afterLoad, ...loop } = await apiCpu(api.ready.url);
      recorded = await countOf(database.url, 'select count(*)::int as n from webhook_inbox');
      const drainStarted = performance.now();
      const drained = (await apiCpu(api.ready.url, true)).cpuMs;
      drainSeconds = (performance.now() - drainStarted) / 1000;
      cpu = { load: afterLoad - before, drained: drained - before, loop };
    } finally {
      await api.stop();
    }
    const applied = await countOf(database.url, "select count(*)::int as n from external_task_events where kind = 'webhook'");
    const pending = await countOf(database.url, 'select count(*)::int as n from webhook_inbox where completed_at is null');
    return { provider, loadAverage, bare, webhook, apiCpuMs: cpu.load, apiDrainedCpuMs: cpu.drained, apiLoopDelay: cpu.loop, acknowledged: webhook.acknowledged, resends: webhook.resends, recorded, applied, pending, drainSeconds };
  } finally {
    await tracker.stop();
    await database.drop();
  }
};

/**
 * Scenario 6: per tracker, the same load generator, in a process of its own, against a bare Koa
 * endpoint and then against POST /api/webhooks/:provider/:connectionId of the real API on a fresh
 * database. Every delivery it saw acknowledged must be in the inbox exactly once when the load ends
 * (recorded before its answer), and in the event log exactly once after the API's close has
 * drained the inbox.
 */
export const runWebhookIngest = async (server: BenchServer, options: WebhookIngestOptions): Promise<WebhookResults> => {
  const runs: WebhookRun[] = [];
  for (const provider of options.providers ?? WEBHOOK_PROVIDERS) runs.push(await runProvider(server, provider, options));
  return { status: 'measured', connections: options.connections, runs };
};
