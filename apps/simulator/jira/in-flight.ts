/** What the concurrency limit has seen since the last reset: for tests and the bench, which check it was kept. */
export interface InFlightLoad {
  readonly inFlight: number;
  /** The most requests ever in flight at once (admitted ones only: a refusal is answered at once). */
  readonly peakInFlight: number;
  /** Requests refused with 429 because `maxInFlight` were already in flight. */
  readonly refusedOverLimit: number;
}

export interface InFlightGauge {
  /** Admits a request when fewer than `limit` (0: no limit) are in flight: its release, or null for a 429. */
  readonly admit: (limit: number) => (() => void) | null;
  readonly load: () => InFlightLoad;
  readonly reset: () => void;
}

/**
 * A real site answers 429 when a client has too many requests in flight (Jira's burst limit,
 * ServiceNow's semaphores, ConnectWise's per-member limit). Shared by the three simulators, so the
 * bench can model a site that allows N concurrent requests and check no client went beyond it.
 */
export const inFlightGauge = (): InFlightGauge => {
  let inFlight = 0;
  let peakInFlight = 0;
  let refusedOverLimit = 0;
  return {
    admit: (limit) => {
      if (limit > 0 && inFlight >= limit) {
        refusedOverLimit += 1;
        return null;
      }
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      let released = false;
      return () => {
        if (!released) inFlight -= 1;
        released = true;
      };
    },
    load: () => ({ inFlight, peakInFlight, refusedOverLimit }),
    reset: () => {
      peakInFlight = inFlight;
      refusedOverLimit = 0;
    },
  };
};
