import { expect } from 'chai';
import { aConnectionInput } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, id, left, right, requester } from '../builders/harness.js';
import { anotherTracker, ownKeyWebhooks, TRACKER_OWN_SIGNING_KEY } from '../builders/tracker-providers.js';
import { signedDelivery, upsertDelivery } from '../builders/tracker-webhook-builder.js';
import { anIssue } from '../builders/source-issue-builder.js';

const NOT_SIGNED_WITH_SECRET = (displayName: string) => `is not an allowed field: ${displayName} webhooks are not signed with a secret set here`;

describe('providers', () => {
  describe('listProviders', () => {
    it("answers the fake tracker's catalogue: its auth modes, its fields with which are secret and required, webhooks and OAuth", async () => {
      const catalogue = await right(createHarness().listProviders());

      expect(catalogue.map((p) => p.name)).to.deep.equal(['tracker']);
      const [tracker] = catalogue;
      expect(tracker).to.deep.include({ name: 'tracker', displayName: 'Test Tracker', authModes: ['api-token', 'oauth2'], webhooks: { available: true, signedWithSecret: true } });
      expect(tracker!.oauth).to.deep.equal({ available: true, siteIdField: 'siteId', startFields: [] });
      expect(tracker!.fields.map((f) => ({ name: f.name, secret: f.secret, required: f.required }))).to.deep.equal([
        { name: 'name', secret: false, required: false },
        { name: 'baseUrl', secret: false, required: true },
        { name: 'email', secret: false, required: true },
        { name: 'apiToken', secret: true, required: true },
        { name: 'filter', secret: false, required: false },
        { name: 'webhookSecret', secret: true, required: false },
      ]);
    });

    it('says which providers have no webhooks, no shared secret or no OAuth', async () => {
      const h = createHarness({ extraProviders: [anotherTracker('keyed', { webhooks: ownKeyWebhooks() }), anotherTracker('quiet', { webhooks: null })] });
      const catalogue = await right(h.listProviders());
      const entry = (name: string) => catalogue.find((p) => p.name === name)!;

      expect(catalogue.map((p) => p.name)).to.deep.equal(['tracker', 'keyed', 'quiet']);
      expect(entry('keyed')).to.deep.include({ webhooks: { available: true, signedWithSecret: false } });
      expect(entry('quiet')).to.deep.include({ webhooks: { available: false, signedWithSecret: false } });
      for (const name of ['keyed', 'quiet']) {
        expect(entry(name).oauth, name).to.deep.equal({ available: false, siteIdField: null, startFields: [] });
        expect(entry(name).fields.map((f) => f.name), name).not.to.include('webhookSecret');
      }
    });
  });

  describe('createConnection and the provider a body names', () => {
    const h = () => createHarness({ extraProviders: [anotherTracker('keyed', { displayName: 'Keyed Tracker', webhooks: ownKeyWebhooks() }), anotherTracker('quiet', { displayName: 'Quiet Tracker', webhooks: null })] });

    it('refuses an unknown type, naming `type` and the providers there are, without judging the fields it cannot know', async () => {
      const error = await left(h().createConnection(requester(ORG_A), aConnectionInput({ type: 'nope', email: 'not an e-mail' })));
      expect(error).to.deep.equal({ _tag: 'InvalidInput', message: 'The input is invalid', details: [{ path: 'type', message: 'must be one of tracker, keyed, quiet' }] });
      const missing = await left(h().createConnection(requester(ORG_A), { name: 'No type' }));
      expect(missing._tag === 'InvalidInput' && missing.details.map((d) => d.path)).to.deep.equal(['type']);
    });

    it('refuses a webhook secret, on create and on update, for a provider whose webhooks use none or that has no webhooks', async () => {
      const harness = h();
      for (const [type, displayName] of [['keyed', 'Keyed Tracker'], ['quiet', 'Quiet Tracker']] as const) {
        const refused = await left(harness.createConnection(requester(ORG_A), aConnectionInput({ type, baseUrl: `https://${type}.tracker.test`, webhookSecret: 'whsec-x' })));
        expect(refused, type).to.deep.equal({ _tag: 'InvalidInput', message: 'The input is invalid', details: [{ path: 'webhookSecret', message: NOT_SIGNED_WITH_SECRET(displayName) }] });
        const created = await right(harness.createConnection(requester(ORG_A), aConnectionInput({ type, baseUrl: `https://${type}.tracker.test` })));
        expect(created, type).to.include({ provider: type, hasWebhookSecret: false, hasApiToken: true });
        const update = await left(harness.updateConnection(requester(ORG_A), id(created.id), { webhookSecret: 'whsec-x' }));
        expect(update, type).to.deep.include({ details: [{ path: 'webhookSecret', message: NOT_SIGNED_WITH_SECRET(displayName) }] });
      }
      expect(await right(harness.createConnection(requester(ORG_A), aConnectionInput({ webhookSecret: 'whsec-x' })))).to.include({ provider: 'tracker', hasWebhookSecret: true });
    });

    it("accepts deliveries to a provider without shared secrets on the provider's own check", async () => {
      const harness = h();
      const keyed = await right(harness.createConnection(requester(ORG_A), aConnectionInput({ type: 'keyed' })));
      const deliver = (secret: string) => {
        const delivery = signedDelivery(upsertDelivery(anIssue(1)), { secret });
        return harness.receiveWebhook({ provider: 'keyed', connectionId: id(keyed.id), rawBody: delivery.rawBody, headers: delivery.headers });
      };
      expect(await right(deliver(TRACKER_OWN_SIGNING_KEY))).to.include({ outcome: 'accepted' });
      expect(await left(deliver('whsec-guess'))).to.deep.equal({ _tag: 'WebhookSignatureInvalid' });
      expect(await left(harness.receiveWebhook({ provider: 'quiet', connectionId: id(keyed.id), rawBody: Buffer.from('{}'), headers: {} }))).to.deep.equal({
        _tag: 'ProviderNotSupported',
        provider: 'quiet',
      });
    });
  });
});
