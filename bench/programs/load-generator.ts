/**
 * Scenario 6, the client: `connections` keep-alive connections each sending one signed delivery
 * of one tracker after another for `seconds`; one in `resendEvery` is a resend of an earlier
 * delivery (same bytes, same identifier), as trackers retry. Answers throughput, latency percentiles, and which deliveries
 * were acknowledged with a 2xx.
 *
 * The deliveries are built and signed before the clock starts (`prepared` of them): this process
 * shares the two cores with the server it measures, so every microsecond it spends building a
 * delivery during the load is taken from that server, the bare one and the real one alike.
 */
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { childProgram } from '../support/child.js';
import { deliveriesFor, type Delivery, type DeliverySpec } from '../support/webhook-deliveries.js';
import type { LoadResult } from '../results-model.js';

export interface LoadInput {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly deliveries: DeliverySpec;
  /** 0: no resends. */
  readonly resendEvery: number;
  /**
   * Past the deliveries prepared before the clock: true sends them again from the first (for an
   * endpoint that reads nothing of them, the bare one); false builds each new one during the load.
   */
  readonly cycle: boolean;
}

export interface LoadOutput extends LoadResult {
  readonly resends: number;
  /** Distinct delivery identifiers answered with a 2xx at least once. */
  readonly acknowledged: number;
  /** Built and signed before the clock started; and those built during the load (none when cycling). */
  readonly prepared: number;
  readonly builtDuringLoad: number;
  /** This process's own event-loop delay during the load, p99: a latency it adds to what it measures. */
  readonly ownLoopDelayP99Ms: number;
}

/** A delivery with the headers of its request, ready to send. */
interface Ready {
  readonly delivery: Delivery;
  readonly headers: Record<string, string>;
}

/** Enough for the load at up to 5,000 deliveries a second, at most 60,000 (about 340 MB of Jira's). */
const preparedCount = (seconds: number) => Math.min(60_000, Math.ceil(seconds * 5_000));

const readied = (delivery: Delivery): Ready => ({ delivery, headers: { ...delivery.headers, 'content-length': String(delivery.body.length) } });

const post = (agent: http.Agent, url: URL, { delivery, headers }: Ready) =>
  new Promise<number>((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    request.once('error', reject);
    request.end(delivery.body);
  });

const percentile = (sorted: ReadonlyArray<number>, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

childProgram<LoadInput, LoadOutput>(async (input) => {
  const url = new URL(input.url);
  const next = deliveriesFor(input.deliveries);
  const prepared = Array.from({ length: preparedCount(input.seconds) }, (_, n) => readied(next(n)));
  let builtDuringLoad = 0;
  const nth = (n: number): Ready => {
    if (n < prepared.length) return prepared[n]!;
    if (input.cycle) return prepared[n % prepared.length]!;
    builtDuringLoad += 1;
    return readied(next(n));
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.connections });
  const latencies: number[] = [];
  const acknowledged = new Set<string>();
  const recent: Ready[] = [];
  let [sent, non2xx, errors, resends] = [0, 0, 0, 0];
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = performance.now();
  const deadline = started + input.seconds * 1000;
  const sender = async () => {
    while (performance.now() < deadline) {
      const resend = input.resendEvery > 0 && sent % input.resendEvery === input.resendEvery - 1 && recent.length > 0;
      const delivery = resend ? recent[0]! : nth(sent - resends);
      sent += 1;
      if (resend) resends += 1;
      else recent.push(delivery);
      if (recent.length > 100) recent.shift();
      const at = performance.now();
      try {
        const status = await post(agent, url, delivery);
        latencies.push(performance.now() - at);
        if (status >= 200 && status < 300) acknowledged.add(delivery.delivery.id);
        else non2xx += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: input.connections }, sender));
  const seconds = (performance.now() - started) / 1000;
  loopDelay.disable();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    non2xx,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    resends,
    acknowledged: acknowledged.size,
    prepared: prepared.length,
    builtDuringLoad,
    ownLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  };
});
