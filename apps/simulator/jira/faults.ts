import { inFlightGauge, type InFlightLoad } from './in-flight.js';

export interface FaultSettings {
  /** Added before every API answer. */
  readonly latencyMs: number;
  /** Requests the site serves at once; one more answers 429 with Retry-After (0: no limit). */
  readonly maxInFlight: number;
  /** Every Nth API request answers 429 with Retry-After and X-RateLimit-* headers (0: never). */
  readonly rateLimitEvery: number;
  /** Every Nth API request answers 429 with an HTML body and no hint of when to come back (0: never). */
  readonly silentRateLimitEvery: number;
  /** Every Nth API request answers 500 (0: never). */
  readonly serverErrorEvery: number;
  /** Every Nth API request answers 503 with Retry-After (0: never). */
  readonly unavailableEvery: number;
  /** Every Nth API request never answers (0: never). */
  readonly hangEvery: number;
  /** Retry-After, in seconds, on injected 429 and 503 answers. */
  readonly retryAfterSeconds: number;
}

/**
 * `rate-limit`: 429 with Retry-After and X-RateLimit-*. `rate-limit-silent`: 429 with an HTML body
 * and no header saying when to come back (Retry-After is a "may", JRACLOUD-82801).
 * `rate-limit-quota`: 429 of the 2026 points quotas, with Beta-RateLimit headers and no Retry-After.
 */
export type FaultKind = 'rate-limit' | 'rate-limit-silent' | 'rate-limit-quota' | 'server-error' | 'unavailable' | 'hang';

export const FAULT_KINDS: ReadonlyArray<FaultKind> = ['rate-limit', 'rate-limit-silent', 'rate-limit-quota', 'server-error', 'unavailable', 'hang'];

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  maxInFlight: 0,
  rateLimitEvery: 0,
  silentRateLimitEvery: 0,
  serverErrorEvery: 0,
  unavailableEvery: 0,
  hangEvery: 0,
  retryAfterSeconds: 1,
};

/** Fault injection, changeable while the simulator runs (through the handle or /__admin/faults). */
export interface FaultControl {
  readonly settings: () => FaultSettings;
  readonly set: (changes: Partial<FaultSettings>) => FaultSettings;
  /** The next `count` API requests answer with this fault, before any periodic one. */
  readonly failNext: (kind: FaultKind, count?: number) => void;
  /**
   * The next request with this method whose path matches is carried out, then its connection is
   * dropped before the answer: a create the client cannot tell happened (a timeout, a reset).
   */
  readonly loseNextAnswer: (method: string, path: RegExp) => void;
  /**
   * The next request with this method whose path matches is carried out (its webhook sent), then its
   * answer waits until the returned release is called: the client hears back after the tracker has
   * reported the change, as a slow answer does.
   */
  readonly delayNextAnswer: (method: string, path: RegExp) => () => void;
  /** Called once per API request: what its answer waits for, if it is to be delayed (and the delay used up). */
  readonly answerDelay: (method: string, path: string) => Promise<void> | null;
  /** Called once per API request: whether its answer is to be lost (and the loss used up). */
  readonly losesAnswer: (method: string, path: string) => boolean;
  readonly reset: () => void;
  /** Called once per API request: the fault it gets, if any. */
  readonly decide: () => FaultKind | null;
  /**
   * Called first for every API request: its release (call it once answered), or null when
   * `maxInFlight` requests are already in flight and this one must be refused with a 429.
   */
  readonly admit: () => (() => void) | null;
  /** What the concurrency limit saw since the last reset (`reset` or `resetLoad`). */
  readonly load: () => InFlightLoad;
  readonly resetLoad: () => void;
}

export const faultControl = (initial: Partial<FaultSettings> = {}): FaultControl => {
  let settings: FaultSettings = { ...NO_FAULTS, ...initial };
  let queue: FaultKind[] = [];
  let counter = 0;
  const gauge = inFlightGauge();
  let lost: Array<{ readonly method: string; readonly path: RegExp }> = [];
  let delayed: Array<{ readonly method: string; readonly path: RegExp; readonly released: Promise<void> }> = [];
  const every = (n: number) => n > 0 && counter % n === 0;
  return {
    settings: () => settings,
    set: (changes) => (settings = { ...settings, ...changes }),
    failNext: (kind, count = 1) => {
      queue = [...queue, ...new Array<FaultKind>(count).fill(kind)];
    },
    loseNextAnswer: (method, path) => {
      lost = [...lost, { method: method.toUpperCase(), path }];
    },
    delayNextAnswer: (method, path) => {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      delayed = [...delayed, { method: method.toUpperCase(), path, released }];
      return release;
    },
    answerDelay: (method, path) => {
      const found = delayed.find((d) => d.method === method.toUpperCase() && d.path.test(path));
      if (found === undefined) return null;
      delayed = delayed.filter((d) => d !== found);
      return found.released;
    },
    losesAnswer: (method, path) => {
      const index = lost.findIndex((l) => l.method === method.toUpperCase() && l.path.test(path));
      if (index < 0) return false;
      lost = lost.filter((_, i) => i !== index);
      return true;
    },
    reset: () => {
      settings = NO_FAULTS;
      queue = [];
      lost = [];
      delayed = [];
      counter = 0;
      gauge.reset();
    },
    admit: () => gauge.admit(settings.maxInFlight),
    load: gauge.load,
    resetLoad: gauge.reset,
    decide: () => {
      counter += 1;
      const queued = queue.shift();
      if (queued !== undefined) return queued;
      if (every(settings.hangEvery)) return 'hang';
      if (every(settings.rateLimitEvery)) return 'rate-limit';
      if (every(settings.silentRateLimitEvery)) return 'rate-limit-silent';
      if (every(settings.unavailableEvery)) return 'unavailable';
      if (every(settings.serverErrorEvery)) return 'server-error';
      return null;
    },
  };
};

/** Checks a settings patch from the admin endpoint: known keys, non-negative integers. */
export const parseFaultSettings = (input: unknown): Partial<FaultSettings> | string => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'expected a JSON object';
  const result: Record<string, number> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(key in NO_FAULTS)) return `unknown setting '${key}'; known: ${Object.keys(NO_FAULTS).join(', ')}`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return `'${key}' must be a non-negative integer`;
    result[key] = value;
  }
  return result;
};
