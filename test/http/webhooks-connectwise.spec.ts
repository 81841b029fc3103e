import { expect } from 'chai';
import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator, type ConnectWiseSimulator } from '../../apps/simulator/connectwise/index.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

describe('ConnectWise callbacks into the API, end to end over HTTP', () => {
  let api: TestApi;
  let sim: ConnectWiseSimulator;
  let connectionId: string;
  const a = tokenFor(ORG_A);
  before(async () => {
    api = await startTestApi({ issues: 2, latencyMs: 0 });
    sim = await startConnectWiseSimulator({ serviceTickets: 6, projectTickets: 4, seed: 7 });
    const created = await api.http.call('POST', '/api/integrations', {
      token: a,
      body: { type: 'connectwise', baseUrl: sim.url, ...CONNECTWISE_SIM_MEMBER, registerCallbacks: true },
    });
    expect(created.status, JSON.stringify(created.json)).to.equal(201);
    connectionId = created.json.data.id;
    expect(created.json.data).to.include({ site: `${new URL(sim.url).host}/taskport`, hasPrivateKey: true });
    expect(JSON.stringify(created.json)).to.not.include(CONNECTWISE_SIM_MEMBER.privateKey);
    expect((await api.http.call('POST', `/api/integrations/${connectionId}/sync-now`, { token: a })).status).to.equal(200);
  });
  after(async () => {
    await api.close();
    await sim.close();
  });

  const task = async (key: string) => {
    const all = (await api.http.call('GET', '/api/external-tasks?includeDeleted=true&limit=500', { token: a })).json.data as Array<Record<string, unknown>>;
    return all.find((t) => t.key === key);
  };
  const deliver = async (body: string, signature: string) => {
    const answer = await fetch(`${api.url}/api/webhooks/connectwise/${connectionId}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-content-signature': signature }, body });
    await api.webhooks.drain();
    return answer.status;
  };

  it('registered a ticket callback at this API when the connection was created', () => {
    expect(sim.callbacks.list().map((c) => [c.url, c.type, c.level])).to.deep.equal([[`${api.url}/api/webhooks/connectwise/${connectionId}`, 'ticket', 'owner']]);
  });

  it('fetches an added or updated ticket again, even when the entity is missing or unreadable', async () => {
    const [first, second] = sim.store.all('service');
    sim.store.edit('service', first!.id, (t) => (t.summary = 'Edited in ConnectWise'));
    expect(await sim.callbacks.send('updated', 'service', first!.id)).to.deep.equal([200]);
    await api.webhooks.drain();
    expect(await task(`#${first!.id}`)).to.include({ title: 'Edited in ConnectWise' });

    sim.store.edit('service', second!.id, (t) => (t.summary = 'Entity left out'));
    expect(await sim.callbacks.send('updated', 'service', second!.id, { entity: 'garbled' })).to.deep.equal([200]);
    await api.webhooks.drain();
    expect(await task(`#${second!.id}`)).to.include({ title: 'Entity left out' });
  });

  it('marks a deleted ticket deleted, and answers a delivery sent again as a duplicate', async () => {
    const [, , third] = sim.store.all('service');
    expect(await sim.callbacks.send('deleted', 'service', third!.id)).to.deep.equal([200]);
    await api.webhooks.drain();
    expect((await task(`#${third!.id}`))?.deletedAt).to.be.a('string');
    const last = sim.callbacks.sent().at(-1)!;
    expect(await deliver(last.body, last.signature)).to.equal(200);
  });

  it('refuses a wrong signature and a key URL on another host with the same 401', async () => {
    const last = sim.callbacks.sent().at(-1)!;
    expect(await deliver(last.body, Buffer.alloc(32, 1).toString('base64'))).to.equal(401);
    const forged = JSON.parse(last.body) as Record<string, unknown>;
    forged.MessageId = 'forged-1';
    forged.Metadata = { key_url: 'https://attacker.example/key' };
    expect(await deliver(JSON.stringify(forged), last.signature)).to.equal(401);
  });

  it('answers 5xx when the signing key cannot be fetched, so ConnectWise retries', async () => {
    const last = sim.callbacks.sent().at(-1)!;
    const body = JSON.parse(last.body) as Record<string, unknown>;
    body.MessageId = 'unknown-key-1';
    body.Metadata = { key_url: `${sim.url}/v4_6_release/system/callbackkey/index.rails?id=unknown` };
    expect(await deliver(JSON.stringify(body), last.signature)).to.be.at.least(500);
  });

  it('removes its callback when the connection is deleted', async () => {
    expect((await api.http.call('DELETE', `/api/integrations/${connectionId}`, { token: a })).status).to.equal(204);
    expect(sim.callbacks.list()).to.deep.equal([]);
  });
});
