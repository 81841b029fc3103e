import { parseArgs } from 'node:util';
import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator } from './connectwise-simulator.js';

const USAGE = `Usage: npm run simulator:connectwise -- [options]

A ConnectWise PSA (Manage) site with seeded service and project tickets.

  --port <n>                 port to listen on (default 3200; 0 picks a free one)
  --service-tickets <n>      service tickets to seed (default 300)
  --project-tickets <n>      project tickets to seed (default 200)
  --seed <n>                 seed of the generated site (default 1)
  --latency <ms>             added before every API answer
  --max-in-flight <n>        requests served at once; one more answers 429 with Retry-After (0: no limit)
  --rate-limit-every <n>     every Nth API request answers 429 with Retry-After
  --retry-after <s>          Retry-After on injected 429/503 (default 1)
  --help                     show this text

Faults can be changed while it runs: PUT /__admin/faults with a JSON object; PUT /__admin/keys
{ "revoked": true } revokes the API member's keys (every call answers 401) until { "revoked": false }.
Tickets are moved (another board or project) with PATCH and deleted with DELETE, as in ConnectWise.`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3200' },
    'service-tickets': { type: 'string', default: '300' },
    'project-tickets': { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    latency: { type: 'string', default: '0' },
    'max-in-flight': { type: 'string', default: '0' },
    'rate-limit-every': { type: 'string', default: '0' },
    'retry-after': { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const integer = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got '${text}'\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
};

const simulator = await startConnectWiseSimulator({
  port: integer('port', values.port),
  serviceTickets: integer('service-tickets', values['service-tickets']),
  projectTickets: integer('project-tickets', values['project-tickets']),
  seed: integer('seed', values.seed),
  faults: {
    latencyMs: integer('latency', values.latency),
    maxInFlight: integer('max-in-flight', values['max-in-flight']),
    rateLimitEvery: integer('rate-limit-every', values['rate-limit-every']), retryAfterSeconds: integer('retry-after', values['retry-after']) },
});
const m = CONNECTWISE_SIM_MEMBER;
console.log(`ConnectWise PSA simulator listening on ${simulator.url} with ${simulator.store.size()} tickets`);
console.log(`  connect with: { "type": "connectwise", "baseUrl": "${simulator.url}", "companyId": "${m.companyId}", "publicKey": "${m.publicKey}", "privateKey": "${m.privateKey}", "clientId": "${m.clientId}" }`);
console.log(`  (the API needs TASKPORT_ALLOW_PRIVATE_NETWORK=true to reach it)`);
const stop = () => void simulator.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
