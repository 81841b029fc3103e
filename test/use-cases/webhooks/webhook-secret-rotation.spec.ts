import { expect } from 'chai';
import { ORG_A, left, right, requester } from '../../builders/harness.js';
import { SECRET, version, webhookHarness, type WebhookHarness } from './webhook-harness.js';

const HOUR = 3_600_000;
const NEW_SECRET = 'whsec-rotated-secret';

describe('receiveWebhook: rotating the secret', () => {
  let w: WebhookHarness;
  let minute = 0;
  beforeEach(async () => {
    w = await webhookHarness({ webhookSecretGraceMs: 2 * HOUR });
    minute = 0;
  });
  const deliver = (secret: string) => w.send(w.upsert(version(1, (minute += 1)), { secret }));

  it('accepts the old and the new secret during the grace period, then only the new one', async () => {
    const rotated = await right(w.h.updateConnection(requester(ORG_A), w.connectionId, { webhookSecret: NEW_SECRET }));
    const graceEnds = new Date(w.h.adapters.clock.now().getTime() + 2 * HOUR);
    expect(rotated.webhooks.previousSecretValidUntil).to.deep.equal(graceEnds);

    w.h.adapters.clock.set(new Date(graceEnds.getTime() - 1));
    await right(deliver(SECRET));
    await right(deliver(NEW_SECRET));

    w.h.adapters.clock.set(graceEnds);
    expect(await left(deliver(SECRET))).to.deep.equal({ _tag: 'WebhookSignatureInvalid' });
    await right(deliver(NEW_SECRET));
    expect(await w.stats()).to.include({ accepted: 3, refused: 1 });
  });

  it('keeps only the secret just replaced when rotating again, and no secret after removing it', async () => {
    await right(w.h.updateConnection(requester(ORG_A), w.connectionId, { webhookSecret: NEW_SECRET }));
    await right(w.h.updateConnection(requester(ORG_A), w.connectionId, { webhookSecret: 'whsec-third' }));
    expect(await left(deliver(SECRET))).to.deep.include({ _tag: 'WebhookSignatureInvalid' });
    await right(deliver(NEW_SECRET));
    await right(deliver('whsec-third'));

    const removed = await right(w.h.updateConnection(requester(ORG_A), w.connectionId, { webhookSecret: null }));
    expect(removed).to.deep.include({ hasWebhookSecret: false });
    expect(removed.webhooks.previousSecretValidUntil).to.equal(null);
    for (const secret of [NEW_SECRET, 'whsec-third']) expect(await left(deliver(secret))).to.deep.include({ _tag: 'WebhookSignatureInvalid' });
  });

  it('leaves the secrets alone when an update does not name one', async () => {
    await right(w.h.updateConnection(requester(ORG_A), w.connectionId, { webhookSecret: NEW_SECRET }));
    const before = w.h.adapters.state.connections.get(w.connectionId)!;
    await right(w.h.updateConnection(requester(ORG_A), w.connectionId, { name: 'Renamed' }));
    const after = w.h.adapters.state.connections.get(w.connectionId)!;
    expect([after.webhookSecret, after.previousWebhookSecret]).to.deep.equal([before.webhookSecret, before.previousWebhookSecret]);
  });

  it('sets a first secret with nothing to keep, and with a zero grace replaces a secret at once', async () => {
    const first = await webhookHarness({ connection: { webhookSecret: undefined } });
    const set = await right(first.h.updateConnection(requester(ORG_A), first.connectionId, { webhookSecret: SECRET }));
    expect(set).to.deep.include({ hasWebhookSecret: true });
    expect(set.webhooks.previousSecretValidUntil).to.equal(null);

    const immediate = await webhookHarness({ webhookSecretGraceMs: 0 });
    const rotated = await right(immediate.h.updateConnection(requester(ORG_A), immediate.connectionId, { webhookSecret: NEW_SECRET }));
    expect(rotated.webhooks.previousSecretValidUntil).to.equal(null);
    expect(await left(immediate.send(immediate.upsert(version(1, 1))))).to.deep.include({ _tag: 'WebhookSignatureInvalid' });
  });
});
