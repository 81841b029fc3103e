import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import sinon from 'sinon';
import { asEntityId, type WebhookVerifier } from '../../../core/index.js';
import { aJiraConnectionInput } from '../../builders/connection-input-builder.js';
import { ORG_A, ORG_B, id, left, right } from '../../builders/harness.js';
import { hmacHex, jiraIssueWebhook, signedDelivery } from '../../builders/jira-webhook-builder.js';
import { SECRET, version, webhookHarness } from './webhook-harness.js';

const INVALID = { _tag: 'WebhookSignatureInvalid' };

describe('receiveWebhook: who may deliver', () => {
  let w: Awaited<ReturnType<typeof webhookHarness>>;
  beforeEach(async () => (w = await webhookHarness()));
  const payload = () => jiraIssueWebhook('jira:issue_created', version(1, 0));

  it('accepts a delivery signed in X-Hub-Signature (sha256=) or X-Jira-Signature (bare hex)', async () => {
    expect(await right(w.send(signedDelivery(payload(), { secret: SECRET, style: 'hub' })))).to.include({ outcome: 'accepted' });
    const other = jiraIssueWebhook('jira:issue_created', version(2, 0));
    expect(await right(w.send(signedDelivery(other, { secret: SECRET, style: 'jira' })))).to.include({ outcome: 'accepted' });
    await w.drain();
    expect(w.tasks().map((t) => t.key).sort()).to.deep.equal(['PROJ-1', 'PROJ-2']);
  });

  it('refuses wrong, missing, truncated and other-algorithm signatures, and changes nothing', async () => {
    const body = JSON.stringify(payload());
    const digest = hmacHex(body, SECRET);
    const sha1 = createHmac('sha1', SECRET).update(body).digest('hex');
    const attempts: Array<Record<string, string>> = [
      { 'x-hub-signature': `sha256=${hmacHex(body, 'another-secret')}` },
      {},
      { 'x-hub-signature': `sha256=${digest.slice(0, 63)}` },
      { 'x-hub-signature': `sha256=${digest.slice(0, 32)}` },
      { 'x-hub-signature': `sha1=${sha1}` },
      { 'x-hub-signature': digest },
      { 'x-hub-signature-256': `sha256=${digest}` },
      { 'x-jira-signature': `sha256=${digest}` },
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
    const verify = sinon.spy(w.h.adapters.webhooks('jira')!.verifier, 'verify');
    try {
      const signed = signedDelivery(payload(), { secret: SECRET });
      const unknown = await left(w.send(signed, asEntityId('5a5a5a5a-0000-4000-8000-000000000000')));
      const badSignature = await left(w.send({ ...signed, headers: { ...signed.headers, 'x-hub-signature': 'sha256=' + '0'.repeat(64) } }));
      expect(unknown).to.deep.equal(INVALID);
      expect(badSignature).to.deep.equal(unknown);
      expect(verify.callCount).to.equal(2);
      expect(verify.args.map(([, , secrets]: Parameters<WebhookVerifier['verify']>) => secrets.length)).to.deep.equal([1, 1]);
    } finally {
      verify.restore();
    }
  });

  it('refuses every delivery to a connection without a secret, even one signed with an empty key', async () => {
    const bare = await right(w.h.createConnection(ORG_A, aJiraConnectionInput({ baseUrl: 'https://bare.atlassian.net' })));
    for (const secret of ['', SECRET]) {
      expect(await left(w.send(signedDelivery(payload(), { secret }), id(bare.id)))).to.deep.equal(INVALID);
    }
  });

  it("takes the organization from the connection: another organization's id with this secret is refused", async () => {
    const theirs = await right(w.h.createConnection(ORG_B, aJiraConnectionInput({ webhookSecret: 'whsec-of-org-b' })));
    expect(await left(w.send(signedDelivery(payload(), { secret: SECRET }), id(theirs.id)))).to.deep.equal(INVALID);
    await right(w.send(signedDelivery(payload(), { secret: 'whsec-of-org-b' }), id(theirs.id)));
    await w.drain();
    expect(w.tasks().map((t) => t.organizationId)).to.deep.equal([ORG_B]);
  });

  it('says a connection is disabled, or a payload unreadable, only to a sender with a valid signature', async () => {
    const notJson = signedDelivery('{"webhookEvent": ', { secret: SECRET });
    expect(await left(w.send(notJson))).to.deep.include({ _tag: 'WebhookPayloadInvalid' });
    expect(await left(w.send({ ...notJson, headers: {} }))).to.deep.equal(INVALID);
    await right(w.h.updateConnection(ORG_A, w.connectionId, { enabled: false }));
    expect(await left(w.send(signedDelivery(payload(), { secret: SECRET })))).to.deep.equal({ _tag: 'WebhookConnectionDisabled', connectionId: w.connectionId });
    expect(await left(w.send(signedDelivery(payload(), { secret: 'guess' })))).to.deep.equal(INVALID);
    await w.drain();
    expect(w.tasks()).to.deep.equal([]);
    expect(w.h.adapters.webhookInbox.rows()).to.deep.equal([]);
  });
});
