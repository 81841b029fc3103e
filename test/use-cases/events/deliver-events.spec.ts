import { expect } from 'chai';
import { networkBaseUrlPolicy } from '../../../adapters/net/index.js';
import { bindUseCases, DELIVERY_RETRY_WINDOW_MS, type EventEndpointWithSecret } from '../../../core/index.js';
import { aConnectionInput, TRACKER_BASE_URL } from '../../builders/connection-input-builder.js';
import { ORG_A, ORG_B, createHarness, left, requester, right, type Harness } from '../../builders/harness.js';
import { someIssues } from '../../builders/source-issue-builder.js';

const HOOK = 'https://hooks.product.test/taskport';

describe('delivering events to endpoints', () => {
  let h: Harness;
  let endpoint: EventEndpointWithSecret;
  const sender = () => h.adapters.eventSender;
  const syncIssues = async (count: number) => {
    const { id } = await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(count));
    await right(h.sync(ORG_A, id));
  };
  const pass = async () => {
    await right(h.publishEvents(100));
    return right(h.deliverEvents(100));
  };
  beforeEach(async () => {
    h = createHarness();
    endpoint = await right(h.createEventEndpoint(requester(ORG_A), { url: HOOK, eventTypes: ['external_task.created'] }));
  });

  it('POSTs each created task once, the envelope as the body, signed with the secret shown when the endpoint was made', async () => {
    await syncIssues(5);
    expect(await pass()).to.deep.include({ claimed: 5, delivered: 5 });
    expect(sender().posts).to.have.length(5);
    const bodies = sender().posts.map((post) => JSON.parse(post.body) as { id: string; type: string; data: { task: { key: string } } });
    expect(bodies.map((b) => b.type)).to.deep.equal(Array(5).fill('external_task.created'));
    expect(bodies.map((b) => b.data.task.key).sort()).to.deep.equal(['PROJ-1', 'PROJ-2', 'PROJ-3', 'PROJ-4', 'PROJ-5']);
    expect(sender().posts.map((post) => [post.url, post.eventId, post.secrets])).to.deep.equal(bodies.map((b) => [HOOK, b.id, [endpoint.signingSecret]]));
    expect(await pass()).to.deep.include({ claimed: 0 });
  });

  it('sends an event answered 500 once more after the backoff, then stops once answered 200', async () => {
    await syncIssues(1);
    sender().answerWith(() => ({ statusCode: 500, error: null }));
    expect(await pass()).to.deep.include({ claimed: 1, retrying: 1 });
    expect(await pass()).to.deep.include({ claimed: 0 });
    sender().answerWith(() => ({ statusCode: 200, error: null }));
    h.adapters.clock.advance(10_000);
    expect(await pass()).to.deep.include({ claimed: 1, delivered: 1 });
    h.adapters.clock.advance(3_600_000);
    expect(await pass()).to.deep.include({ claimed: 0 });
    const [first, second] = sender().posts;
    expect(sender().posts).to.have.length(2);
    expect(second).to.deep.include({ eventId: first!.eventId, body: first!.body });
    const deliveries = await right(h.listEventDeliveries(ORG_A, endpoint.id as never, {}));
    expect(deliveries.items[0]).to.deep.include({ status: 'delivered', attempts: 2 });
    expect(deliveries.items[0]!.recentAttempts.map((a) => a.statusCode)).to.deep.equal([500, 200]);
  });

  it('retries for a day with growing waits, then gives up and switches the endpoint off with the reason', async () => {
    await syncIssues(1);
    sender().answerWith(() => ({ statusCode: null, error: 'hooks.product.test did not answer within 10 s' }));
    const started = h.adapters.clock.now().getTime();
    const waits: number[] = [];
    let last = started;
    for (let counts = await pass(); counts.givenUp === 0; counts = await pass()) {
      const next = h.adapters.state.eventDeliveries.values().next().value!.nextAttemptAt!;
      waits.push(next.getTime() - h.adapters.clock.now().getTime());
      h.adapters.clock.set(next);
      last = next.getTime();
    }
    expect(waits.slice(0, 4)).to.deep.equal([10_000, 20_000, 40_000, 80_000]);
    expect(Math.max(...waits)).to.equal(3_600_000);
    expect(last - started).to.equal(DELIVERY_RETRY_WINDOW_MS);
    const stored = await right(h.getEventEndpoint(ORG_A, endpoint.id as never));
    expect(stored).to.deep.include({ enabled: false, disabledAt: new Date(last) });
    expect(stored.disabledReason).to.match(/^Every delivery since .* failed \(last: hooks.product.test did not answer within 10 s\)/);
    const [delivery] = (await right(h.listEventDeliveries(ORG_A, endpoint.id as never, {}))).items;
    expect(delivery).to.deep.include({ status: 'failed', attempts: waits.length + 1 });
    await right(h.updateEventEndpoint(requester(ORG_A), endpoint.id as never, { enabled: true }));
    expect(await right(h.getEventEndpoint(ORG_A, endpoint.id as never))).to.deep.include({ enabled: true, disabledReason: null, failingSince: null });
    await right(h.retryEventDelivery(ORG_A, endpoint.id as never, delivery!.id));
    sender().answerWith(() => ({ statusCode: 200, error: null }));
    expect(await pass()).to.deep.include({ delivered: 1 });
  });

  it('signs with the new secret and, for a day, the one a rotation replaced too', async () => {
    const rotated = await right(h.updateEventEndpoint(requester(ORG_A), endpoint.id as never, { rotateSecret: true }));
    expect(rotated.signingSecret).to.be.a('string').and.not.equal(endpoint.signingSecret);
    expect(rotated.previousSecretValidUntil).to.deep.equal(new Date(h.adapters.clock.now().getTime() + 24 * 3_600_000));
    const { id } = await right(h.createConnection(requester(ORG_A), aConnectionInput()));
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(1));
    await right(h.sync(ORG_A, id));
    await pass();
    expect(sender().posts[0]!.secrets).to.deep.equal([rotated.signingSecret, endpoint.signingSecret]);
    h.adapters.clock.advance(24 * 3_600_000);
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(2));
    await right(h.sync(ORG_A, id));
    await pass();
    expect(sender().posts[1]!.secrets).to.deep.equal([rotated.signingSecret]);
    const view = await right(h.getEventEndpoint(ORG_A, endpoint.id as never));
    expect(view).not.to.have.property('signingSecret');
  });

  it('refuses an endpoint on a private, loopback or metadata address, as it refuses such tracker URLs', async () => {
    const strict = bindUseCases({ ...h.adapters, baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: false }) });
    for (const url of ['https://10.0.0.7/hook', 'https://127.0.0.1/hook', 'https://localhost/hook', 'https://169.254.169.254/latest', 'http://hooks.product.test/hook']) {
      const error = await left(strict.createEventEndpoint(requester(ORG_A), { url }));
      expect(error).to.deep.include({ _tag: 'InvalidInput' });
      expect(error._tag === 'InvalidInput' ? error.details.map((d) => d.path) : []).to.deep.equal(['url']);
    }
    await left(strict.updateEventEndpoint(requester(ORG_A), endpoint.id as never, { url: 'https://192.168.1.1/hook' }));
    expect((await right(strict.getEventEndpoint(ORG_A, endpoint.id as never))).url).to.equal(HOOK);
  });

  it("delivers nothing of another organization's, and shows its endpoints to no one else", async () => {
    const { id } = await right(h.createConnection(requester(ORG_B), aConnectionInput()));
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(2));
    await right(h.sync(ORG_B, id));
    expect(await pass()).to.deep.include({ claimed: 0 });
    expect(await right(h.listEventEndpoints(ORG_B))).to.deep.equal([]);
    expect(await left(h.getEventEndpoint(ORG_B, endpoint.id as never))).to.deep.include({ _tag: 'EventEndpointNotFound' });
    expect(await left(h.deleteEventEndpoint(requester(ORG_B), endpoint.id as never))).to.deep.include({ _tag: 'EventEndpointNotFound' });
  });
});
