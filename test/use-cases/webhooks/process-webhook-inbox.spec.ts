import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import sinon from 'sinon';
import { DEFAULT_INBOX_LEASE_MS } from '../../../adapters/memory/index.js';
import { persistenceFailure } from '../../../core/index.js';
import { ORG_A, left, right, requester } from '../../builders/harness.js';
import { version, webhookHarness, type WebhookHarness } from './webhook-harness.js';

describe('processWebhookInbox: applying recorded deliveries', () => {
  let w: WebhookHarness;
  beforeEach(async () => (w = await webhookHarness()));
  afterEach(() => sinon.restore());
  const inbox = () => w.h.adapters.webhookInbox;
  const published = () => w.h.adapters.domainEvents.published;
  const pending = () => inbox().rows().filter((row) => row.completedAt === null);
  const afterLease = () => w.h.adapters.clock.advance(DEFAULT_INBOX_LEASE_MS + 1);

  it('has the delivery durably recorded, with its organization, bytes and identifier, when the answer is given, and applies nothing before', async () => {
    const delivery = w.upsert(version(1, 0), { deliveryId: 'recorded-first' });
    expect(await right(w.send(delivery))).to.deep.equal({ deliveryId: 'recorded-first', outcome: 'accepted' });
    const [row, ...others] = inbox().rows();
    expect(others).to.deep.equal([]);
    expect(row!.delivery).to.deep.include({ organizationId: ORG_A, connectionId: w.connectionId, provider: 'tracker', deliveryId: 'recorded-first', deliveryKey: 'webhook:tracker:acme.tracker.test:recorded-first', receivedAt: w.h.adapters.clock.now() });
    expect(Buffer.from(row!.delivery.rawBody).equals(delivery.rawBody)).to.equal(true);
    expect(row!.delivery.headers).to.deep.equal({ 'x-tracker-delivery': 'recorded-first' });
    expect([w.tasks(), published()]).to.deep.equal([[], []]);
  });

  it('applies a delivery again after a crash between claim and complete, without a second effect', async () => {
    await right(w.send(w.upsert(version(1, 0))));
    sinon.stub(inbox(), 'complete').returns(TE.left(persistenceFailure('the process died here')));
    await left(w.h.processWebhookInbox(10));
    expect([w.tasks().length, published().length, pending().length]).to.deep.equal([1, 1, 1]);
    const firstWrite = w.tasks()[0]!.updatedAt;
    sinon.restore();

    expect(await right(w.h.processWebhookInbox(10))).to.include({ claimed: 0 });
    afterLease();
    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 0, duplicate: 1, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect([w.tasks().length, published().length, pending().length]).to.deep.equal([1, 1, 0]);
    expect(w.tasks()[0]!.updatedAt).to.deep.equal(firstWrite);
  });

  it('leaves a delivery whose writes failed (the database down) for a later pass, and completes the others', async () => {
    await right(w.send(w.upsert(version(1, 0))));
    await right(w.send(w.upsert(version(2, 0))));
    const transaction = w.h.adapters.unitOfWork.transaction;
    sinon.stub(w.h.adapters.unitOfWork, 'transaction').onFirstCall().returns(TE.left(persistenceFailure('database down'))).callsFake(transaction);
    expect(await right(w.h.processWebhookInbox(10))).to.deep.equal({ claimed: 2, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 1, postponed: 0, deadLettered: [] });
    expect([w.tasks().length, pending().length]).to.deep.equal([1, 1]);
    afterLease();
    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect(w.tasks().map((t) => t.key).sort()).to.deep.equal(['PROJ-1', 'PROJ-2']);
  });

  it('completes and drops a delivery whose connection was deleted after it was recorded', async () => {
    await right(w.send(w.upsert(version(1, 0))));
    await right(w.h.deleteConnection(requester(ORG_A), w.connectionId));
    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 0, duplicate: 0, ignored: 0, dropped: 1, failed: 0, postponed: 0, deadLettered: [] }]);
    expect([w.tasks(), pending()]).to.deep.equal([[], []]);
  });

  it('keeps completed deliveries only as keys: their bodies are gone, a resend is still a duplicate', async () => {
    const delivery = w.upsert(version(1, 0));
    await right(w.send(delivery));
    await w.drain();
    expect(inbox().rows().map((row) => [row.delivery.rawBody.length, row.delivery.headers, row.completedAt])).to.deep.equal([[0, {}, w.h.adapters.clock.now()]]);
    expect(await right(w.send(delivery))).to.include({ outcome: 'duplicate' });
    expect(await w.drain()).to.deep.equal([]);
  });
});
