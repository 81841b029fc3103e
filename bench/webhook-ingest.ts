/**
 * `npm run bench:webhooks`: scenario 6 alone (webhook ingest of Jira, ServiceNow and ConnectWise
 * deliveries, each against a bare Koa endpoint measured just before it). Same flags as
 * `npm run bench` (--webhook-seconds, --connections); `--webhook-providers jira,servicenow` for some.
 */
import { formatTable } from '../apps/cli/table.js';
import { readOptions, USAGE } from './options.js';
import { HEADERS } from './report-format.js';
import { targetsText, webhookRows, webhookTargets } from './report.js';
import type { WebhookProvider } from './results-model.js';
import { runWebhookIngest, WEBHOOK_PROVIDERS } from './scenarios/webhook-ingest.js';
import { openBenchServer } from './support/bench-database.js';

const log = (message: string) => console.error(`[bench] ${message}`);

/** `--webhook-providers a,b` taken out of the arguments before the common ones are read. */
const providersOf = (argv: ReadonlyArray<string>): { readonly rest: ReadonlyArray<string>; readonly providers: ReadonlyArray<WebhookProvider> } => {
  const at = argv.indexOf('--webhook-providers');
  if (at < 0) return { rest: argv, providers: WEBHOOK_PROVIDERS };
  const named = (argv[at + 1] ?? '').split(',').map((name) => name.trim());
  const unknown = named.filter((name) => !(WEBHOOK_PROVIDERS as ReadonlyArray<string>).includes(name));
  if (unknown.length > 0 || named.length === 0) throw new Error(`--webhook-providers takes some of ${WEBHOOK_PROVIDERS.join(',')}, got '${argv[at + 1] ?? ''}'`);
  return { rest: [...argv.slice(0, at), ...argv.slice(at + 2)], providers: named as ReadonlyArray<WebhookProvider> };
};

const main = async () => {
  const { rest, providers } = providersOf(process.argv.slice(2));
  const options = readOptions(rest);
  if (options === 'help') return console.log(`${USAGE}\n\nnpm run bench:webhooks takes --webhook-providers ${WEBHOOK_PROVIDERS.join(',')} as well.`);
  const server = await openBenchServer(log);
  try {
    log(`webhook ingest: ${providers.join(', ')}; ${options.webhookConnections} connections, ${options.webhookSeconds} s per endpoint`);
    const webhooks = await runWebhookIngest(server, { seconds: options.webhookSeconds, connections: options.webhookConnections, providers });
    const checks = webhooks.status === 'measured' ? webhooks.runs.flatMap(webhookTargets) : [];
    console.log(`\n${formatTable(HEADERS, webhookRows(webhooks))}\n\nTargets:\n${targetsText(checks)}\n`);
    console.log(JSON.stringify(webhooks));
  } finally {
    await server.stop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
