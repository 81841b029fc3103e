import { parseArgs } from 'node:util';
import { parseSiteSettings, startJiraSimulator } from './jira/index.js';

const USAGE = `Usage: tsx apps/simulator/main.ts [options]

A Jira-Cloud-compatible server with seeded issues, for development, demos and benchmarks.

  --port <n>                 port to listen on (default 3100; 0 picks a free one)
  --host <address>           address to bind (default 127.0.0.1)
  --issues <n>               issues to seed (default 500)
  --seed <n>                 seed of the generated site (default 1)
  --projects <n>             projects to seed (default 3)
  --latency <ms>             added before every API answer
  --max-in-flight <n>        requests served at once; one more answers 429 with Retry-After (0: no limit)
  --rate-limit-every <n>     every Nth API request answers 429
  --silent-rate-limit-every <n>
                             every Nth API request answers 429 with an HTML body and no Retry-After
  --error-every <n>          every Nth API request answers 500
  --unavailable-every <n>    every Nth API request answers 503
  --hang-every <n>           every Nth API request never answers
  --retry-after <s>          Retry-After on injected 429/503 (default 1)
  --bad-credentials <mode>   unauthorized (default: 401) or anonymous (200 as Jira's anonymous user,
                             with X-Seraph-LoginReason: AUTHENTICATED_FAILED)
  --renamed-from <host>      answer requests to this host name with 301 to --renamed-to (a site rename)
  --renamed-to <host>
  --webhook-url <url>        send Jira-style webhooks there (loopback only) when issues are
                             created, edited, transitioned or deleted
  --webhook-secret <secret>  sign them with X-Hub-Signature: sha256=<hmac>
  --help                     show this text

Accounts: see the list printed at start; captcha@taskport.test is locked behind a CAPTCHA (403).
Faults can also be changed while it runs: PUT /__admin/faults with a JSON object (POST
/__admin/faults/next { kind } for rate-limit-silent or rate-limit-quota); the site with PUT
/__admin/site { badCredentials, rename: { from, to } }; move an issue to another project with
POST /__admin/issues/<key>/move { projectKey }; serve values a real site should never hold with
PUT /__admin/issues/<key>/planted { summary?, duedate?, updated? (ms) }; webhooks with
PUT /__admin/webhooks { url, secret }, POST /__admin/webhooks/deliveries/<id>/resend and
POST /__admin/webhooks/wrong-secret.`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3100' },
    host: { type: 'string', default: '127.0.0.1' },
    issues: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    projects: { type: 'string', default: '3' },
    latency: { type: 'string', default: '0' },
    'max-in-flight': { type: 'string', default: '0' },
    'rate-limit-every': { type: 'string', default: '0' },
    'silent-rate-limit-every': { type: 'string', default: '0' },
    'bad-credentials': { type: 'string', default: 'unauthorized' },
    'renamed-from': { type: 'string' },
    'renamed-to': { type: 'string' },
    'error-every': { type: 'string', default: '0' },
    'unavailable-every': { type: 'string', default: '0' },
    'hang-every': { type: 'string', default: '0' },
    'retry-after': { type: 'string', default: '1' },
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

const site = parseSiteSettings({
  badCredentials: values['bad-credentials'],
  ...(values['renamed-from'] === undefined && values['renamed-to'] === undefined ? {} : { rename: { from: values['renamed-from'], to: values['renamed-to'] } }),
});
if (typeof site === 'string') {
  console.error(`${site}\n\n${USAGE}`);
  process.exit(2);
}

const simulator = await startJiraSimulator({
  port: integer('port', values.port),
  host: values.host,
  issues: integer('issues', values.issues),
  seed: integer('seed', values.seed),
  projects: integer('projects', values.projects),
  faults: {
    latencyMs: integer('latency', values.latency),
    maxInFlight: integer('max-in-flight', values['max-in-flight']),
    rateLimitEvery: integer('rate-limit-every', values['rate-limit-every']),
    silentRateLimitEvery: integer('silent-rate-limit-every', values['silent-rate-limit-every']),
    serverErrorEvery: integer('error-every', values['error-every']),
    unavailableEvery: integer('unavailable-every', values['unavailable-every']),
    hangEvery: integer('hang-every', values['hang-every']),
    retryAfterSeconds: integer('retry-after', values['retry-after']),
  },
  site,
  webhooks: { url: values['webhook-url'] ?? null, secret: values['webhook-secret'] ?? null },
});

console.log(`Jira simulator listening on ${simulator.url} with ${simulator.store.size()} issues`);
for (const account of simulator.accounts) {
  console.log(`  account ${account.email} / API token ${account.apiToken} (${account.access}, time zone ${account.timeZone})`);
}
const webhooks = simulator.webhooks.settings();
if (webhooks.url !== null) console.log(`  webhooks to ${webhooks.url} (${webhooks.hasSecret ? 'signed' : 'unsigned'})`);
const [client] = simulator.oauth.settings().clients;
if (client !== undefined) {
  console.log(`  OAuth 2.0 (3LO): client ${client.clientId} / secret ${client.clientSecret}; for the API:`);
  console.log(`    JIRA_OAUTH_AUTHORIZE_URL=${simulator.url}/authorize JIRA_OAUTH_TOKEN_URL=${simulator.url}/oauth/token JIRA_API_GATEWAY_URL=${simulator.url}`);
}
console.log(`  try: curl -u ${simulator.accounts[0]?.email}:${simulator.accounts[0]?.apiToken} ${simulator.url}/rest/api/3/myself`);

const stop = () => {
  void simulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
