import type { AttemptSignal, ConcurrencyGate } from '../../net/index.js';

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
  /** Once a limit was too many, a slot above the last good one is tried only after this many clean rounds. */
  readonly probeRounds: number;
}

export const DEFAULT_ADAPTIVE_CONCURRENCY: AdaptiveConcurrencyOptions = { initial: 2, min: 1, max: 16, spikeFactor: 3, spikeMinExtraMs: 250, probeRounds: 8 };

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

interface Site {
  limit: number;
  /** Clean answers since the limit last grew: a full round of them (as many as the limit) adds a slot. */
  credit: number;
  /** The last limit known good (one below the one that was too many), or null before any decrease. */
  ceiling: number | null;
  inFlight: number;
  usualLatencyMs: number | null;
  /** Counts acquisitions, so an answer to a request sent before the last decrease does not halve again. */
  issued: number;
  decreasedAt: number;
  readonly waiting: Array<() => void>;
}

/** How quickly the usual latency follows clean answers: slowly, so a spike stands out against it. */
const LATENCY_WEIGHT = 0.1;

const isSpike = (site: Site, latencyMs: number, options: AdaptiveConcurrencyOptions): boolean =>
  site.usualLatencyMs !== null && latencyMs > site.usualLatencyMs * options.spikeFactor && latencyMs > site.usualLatencyMs + options.spikeMinExtraMs;

/**
 * AIMD per site, as TCP does for a link: start with a few requests in flight, add one slot per round
 * of fast clean answers, halve on a 429 or 503, a failure or a latency spike (once per round: the
 * answers to requests already in flight when it halved move it neither way), then regain the last
 * good limit quickly and try beyond it only now and then. Waiting requests are
 * served in arrival order, so no caller of a site starves another. It limits requests in flight only:
 * the request budget still decides how many may start per second, across processes.
 */
export const adaptiveConcurrency = (options: AdaptiveConcurrencyOptions = DEFAULT_ADAPTIVE_CONCURRENCY): AdaptiveConcurrency => {
  const sites = new Map<string, Site>();
  const siteOf = (key: string): Site => {
    const known = sites.get(key);
    if (known !== undefined) return known;
    const site: Site = { limit: options.initial, credit: 0, ceiling: null, inFlight: 0, usualLatencyMs: null, issued: 0, decreasedAt: 0, waiting: [] };
    sites.set(key, site);
    return site;
  };
  const wake = (site: Site) => {
    while (site.inFlight < site.limit && site.waiting.length > 0) {
      site.inFlight += 1;
      site.waiting.shift()?.();
    }
  };
  // Back to the last good limit at a slot per clean answer; beyond it a slot per round, or per
  // `probeRounds` rounds once a limit was too many, so a site with a fixed limit is rarely refused.
  const answersToGrow = (site: Site): number =>
    site.ceiling === null ? site.limit : site.limit < site.ceiling ? 1 : site.limit * options.probeRounds;
  const learn = (site: Site, sentAs: number, signal: AttemptSignal) => {
    const answered = !signal.refused && !signal.failed;
    const slow = answered && isSpike(site, signal.latencyMs, options);
    // Every answer moves the usual latency, spikes too: a site that became slower for good stops looking spiky.
    if (answered) site.usualLatencyMs = site.usualLatencyMs === null ? signal.latencyMs : site.usualLatencyMs + LATENCY_WEIGHT * (signal.latencyMs - site.usualLatencyMs);
    // Answers to requests sent before the last decrease speak of the old limit: they move it neither way.
    if (sentAs <= site.decreasedAt) return;
    if (answered && !slow) {
      site.credit += 1;
      if (site.credit < answersToGrow(site)) return;
      site.credit = 0;
      site.limit = Math.min(options.max, site.limit + 1);
    } else {
      site.credit = 0;
      site.ceiling = Math.max(options.min, site.limit - 1);
      site.limit = Math.max(options.min, Math.floor(site.limit / 2));
      site.decreasedAt = site.issued;
    }
  };
  const acquire = async (key: string) => {
    const site = siteOf(key);
    if (site.inFlight < site.limit) site.inFlight += 1;
    else await new Promise<void>((resolve) => site.waiting.push(resolve));
    site.issued += 1;
    const sentAs = site.issued;
    let released = false;
    return (signal: AttemptSignal) => {
      if (released) return;
      released = true;
      site.inFlight -= 1;
      learn(site, sentAs, signal);
      wake(site);
    };
  };
  const site = (key: string): SiteConcurrency => {
    const known = siteOf(key);
    return { limit: known.limit, inFlight: known.inFlight, queued: known.waiting.length, usualLatencyMs: known.usualLatencyMs };
  };
  return { acquire, site };
};
