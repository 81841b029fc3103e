/**
 * Scenario 6, the client: `connections` keep-alive connections each sending one signed delivery
 * of one tracker after another for `seconds`; one in `resendEvery` is a resend of an earlier
 * delivery (same bytes, same identifier), as trackers retry. Answers throughput, latency percentiles, and which deliveries
 * were acknowledged with a 2xx.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
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
}

export interface LoadOutput extends LoadResult {
  readonly resends: number;
  /** Distinct delivery identifiers answered with a 2xx at least once. */
  readonly acknowledged: number;
}

const post = (agent: http.Agent, url: URL, delivery: Delivery) =>
  new Promise<number>((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...delivery.headers, 'content-length': String(delivery.body.length) } }, (response) => {
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
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.connections });
  const latencies: number[] = [];
  const acknowledged = new Set<string>();
  const recent: Delivery[] = [];
  let [sent, non2xx, errors, resends] = [0, 0, 0, 0];
  const started = performance.now();
  const deadline = started + input.seconds * 1000;
  const sender = async () => {
    while (performance.now() < deadline) {
      const resend = input.resendEvery > 0 && sent % input.resendEvery === input.resendEvery - 1 && recent.length > 0;
      const delivery = resend ? recent[0]! : next(sent - resends);
      sent += 1;
      if (resend) resends += 1;
      else recent.push(delivery);
      if (recent.length > 100) recent.shift();
      const at = performance.now();
      try {
        const status = await post(agent, url, delivery);
        latencies.push(performance.now() - at);
        if (status >= 200 && status < 300) acknowledged.add(delivery.id);
        else non2xx += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: input.connections }, sender));
  const seconds = (performance.now() - started) / 1000;
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
  };
});
