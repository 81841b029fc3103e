import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import sinon from 'sinon';
import { unstorableData } from '../../../core/index.js';
import { ORG_A, ORG_B, left, right, requester } from '../../builders/harness.js';
import { version, webhookHarness, type WebhookHarness } from './webhook-harness.js';

const REFUSED = 'Writing tasks failed: the database refused a value: date/time field value out of range';

describe('webhook dead letters: a delivery that keeps failing is set aside, shown, and replayed after a fix', () => {
  let w: WebhookHarness;
  beforeEach(async () => (w = await webhookHarness()));
  afterEach(() => sinon.restore());
  const clock = () => w.h.adapters.clock;
  const seconds = (n: number) => clock().advance(n * 1000);
  /** Every write of a webhook fails, as the database refusing the delivery's values would make it. */
  const refuseWrites = () => sinon.stub(w.h.adapters.unitOfWork, 'transaction').returns(TE.left(unstorableData(REFUSED)));
  const pass = () => right(w.h.processWebhookInbox(10));

  it('tries a failing delivery five times, waiting 30 s, then 1, 2 and 4 min, and dead-letters it after the fifth with the reason', async () => {
    const receivedAt = clock().now();
    await right(w.send(w.upsert(version(1, 0), { deliveryId: 'stuck' })));
    refuseWrites();
    expect(await pass()).to.include({ claimed: 1, failed: 1 });
    for (const wait of [30, 60, 120]) {
      seconds(wait - 1);
      expect(await pass(), `${wait} s`).to.include({ claimed: 0 });
      seconds(1);
      expect(await pass(), `${wait} s`).to.deep.include({ claimed: 1, failed: 1, postponed: 0, deadLettered: [] });
    }
    seconds(239);
    expect(await pass()).to.include({ claimed: 0 });
    seconds(1);
    const deadLetteredAt = clock().now();
    const last = await pass();
    expect(last).to.deep.include({ claimed: 1, failed: 0 });
    expect(last.deadLettered).to.deep.equal([
      { id: last.deadLettered[0]!.id, organizationId: ORG_A, connectionId: w.connectionId, provider: 'tracker', deliveryId: 'stuck', attempts: 5, reason: REFUSED },
    ]);
    seconds(3_600);
    expect(await pass()).to.include({ claimed: 0 });
    expect(await right(w.h.listWebhookDeadLetters(ORG_A, w.connectionId))).to.deep.equal([
      { id: last.deadLettered[0]!.id, connectionId: w.connectionId, provider: 'tracker', deliveryId: 'stuck', receivedAt, attempts: 5, reason: REFUSED, deadLetteredAt },
    ]);
    expect(await w.stats()).to.include({ deadLetters: 1 });
    expect(w.tasks()).to.deep.equal([]);
  });

  it('applies a replayed delivery once the cause is fixed, once, and audits the replay', async () => {
    await right(w.send(w.upsert(version(1, 0), { deliveryId: 'stuck' })));
    await right(w.send(w.upsert(version(2, 0), { deliveryId: 'also-stuck' })));
    const refused = refuseWrites();
    for (let attempt = 1; attempt <= 5; attempt += 1, seconds(3_600)) await pass();
    const letters = await right(w.h.listWebhookDeadLetters(ORG_A, w.connectionId));
    expect(letters.map((l) => l.deliveryId).sort()).to.deep.equal(['also-stuck', 'stuck']);
    refused.restore();

    const one = letters.find((l) => l.deliveryId === 'stuck')!;
    expect(await right(w.h.replayWebhookDeadLetters(requester(ORG_A), w.connectionId, one.id))).to.deep.equal({ replayed: 1 });
    expect(await left(w.h.replayWebhookDeadLetters(requester(ORG_A), w.connectionId, one.id))).to.deep.equal({ _tag: 'WebhookDeadLetterNotFound', deadLetterId: one.id });
    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect(await w.stats()).to.include({ deadLetters: 1 });

    expect(await right(w.h.replayWebhookDeadLetters(requester(ORG_A), w.connectionId, null))).to.deep.equal({ replayed: 1 });
    expect(await w.drain()).to.deep.equal([{ claimed: 1, applied: 1, duplicate: 0, ignored: 0, dropped: 0, failed: 0, postponed: 0, deadLettered: [] }]);
    expect(w.tasks().map((t) => t.key).sort()).to.deep.equal(['PROJ-1', 'PROJ-2']);
    expect(await right(w.h.replayWebhookDeadLetters(requester(ORG_A), w.connectionId, null))).to.deep.equal({ replayed: 0 });
    expect(await w.stats()).to.include({ deadLetters: 0 });
    const audit = await right(w.h.listAuditEvents(ORG_A, { action: 'connection.webhooks_replayed' }));
    expect(audit.items.map((e) => e.summary)).to.deep.equal([{ deadLetterIds: [letters.find((l) => l.deliveryId === 'also-stuck')!.id] }, { deadLetterIds: [one.id] }]);
  });

  it('keeps another organization out: its lists are 404, its replays touch nothing', async () => {
    await right(w.send(w.upsert(version(1, 0))));
    refuseWrites();
    for (let attempt = 1; attempt <= 5; attempt += 1, seconds(3_600)) await pass();
    expect(await left(w.h.listWebhookDeadLetters(ORG_B, w.connectionId))).to.include({ _tag: 'ConnectionNotFound' });
    expect(await left(w.h.replayWebhookDeadLetters(requester(ORG_B), w.connectionId, null))).to.include({ _tag: 'ConnectionNotFound' });
    expect(await right(w.h.listWebhookDeadLetters(ORG_A, w.connectionId))).to.have.length(1);
  });

  it('dead-letters a delivery whose every claimer stopped before recording an outcome, without trying it again', async () => {
    await right(w.send(w.upsert(version(1, 0), { deliveryId: 'crashing' })));
    for (let claim = 1; claim <= 5; claim += 1, seconds(3_600)) await right(w.h.adapters.webhookInbox.claim(10, clock().now()));
    const pass6 = await pass();
    expect(pass6.deadLettered.map((l) => [l.deliveryId, l.attempts, l.reason])).to.deep.equal([
      ['crashing', 6, 'Claimed 5 times without an outcome: the process applying it stopped each time'],
    ]);
    expect(w.tasks()).to.deep.equal([]);
  });
});
