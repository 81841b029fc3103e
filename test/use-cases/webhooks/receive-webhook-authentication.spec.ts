import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import sinon from 'sinon';
import { asEntityId, type WebhookHandler } from '../../../core/index.js';
import { aConnectionInput } from '../../builders/connection-input-builder.js';
import { ORG_A, ORG_B, id, left, right, requester } from '../../builders/harness.js';
import { anotherTracker } from '../../builders/tracker-providers.js';
import { hmacHex, signedDelivery, upsertDelivery } from '../../builders/tracker-webhook-builder.js';
import { SECRET, version, webhookHarness, type WebhookHarness } from './webhook-harness.js';

const INVALID = { _tag: 'WebhookSignatureInvalid' };

describe('receiveWebhook: who may deliver', () => {
  let w: WebhookHarness;
  beforeEach(async () => (w = await webhookHarness()));
  const payload = () => upsertDelivery(version(1, 0));

  it('accepts deliveries signed in X-Tracker-Signature (hex HMAC-SHA256 of the body), in either case of hex', async () => {
    expect(await right(w.send(signedDelivery(payload(), { secret: SECRET })))).to.include({ outcome: 'accepted' });
    const other = signedDelivery(upsertDelivery(version(2, 0)), { secret: SECRET });
    const upperCase = { ...other, headers: { ...other.headers, 'x-tracker-signature': other.headers['x-tracker-signature']!.toUpperCase() } };
    expect(await right(w.send(upperCase))).to.include({ outcome: 'accepted' });
    await w.drain();
    expect(w.tasks().map((t) => t.key).sort()).to.deep.equal(['PROJ-1', 'PROJ-2']);
  });

  it('refuses wrong, missing, truncated and other-algorithm signatures, and changes nothing', async () => {
    const body = JSON.stringify(payload());
    const digest = hmacHex(body, SECRET);
    const sha1 = createHmac('sha1', SECRET).update(body).digest('hex');
    const attempts: Array<Record<string, string>> = [
      { 'x-tracker-signature': hmacHex(body, 'another-secret') },
      {},
      { 'x-tracker-signature': digest.slice(0, 63) },
      { 'x-tracker-signature': digest.slice(0, 32) },
      { 'x-tracker-signature': sha1 },
      { 'x-tracker-signature': `sha256=${digest}` },
      { 'x-tracker-signature': Buffer.from(digest, 'hex').toString('base64') },
      { 'x-hub-signature': `sha256=${digest}` },
      { 'x-tracker-signature-256': digest },
    ];
    for (const headers of attempts) {
      expect(await left(w.send({ rawBody: Buffer.from(body), headers })), JSON.stringify(headers)).to.deep.equal(INVALID);
    }
    await w.drain();
    expect(w.tasks()).to.deep.equal([]);
    expect(w.h.adapters.webhookInbox.rows()).to.deep.equal([]);
    expect(await w.stats()).to.include({ accepted: 0, refused: attempts.length, lastWebhookAt: null });
  });

  it('refuses a body changed after signing: the signature covers the exact bytes', async () => {
    const good = signedDelivery(payload(), { secret: SECRET });
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(good.rawBody.toString()), null, 2));
    expect(await left(w.send({ rawBody: reformatted, headers: good.headers }))).to.deep.equal(INVALID);
  });

  it('answers an unknown connection exactly like a bad signature, after the same HMAC work', async () => {
    const verify = sinon.spy(w.h.adapters.provider.webhooks!, 'verify');
    try {
      const signed = signedDelivery(payload(), { secret: SECRET });
      const unknown = await left(w.send(signed, asEntityId('5a5a5a5a-0000-4000-8000-000000000000')));
      const badSignature = await left(w.send({ ...signed, headers: { ...signed.headers, 'x-tracker-signature': '0'.repeat(64) } }));
      expect(unknown).to.deep.equal(INVALID);
      expect(badSignature).to.deep.equal(unknown);
      expect(verify.callCount).to.equal(2);
      const signers = verify.args.map(([, , signer]: Parameters<WebhookHandler['verify']>) => signer);
      expect(signers.map((signer) => signer.secrets.length)).to.deep.equal([1, 1]);
      expect(signers.map((signer) => signer.connection?.site ?? null)).to.deep.equal([null, 'acme.tracker.test']);
    } finally {
      verify.restore();
    }
  });

  it('refuses every delivery to a connection without a secret, even one signed with an empty key', async () => {
    const bare = await right(w.h.createConnection(requester(ORG_A), aConnectionInput({ baseUrl: 'https://bare.tracker.test' })));
    for (const secret of ['', SECRET]) {
      expect(await left(w.send(signedDelivery(payload(), { secret }), id(bare.id)))).to.deep.equal(INVALID);
    }
  });

  it("takes the organization from the connection: another organization's id with this secret is refused", async () => {
    const theirs = await right(w.h.createConnection(requester(ORG_B), aConnectionInput({ webhookSecret: 'whsec-of-org-b' })));
    expect(await left(w.send(signedDelivery(payload(), { secret: SECRET }), id(theirs.id)))).to.deep.equal(INVALID);
    await right(w.send(signedDelivery(payload(), { secret: 'whsec-of-org-b' }), id(theirs.id)));
    await w.drain();
    expect(w.tasks().map((t) => t.organizationId)).to.deep.equal([ORG_B]);
  });

  it('refuses a delivery naming the connection under another provider exactly like an unknown connection, and an unknown provider as not found', async () => {
    const two = await webhookHarness({ extraProviders: [anotherTracker('other-tracker')] });
    const signed = signedDelivery(payload(), { secret: SECRET });
    const viaOther = (provider: string) => two.h.receiveWebhook({ provider, connectionId: two.connectionId, rawBody: signed.rawBody, headers: signed.headers });
    expect(await left(viaOther('other-tracker'))).to.deep.equal(INVALID);
    expect(await left(viaOther('no-such-tracker'))).to.deep.equal({ _tag: 'ProviderNotFound', provider: 'no-such-tracker' });
    expect(two.h.adapters.webhookInbox.rows()).to.deep.equal([]);
    expect(await right(viaOther('tracker'))).to.include({ outcome: 'accepted' });
  });

  it('says a connection is disabled, or a payload unreadable, only to a sender with a valid signature', async () => {
    const notJson = signedDelivery('{"event": ', { secret: SECRET });
    expect(await left(w.send(notJson))).to.deep.include({ _tag: 'WebhookPayloadInvalid' });
    expect(await left(w.send({ ...notJson, headers: {} }))).to.deep.equal(INVALID);
    await right(w.h.updateConnection(requester(ORG_A), w.connectionId, { enabled: false }));
    expect(await left(w.send(signedDelivery(payload(), { secret: SECRET })))).to.deep.equal({ _tag: 'WebhookConnectionDisabled', connectionId: w.connectionId });
    expect(await left(w.send(signedDelivery(payload(), { secret: 'guess' })))).to.deep.equal(INVALID);
    await w.drain();
    expect(w.tasks()).to.deep.equal([]);
    expect(w.h.adapters.webhookInbox.rows()).to.deep.equal([]);
  });
});
