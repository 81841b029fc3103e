import { expect } from 'chai';
import { cachedWebhookConnections } from '../../adapters/cache/cached-webhook-connections.js';
import { asEntityId } from '../../core/index.js';
import { aConnectionInput } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, right, requester } from '../builders/harness.js';

describe('cached webhook connection lookups', () => {
  const setUp = async () => {
    const h = createHarness();
    const created = await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    let reads = 0;
    const counting = {
      ...h.adapters.connections,
      findForWebhook: (id: string) => () => ((reads += 1), h.adapters.connections.findForWebhook(asEntityId(id))()),
    };
    const cached = cachedWebhookConnections(counting, { ttlMs: 60_000 });
    return { h, id: asEntityId(created.id), cached, reads: () => reads };
  };

  it('reads a connection once for repeated and for concurrent lookups', async () => {
    const { id, cached, reads } = await setUp();
    const found = await Promise.all(Array.from({ length: 20 }, () => right(cached.findForWebhook(id))));
    expect(found.every((c) => c?.id === id)).to.equal(true);
    await right(cached.findForWebhook(id));
    expect(reads()).to.equal(1);
  });

  it('forgets a connection as soon as it is written through it', async () => {
    const { id, cached, reads } = await setUp();
    const before = await right(cached.findForWebhook(id));
    await right(cached.update({ ...before!, enabled: false }));
    expect((await right(cached.findForWebhook(id)))?.enabled).to.equal(false);
    expect(reads()).to.equal(2);
    await right(cached.delete(ORG_A, id));
    expect(await right(cached.findForWebhook(id))).to.equal(null);
  });

  it('remembers an unknown id like a known one, so timing does not tell them apart', async () => {
    const { cached, reads } = await setUp();
    const unknown = asEntityId('9f0e7c1a-3b2d-4e5f-8a6b-7c8d9e0f1a2b');
    expect(await right(cached.findForWebhook(unknown))).to.equal(null);
    expect(await right(cached.findForWebhook(unknown))).to.equal(null);
    expect(reads()).to.equal(1);
  });
});
