/** Scenario 6, ConnectWise: the simulated site its callbacks name, in a process of its own (the API fetches the signing key and each ticket from it). */
import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator } from '../../apps/simulator/connectwise/index.js';
import { childInput, reply } from '../support/child.js';

export interface ConnectWiseCallbackSiteInput {
  readonly serviceTickets: number;
  readonly seed: number;
}

export interface ConnectWiseCallbackSiteReady {
  readonly url: string;
  /** What every callback of this site carries in `Metadata.key_url`, and the key served there. */
  readonly keyUrl: string;
  readonly signingKey: string;
  readonly ticketIds: ReadonlyArray<number>;
}

const input = childInput<ConnectWiseCallbackSiteInput>();
const simulator = await startConnectWiseSimulator({ serviceTickets: input.serviceTickets, projectTickets: 0, seed: input.seed });
// The key URL is only ever written into a callback: send one to a port nobody listens on and read it there.
const probe = simulator.callbacks.add({ url: 'http://127.0.0.1:9/', type: 'ticket', level: 'owner', objectId: 1, description: 'bench probe', inactiveFlag: false });
const ticketIds = simulator.store.all('service').map((ticket) => ticket.id);
await simulator.callbacks.send('updated', 'service', ticketIds[0]!);
simulator.callbacks.remove(probe.id);
const keyUrl = (JSON.parse(simulator.callbacks.sent()[0]!.body) as { Metadata: { key_url: string } }).Metadata.key_url;
const key = (await (await fetch(keyUrl, { headers: { clientid: CONNECTWISE_SIM_MEMBER.clientId } })).json()) as { signing_key: string };
process.once('SIGTERM', () => void simulator.close().then(() => process.exit(0)));
process.once('disconnect', () => process.exit(0));
await reply<ConnectWiseCallbackSiteReady>('ready', { url: simulator.url, keyUrl, signingKey: key.signing_key, ticketIds });
