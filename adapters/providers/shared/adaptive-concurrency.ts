import type { AttemptSignal, ConcurrencyGate } from '../../net/index.js';
import { ceilingAfterDecrease, keepUnderLimitSeen, type LimitState } from './last-good-limit.js';
import { refusalsByPosition } from './refusals-by-position.js';

export interface AdaptiveConcurrencyOptions {
  /** Slots a site starts with: small, until its answers show it takes more. */
  readonly initial: number;
  readonly min: number;
  /** Never more than this in flight to one site, however fast it answers. */
  readonly max: number;
  /** An answer this many times slower than the site's usual one is a latency spike... */
  readonly spikeFactor: number;
  /** ...and at least this much slower, so jitter on a fast site is not mistaken for one. */
  readonly spikeMinExtraMs: number;
  /**
   * Once a limit was too many, a slot above the last good one is tried only after this many clean
   * rounds: a probe refused costs its request the whole Retry-After, at a sync's end its whole wall.
   */
  readonly probeRounds: number;
}

export const DEFAULT_ADAPTIVE_CONCURRENCY: AdaptiveConcurrencyOptions = { initial: 2, min: 1, max: 16, spikeFactor: 3, spikeMinExtraMs: 250, probeRounds: 32 };

/** What a gate knows of one site, for logs, tests and the bench. */
export interface SiteConcurrency {
  readonly limit: number;
  readonly inFlight: number;
  readonly queued: number;
  /** The usual answer time (a moving average of clean answers), or null before the first. */
  readonly usualLatencyMs: number | null;
}

export interface AdaptiveConcurrency extends ConcurrencyGate {
  readonly site: (key: string) => SiteConcurrency;
}

interface Site extends LimitState {
  /** Clean answers since the limit last grew: a full round of them (as many as the limit) adds a slot. */
  credit: number;
  inFlight: number;
  usualLatencyMs: number | null;
  /** Counts acquisitions, so an answer to a request sent before the last decrease does not halve again. */
  issued: number;
  /** The acquisition that last filled every slot, and the limit then: a limit not filled lately was not what held requests back. */
  fullAt: number;
  fullLimit: number;
  decreasedAt: number;
  /** Until when further refusals speak of the congestion the last decrease answered: the Retry-After it was told. */
  quietUntil: number;
  readonly waiting: Array<() => void>;
}

/** How quickly the usual latency follows clean answers: slowly, so a spike stands out against it. */
const LATENCY_WEIGHT = 0.1;

const isSpike = (site: Site, latencyMs: number, options: AdaptiveConcurrencyOptions): boolean =>
  site.usualLatencyMs !== null && latencyMs > site.usualLatencyMs * options.spikeFactor && latencyMs > site.usualLatencyMs + options.spikeMinExtraMs;

/**
 * AIMD per site, as TCP does for a link: start with a few requests in flight, double them each round
 * of fast clean answers until the first congestion (slow start), then add one slot per round; halve on a 429 or 503, a failure or a latency spike, once per congestion: the
 * answers to requests already in flight when it halved, and the refusals that come within the
 * Retry-After the halving was told (as TCP takes the losses of one round trip), move it neither way.
 * Then it regains the last good limit quickly and tries beyond it only now and then. Waiting requests
 * are served in arrival order, so no caller of a site starves another. It limits requests in flight
 * only: the request budget still decides how many may start per second, across processes.
 */
export const adaptiveConcurrency = (options: AdaptiveConcurrencyOptions = DEFAULT_ADAPTIVE_CONCURRENCY, now: () => number = () => Date.now()): AdaptiveConcurrency => {
  const sites = new Map<string, Site>();
  const siteOf = (key: string): Site => {
    const known = sites.get(key);
    if (known !== undefined) return known;
    const site: Site = { limit: options.initial, credit: 0, ceiling: null, inFlight: 0, usualLatencyMs: null, issued: 0, fullAt: Number.NEGATIVE_INFINITY, fullLimit: 0, decreasedAt: 0, quietUntil: 0, limitSeen: false, positions: refusalsByPosition(options.max), waiting: [] };
    sites.set(key, site);
    return site;
  };
  const wake = (site: Site) => {
    while (site.inFlight < site.limit && site.waiting.length > 0) {
      site.inFlight += 1;
      site.waiting.shift()?.();
    }
  };
  // A slot per clean answer (the limit doubles each round) until the first decrease, as TCP's slow
  // start: a first sync of a few dozen large reads would end before a slot per round reached the
  // site's limit. Then back to the last good limit at a slot per clean answer; beyond it a slot per
  // round, or per `probeRounds` rounds once a limit was too many, so a site with a fixed limit is
  // rarely refused.
  const answersToGrow = (site: Site): number =>
    site.ceiling === null || site.limit < site.ceiling ? 1 : site.limitSeen ? site.limit * options.probeRounds : site.limit;
  const learn = (site: Site, sent: { readonly as: number; readonly position: number }, signal: AttemptSignal) => {
    const answered = !signal.refused && !signal.failed;
    if (answered || signal.refused) site.positions.record(sent.position, signal.refused);
    const slow = answered && isSpike(site, signal.latencyMs, options);
    // Every answer moves the usual latency, spikes too: a site that became slower for good stops looking spiky.
    if (answered) site.usualLatencyMs = site.usualLatencyMs === null ? signal.latencyMs : site.usualLatencyMs + LATENCY_WEIGHT * (signal.latencyMs - site.usualLatencyMs);
    // Answers to requests sent before the last decrease speak of the old limit: they move it neither way.
    if (sent.as <= site.decreasedAt) return;
    if (answered && !slow) {
      // Grown only while it is what holds requests back (filled within the last round): a caller with
      // fewer requests to send (batches waiting out a Retry-After, a walk's next page not yet read)
      // says nothing of the site, and a limit grown meanwhile would send the next burst beyond it.
      if (site.issued - site.fullAt > site.fullLimit) return;
      site.credit += 1;
      if (site.credit < answersToGrow(site)) return;
      site.credit = 0;
      site.limit = Math.min(options.max, site.limit + 1);
    } else if (now() >= site.quietUntil) {
      site.credit = 0;
      ({ ceiling: site.ceiling, limitSeen: site.limitSeen } = ceilingAfterDecrease(site, sent.position, options.min));
      site.limit = Math.max(options.min, Math.floor(site.limit / 2));
      site.decreasedAt = site.issued;
      site.quietUntil = now() + (signal.retryAfterMs ?? 0);
    } else if (signal.refused) keepUnderLimitSeen(site, sent.position);
  };
  const acquire = async (key: string) => {
    const site = siteOf(key);
    if (site.inFlight < site.limit) site.inFlight += 1;
    else await new Promise<void>((resolve) => site.waiting.push(resolve));
    site.issued += 1;
    if (site.inFlight >= site.limit) [site.fullAt, site.fullLimit] = [site.issued, site.limit];
    const sent = { as: site.issued, position: site.inFlight };
    let released = false;
    return (signal: AttemptSignal) => {
      if (released) return;
      released = true;
      site.inFlight -= 1;
      learn(site, sent, signal);
      wake(site);
    };
  };
  const site = (key: string): SiteConcurrency => {
    const known = siteOf(key);
    return { limit: known.limit, inFlight: known.inFlight, queued: known.waiting.length, usualLatencyMs: known.usualLatencyMs };
  };
  return { acquire, site };
};
