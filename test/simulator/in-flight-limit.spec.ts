import { expect } from 'chai';
import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator } from '../../apps/simulator/connectwise/connectwise-simulator.js';
import type { FaultControl } from '../../apps/simulator/jira/faults.js';
import { startJiraSimulator } from '../../apps/simulator/jira/index.js';
import { startServiceNowSimulator } from '../../apps/simulator/servicenow/index.js';
import { ADMIN, basicAuth } from './simulator-http.js';

interface Simulated {
  readonly url: string;
  readonly faults: FaultControl;
  readonly close: () => Promise<void>;
}

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

/** One read of each simulator's API, with credentials it accepts. */
const SIMULATORS: ReadonlyArray<{ name: string; start: () => Promise<Simulated>; path: string; headers: Record<string, string> }> = [
  { name: 'Jira', start: () => startJiraSimulator({ issues: 5 }), path: '/rest/api/3/myself', headers: { authorization: basicAuth(ADMIN.email, ADMIN.apiToken) } },
  {
    name: 'ServiceNow',
    start: () => startServiceNowSimulator({ incidents: 5, tasks: 1 }),
    path: '/api/now/table/incident?sysparm_limit=1',
    headers: { authorization: basic('taskport.integration', 'simulator-password') },
  },
  {
    name: 'ConnectWise',
    start: () => startConnectWiseSimulator({ serviceTickets: 5, projectTickets: 1 }),
    path: `/${CONNECTWISE_SIM_MEMBER.codebase}/apis/3.0/service/tickets`,
    headers: {
      authorization: basic(`${CONNECTWISE_SIM_MEMBER.companyId}+${CONNECTWISE_SIM_MEMBER.publicKey}`, CONNECTWISE_SIM_MEMBER.privateKey),
      clientid: CONNECTWISE_SIM_MEMBER.clientId,
    },
  },
];

for (const simulator of SIMULATORS) {
  describe(`${simulator.name} simulator concurrency limit`, () => {
    let sim: Simulated;
    beforeEach(async () => {
      sim = await simulator.start();
    });
    afterEach(() => sim.close());

    const burst = (n: number) => Promise.all(Array.from({ length: n }, () => fetch(`${sim.url}${simulator.path}`, { headers: simulator.headers })));

    it('serves at most maxInFlight requests at once and refuses the others with 429 and Retry-After', async () => {
      // The latency keeps the admitted requests in flight while the others arrive.
      sim.faults.set({ maxInFlight: 2, latencyMs: 400, retryAfterSeconds: 3 });
      const answers = await burst(5);
      const refused = answers.filter((a) => a.status === 429);
      expect(answers.filter((a) => a.status === 200)).to.have.length(2);
      expect(refused).to.have.length(3);
      refused.forEach((a) => expect(a.headers.get('retry-after')).to.equal('3'));
      expect(sim.faults.load()).to.deep.equal({ inFlight: 0, peakInFlight: 2, refusedOverLimit: 3 });
      // The bench reads the requests and the 429s among them the same way from each simulator.
      const counts = await fetch(`${sim.url}/__admin/requests/counts`);
      expect(await counts.json()).to.deep.equal({ total: 5, refused: 3 });
    });

    it('answers every request when the limit is off, and its admin route reports the peak', async () => {
      sim.faults.set({ latencyMs: 200 });
      const answers = await burst(4);
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 200]);
      const load = await fetch(`${sim.url}/__admin/load`);
      expect(await load.json()).to.deep.equal({ inFlight: 0, peakInFlight: 4, refusedOverLimit: 0 });
    });

    it('takes the limit and the latency from PUT /__admin/faults', async () => {
      const put = await fetch(`${sim.url}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ maxInFlight: 1, latencyMs: 300 }) });
      expect(put.status).to.equal(200);
      const answers = await burst(3);
      expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 429, 429]);
    });
  });
}
