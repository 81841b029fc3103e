import { expect } from 'chai';
import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator, type ConnectWiseSimulator } from '../../apps/simulator/connectwise/index.js';
import { render } from '../../apps/simulator/connectwise/store.js';
import { editTicket } from '../providers/connectwise/connectwise-harness.js';

const headers = () => ({
  authorization: `Basic ${Buffer.from(`${CONNECTWISE_SIM_MEMBER.companyId}+${CONNECTWISE_SIM_MEMBER.publicKey}:${CONNECTWISE_SIM_MEMBER.privateKey}`).toString('base64')}`,
  clientid: CONNECTWISE_SIM_MEMBER.clientId,
});

/** The ConnectWise simulator renders each ticket once per version: what it answers must still be the ticket as it is now. */
describe('ConnectWise simulator: cached renders', () => {
  let sim: ConnectWiseSimulator;
  beforeEach(async () => (sim = await startConnectWiseSimulator({ serviceTickets: 8, projectTickets: 2, seed: 3 })));
  afterEach(() => sim.close());

  const list = async (query: string): Promise<Array<Record<string, unknown>>> => {
    const answer = await fetch(`${sim.url}/${CONNECTWISE_SIM_MEMBER.codebase}/apis/3.0/service/tickets?pageSize=1000&${query}`, { headers: headers() });
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-type')).to.match(/^application\/json/);
    return (await answer.json()) as Array<Record<string, unknown>>;
  };

  it('answers every ticket as rendered now, and an edit in the next list, whole or by fields', async () => {
    const [ticket] = sim.store.all('service');
    expect(await list('')).to.deep.equal(sim.store.all('service').map(render));
    expect((await list('fields=id,summary')).find((t) => t.id === ticket!.id)).to.deep.equal({ id: ticket!.id, summary: ticket!.summary });

    await editTicket(sim.url, 'service', ticket!.id, 'Edited after a list');

    const whole = await list('');
    expect(whole.find((t) => t.id === ticket!.id)).to.deep.include({ summary: 'Edited after a list' });
    expect(whole).to.deep.equal(sim.store.all('service').map(render));
    expect((await list('fields=id,summary')).find((t) => t.id === ticket!.id)).to.deep.equal({ id: ticket!.id, summary: 'Edited after a list' });
    expect(await list(`conditions=${encodeURIComponent('summary = "Edited after a list"')}`)).to.have.length(1);
  });
});
