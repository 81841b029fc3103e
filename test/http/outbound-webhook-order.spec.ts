import { expect } from 'chai';
import { memorySyncQueue } from '../../adapters/memory/memory-sync-queue.js';
import { memoryWriteQueue } from '../../adapters/memory/memory-write-queue.js';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { networkBaseUrlPolicy } from '../../adapters/net/index.js';
import { httpEventSender } from '../../adapters/outbound/http-event-sender.js';
import { createPostgresAdapters } from '../../adapters/postgres/index.js';
import { providerRegistry } from '../../adapters/providers/shared/registry.js';
import { postgresPersistence } from '../../apps/api/postgres-persistence.js';
import { startApiServer, type RunningApi } from '../../apps/api/server.js';
import { asOrganizationId } from '../../core/index.js';
import { anId } from '../support/builders/ids.js';
import { anOutboxEvent } from '../support/builders/events.js';
import { expectRight } from '../support/either.js';
import { startEventReceiver, type EventReceiver } from './support/event-receiver.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, TEST_JWT_SECRET, tokenFor } from './support/tokens.js';

const TASKS = 4;
const CHANGES = 10;

/** A small deterministic generator, so a failure can be replayed. */
const seeded = (seed: number) => () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

describe('HTTP outbound webhooks: order per task', () => {
  let api: TestApi;
  let second: RunningApi;
  let receiver: EventReceiver;
  const sender = httpEventSender({ allowPrivateNetwork: true, timeoutMs: 2_000 });
  let sentBySecond = 0;

  before(async () => {
    api = await startTestApi({ events: { batchSize: 3, deliveryBatchSize: 3 } });
    // A second process on the same database: two deliverers share the work.
    second = await startApiServer(
      {
        logger: createLogger('silent'),
        persistence: postgresPersistence(api.orm),
        cipher: api.cipher,
        providers: providerRegistry([]),
        baseUrlPolicy: networkBaseUrlPolicy({ allowPrivateNetwork: true }),
        clock: { now: api.now },
        syncQueue: memorySyncQueue(),
        writeQueue: memoryWriteQueue(),
        eventSender: { send: (post) => ((sentBySecond += 1), sender.send(post)) },
      },
      { port: 0, host: '127.0.0.1', jwt: { kind: 'hs256', secret: TEST_JWT_SECRET }, events: { batchSize: 3, deliveryBatchSize: 3 } },
    );
  });
  after(async () => {
    await second.close();
    sender.close();
    await api.close();
  });

  it("keeps each task's events in commit order, with two deliverers and a receiver that fails at random", async () => {
    const random = seeded(7);
    receiver = await startEventReceiver(async () => {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 15)));
      return random() < 0.3 ? 500 : 204;
    });
    const created = await api.http.call('POST', '/api/event-endpoints', { token: tokenFor(ORG_A), body: { url: receiver.url } });
    expect(created.status, created.text).to.equal(201);
    const adapters = createPostgresAdapters(api.orm);
    const tasks = Array.from({ length: TASKS }, () => anId());
    const committed = new Map<string, string[]>(tasks.map((task) => [task, []]));
    // Each change of each task in its own transaction, the tasks interleaved, as concurrent syncs would.
    for (let change = 0; change < CHANGES; change += 1) {
      await Promise.all(
        tasks.map(async (taskId) => {
          const event = anOutboxEvent({ organizationId: asOrganizationId(ORG_A), taskId });
          committed.get(taskId)!.push(event.id);
          await expectRight(adapters.unitOfWork.transaction((ports) => ports.outbox.append([event])));
        }),
      );
    }
    const accepted = () => receiver.received.filter((d) => d.status < 300);
    for (let round = 0; accepted().length < TASKS * CHANGES && round < 60; round += 1) {
      await Promise.all([api.events.drain(), second.events.drain()]);
      api.advanceClock(3_600_000);
    }
    expect(accepted()).to.have.length(TASKS * CHANGES);
    expect(receiver.received.length).to.be.greaterThan(TASKS * CHANGES);
    expect(sentBySecond).to.be.within(1, receiver.received.length - 1);
    for (const taskId of tasks) {
      const order = committed.get(taskId)!;
      const arrivals = receiver.received.filter((d) => JSON.parse(d.body).taskId === taskId);
      expect(arrivals.filter((d) => d.status < 300).map((d) => d.eventId)).to.deep.equal(order);
      // Never ahead: an event arrives only once every earlier one of its task was accepted.
      let done = 0;
      for (const arrival of arrivals) {
        expect(order.indexOf(arrival.eventId)).to.equal(done);
        if (arrival.status < 300) done += 1;
      }
    }
    await receiver.close();
  });
});
