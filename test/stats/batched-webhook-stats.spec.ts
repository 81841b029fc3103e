import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import sinon from 'sinon';
import { memoryConnectionRepository, emptyState } from '../../adapters/memory/index.js';
import { batchedWebhookStats } from '../../adapters/stats/batched-webhook-stats.js';
import { persistenceFailure, type ConnectionRepository } from '../../core/index.js';
import { aConnection } from '../support/builders/connection.js';
import { expectRight } from '../support/either.js';

describe('batched webhook statistics', () => {
  let clock: sinon.SinonFakeTimers;
  let connections: ConnectionRepository;
  let writes: number;
  const [a, b] = [aConnection(), aConnection()];
  beforeEach(async () => {
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const inner = memoryConnectionRepository(emptyState());
    writes = 0;
    connections = { ...inner, addWebhookStats: (...args) => ((writes += 1), inner.addWebhookStats(...args)) };
    for (const c of [a, b]) await expectRight(connections.insert(c));
  });
  afterEach(() => clock.restore());
  const statsOf = async (c: typeof a) => (await expectRight(connections.findById(c.organizationId, c.id)))!.webhookStats;
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

  it('writes every count once, as one increment per connection per interval', async () => {
    const stats = batchedWebhookStats(connections, { intervalMs: 500 });
    for (let i = 0; i < 200; i += 1) {
      const target = i % 4 === 0 ? b : a;
      await stats.record(target.organizationId, target.id, i % 10 === 0 ? 'refused' : 'accepted', at(i % 60))();
    }
    expect(writes).to.equal(0);
    await clock.tickAsync(500);
    expect(writes).to.equal(2);
    expect(await statsOf(a)).to.deep.equal({ accepted: 140, refused: 10, lastWebhookAt: at(59) });
    expect(await statsOf(b)).to.deep.equal({ accepted: 40, refused: 10, lastWebhookAt: at(56) });
    await stats.close();
    expect(writes).to.equal(2);
  });

  it('keeps counts whose write failed for the next flush, and flushes on close', async () => {
    const errors: string[] = [];
    let failing = true;
    const flaky = { addWebhookStats: (...args: Parameters<ConnectionRepository['addWebhookStats']>) => (failing ? TE.left(persistenceFailure('down')) : connections.addWebhookStats(...args)) };
    const stats = batchedWebhookStats(flaky, { intervalMs: 500, onError: (e) => errors.push(e) });
    await stats.record(a.organizationId, a.id, 'accepted', at(1))();
    await stats.flush();
    expect(errors).to.deep.equal(['down']);
    failing = false;
    await stats.record(a.organizationId, a.id, 'refused', at(2))();
    await stats.close();
    expect(await statsOf(a)).to.deep.equal({ accepted: 1, refused: 1, lastWebhookAt: at(1) });
  });
});
