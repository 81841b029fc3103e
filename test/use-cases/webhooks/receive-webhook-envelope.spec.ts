import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { asEntityId, webhookPayloadInvalid, type WebhookHandler } from '../../../core/index.js';
import { FAKE_TRACKER_DELIVERY_HEADER, fakeTrackerWebhooks } from '../../../adapters/memory/index.js';
import { aConnectionInput } from '../../builders/connection-input-builder.js';
import { createHarness, ORG_A, requester, right } from '../../builders/harness.js';
import { anotherTracker } from '../../builders/tracker-providers.js';
import { otherDelivery, signedDelivery, upsertDelivery, type SignedDelivery } from '../../builders/tracker-webhook-builder.js';
import { SECRET, version } from './webhook-harness.js';

const RECORDED = new Set(['upsert', 'delete', 'refetch']);

/** The fake tracker's handler with an envelope reader, counting the deliveries it decodes in full. */
const leanWebhooks = () => {
  const full = fakeTrackerWebhooks();
  const decoded: string[] = [];
  const handler: WebhookHandler = {
    ...full,
    identify: (rawBody, headers) =>
      E.tryCatch(
        () => {
          const { event } = JSON.parse(Buffer.from(rawBody).toString('utf8')) as { event: string };
          return { deliveryId: headers[FAKE_TRACKER_DELIVERY_HEADER] ?? 'no-id', ignored: RECORDED.has(event) ? null : event };
        },
        () => webhookPayloadInvalid('The webhook body is not JSON'),
      ),
    decode: (rawBody, headers, connection) => {
      decoded.push(headers[FAKE_TRACKER_DELIVERY_HEADER] ?? 'no-id');
      return full.decode(rawBody, headers, connection);
    },
  };
  return { handler, decoded };
};

const leanHarness = async (connection: Record<string, unknown> = {}) => {
  const lean = leanWebhooks();
  const h = createHarness({ extraProviders: [anotherTracker('lean', { webhooks: lean.handler })] });
  const created = await right(h.createConnection(requester(ORG_A), aConnectionInput({ type: 'lean', webhookSecret: SECRET, ...connection })));
  const send = (delivery: SignedDelivery) => h.receiveWebhook({ provider: 'lean', connectionId: asEntityId(created.id), rawBody: delivery.rawBody, headers: delivery.headers });
  const tasks = () => [...h.adapters.state.tasks.values()];
  return { h, send, tasks, decoded: lean.decoded };
};

describe('receiveWebhook: answering from the envelope', () => {
  it('records a delivery without decoding its item, which is decoded once, when it is applied', async () => {
    const w = await leanHarness();
    const delivery = signedDelivery(upsertDelivery(version(1, 0)), { secret: SECRET, deliveryId: 'd-1' });
    expect(await right(w.send(delivery))).to.deep.equal({ deliveryId: 'd-1', outcome: 'accepted' });
    expect(await right(w.send(delivery))).to.deep.equal({ deliveryId: 'd-1', outcome: 'duplicate' });
    expect(w.decoded).to.deep.equal([]);
    expect(await right(w.h.processWebhookInbox(10))).to.include({ claimed: 1, applied: 1 });
    expect(w.decoded).to.deep.equal(['d-1']);
    expect(w.tasks().map((t) => t.title)).to.deep.equal(['Issue 1 at minute 0']);
  });

  it('acknowledges an event it does not use from the envelope alone, recording nothing', async () => {
    const w = await leanHarness();
    expect(await right(w.send(signedDelivery(otherDelivery('comment_added'), { secret: SECRET, deliveryId: 'd-2' })))).to.deep.equal({ deliveryId: 'd-2', outcome: 'ignored' });
    expect(w.h.adapters.webhookInbox.rows()).to.deep.equal([]);
    expect(w.decoded).to.deep.equal([]);
  });

  it('still refuses an unreadable envelope with a 400-kind error, after the signature', async () => {
    const w = await leanHarness();
    const result = await w.send(signedDelivery('{"event": ', { secret: SECRET }))();
    expect(E.isLeft(result) && result.left._tag).to.equal('WebhookPayloadInvalid');
  });

  it('dead-letters at once, with the reason, a delivery whose envelope was read but whose item cannot be: kept for a replay, never silently dropped', async () => {
    const w = await leanHarness();
    const unreadable = signedDelivery({ event: 'upsert', issue: { title: 'no id, no version' } }, { secret: SECRET, deliveryId: 'd-3' });
    expect(await right(w.send(unreadable))).to.deep.equal({ deliveryId: 'd-3', outcome: 'accepted' });

    const pass = await right(w.h.processWebhookInbox(10));

    expect(pass).to.include({ claimed: 1, applied: 0, dropped: 0, failed: 0 });
    expect(pass.deadLettered.map((letter) => [letter.deliveryId, letter.attempts])).to.deep.equal([['d-3', 1]]);
    expect(pass.deadLettered[0]!.reason).to.match(/^Its item cannot be read: /);
    expect(w.h.adapters.webhookInbox.rows().map((row) => [row.delivery.deliveryId, row.deadLetteredAt !== null, row.delivery.rawBody.length > 0])).to.deep.equal([['d-3', true, true]]);
    expect(w.tasks()).to.deep.equal([]);
  });

  it("decodes the whole delivery for a connection scoped to some projects, so other projects' items stay unrecorded", async () => {
    const w = await leanHarness({ projectScope: ['OPS'] });
    expect(await right(w.send(signedDelivery(upsertDelivery(version(1, 0)), { secret: SECRET, deliveryId: 'd-4' })))).to.include({ outcome: 'ignored' });
    expect(w.h.adapters.webhookInbox.rows()).to.deep.equal([]);
    const ops = signedDelivery(upsertDelivery(version(2, 0, { key: 'OPS-2', projectKey: 'OPS' })), { secret: SECRET, deliveryId: 'd-5' });
    expect(await right(w.send(ops))).to.include({ outcome: 'accepted' });
    expect(w.decoded).to.deep.equal(['d-4', 'd-5']);
  });
});
