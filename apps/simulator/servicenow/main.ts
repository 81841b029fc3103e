import { parseArgs } from 'node:util';
import { SIMULATOR_SERVICENOW_CLIENT } from './oauth-server.js';
import { startServiceNowSimulator } from './servicenow-simulator.js';
import { TASK_TABLES } from './schema.js';

const USAGE = `Usage: npm run simulator:servicenow -- [options]

A ServiceNow-compatible instance (Table API, OAuth, business-rule webhooks) with seeded incidents
and tasks, for development, demos and benchmarks.

  --port <n>                 port to listen on (default 3200; 0 picks a free one)
  --host <address>           address to bind (default 127.0.0.1)
  --incidents <n>            incidents to seed (default 200)
  --tasks <n>                records of sc_task, sc_req_item, problem and change_request each (default 50)
  --seed <n>                 seed of the generated instance (default 1)
  --latency <ms>             added before every Table API answer
  --max-in-flight <n>        requests served at once; one more answers 429 with Retry-After (0: no limit)
  --rate-limit-every <n>     every Nth Table API request answers 429 as the semaphores do under load
                             (Retry-After, no rate-limit rule; POST /__admin/faults/next
                             { kind: 'rate-limit-quota' } gives a rule's 429, the hour's count spent)
  --unavailable-every <n>    every Nth Table API request answers 503
  --error-every <n>          every Nth Table API request answers 500
  --retry-after <s>          Retry-After on injected 429/503 (default 1)
  --acl-hide-every <n>       hide about one synced record in n, as ACLs do (pages come back short)
  --webhook-url <url>        post business-rule deliveries there (loopback only) on every change
  --webhook-secret <secret>  sign them: X-ServiceNow-Signature, HMAC-SHA256 of the body in base64
  --help                     show this text

At run time: PUT /__admin/faults, PUT /__admin/acl { hideEvery }, PUT /__admin/query
{ ignoredOperators } (conditions with these operators dropped, as an instance that cannot read them
does), PUT /__admin/webhooks { url, secret, encoding, includeRecord, deliveryIds }, POST
/__admin/records/touch, GET /__admin/requests.`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3200' },
    host: { type: 'string', default: '127.0.0.1' },
    incidents: { type: 'string', default: '200' },
    tasks: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    latency: { type: 'string', default: '0' },
    'max-in-flight': { type: 'string', default: '0' },
    'rate-limit-every': { type: 'string', default: '0' },
    'unavailable-every': { type: 'string', default: '0' },
    'error-every': { type: 'string', default: '0' },
    'retry-after': { type: 'string', default: '1' },
    'acl-hide-every': { type: 'string', default: '0' },
    'webhook-url': { type: 'string' },
    'webhook-secret': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const integer = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got '${text}'\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
};

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const simulator = await startServiceNowSimulator({
  port: integer('port', values.port),
  host: values.host,
  incidents: integer('incidents', values.incidents),
  tasks: integer('tasks', values.tasks),
  seed: integer('seed', values.seed),
  aclHideEvery: integer('acl-hide-every', values['acl-hide-every']),
  faults: {
    latencyMs: integer('latency', values.latency),
    maxInFlight: integer('max-in-flight', values['max-in-flight']),
    rateLimitEvery: integer('rate-limit-every', values['rate-limit-every']),
    unavailableEvery: integer('unavailable-every', values['unavailable-every']),
    serverErrorEvery: integer('error-every', values['error-every']),
    retryAfterSeconds: integer('retry-after', values['retry-after']),
  },
  webhooks: { url: values['webhook-url'] ?? null, secret: values['webhook-secret'] ?? null },
});

const counts = TASK_TABLES.map((table) => `${simulator.store.size(table)} ${table}`).join(', ');
console.log(`ServiceNow simulator listening on ${simulator.url} with ${counts}`);
for (const account of simulator.accounts) console.log(`  account ${account.userName} / password ${account.password}${account.mfa === true ? ' (needs MFA: Basic auth is refused)' : ''}`);
console.log(`  OAuth client ${SIMULATOR_SERVICENOW_CLIENT.clientId} / secret ${SIMULATOR_SERVICENOW_CLIENT.clientSecret} (${simulator.url}/oauth_auth.do, /oauth_token.do)`);
const webhooks = simulator.webhooks.settings();
if (webhooks.url !== null) console.log(`  business-rule webhooks to ${webhooks.url} (${webhooks.hasSecret ? 'signed' : 'unsigned'})`);
const [account] = simulator.accounts;
console.log(`  try: curl -u ${account?.userName}:${account?.password} '${simulator.url}/api/now/table/incident?sysparm_limit=2'`);

const stop = () => {
  void simulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
