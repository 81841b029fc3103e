export interface ThrottleOptions {
  /** Requests one connection may have in flight at once; the rest of that connection's requests queue. */
  readonly maxConcurrentPerConnection: number;
}

export interface ConnectionThrottle {
  /** Waits for a slot of this connection (and for any pause on it to end), then answers its release. */
  readonly acquire: (key: string) => Promise<() => void>;
  /**
   * Holds back every request of this connection for `ms`, e.g. after the provider asked to slow down.
   * Call it while holding a slot, so the lane outlives the pause.
   */
  readonly pause: (key: string, ms: number) => void;
}

interface Lane {
  active: number;
  pausedUntil: number;
  readonly waiting: Array<() => void>;
}

/**
 * Fairness between tenants: each connection gets its own small lane, so one tenant with a huge sync
 * or a rate-limited site cannot take every socket or stall the requests of the others.
 */
export const connectionThrottle = (
  options: ThrottleOptions,
  clock: { readonly now: () => number; readonly sleep: (ms: number) => Promise<void> },
): ConnectionThrottle => {
  const lanes = new Map<string, Lane>();
  const laneOf = (key: string): Lane => {
    const existing = lanes.get(key);
    if (existing !== undefined) return existing;
    const lane: Lane = { active: 0, pausedUntil: 0, waiting: [] };
    lanes.set(key, lane);
    return lane;
  };
  const release = (key: string, lane: Lane) => () => {
    lane.active -= 1;
    const next = lane.waiting.shift();
    if (next !== undefined) next();
    // An idle lane is forgotten unless a pause must outlive its last request.
    else if (lane.active === 0 && lane.pausedUntil <= clock.now()) lanes.delete(key);
  };
  // Sleeps once per pause deadline, so an injected instant sleep cannot spin; a pause extended meanwhile is waited for too.
  const waitForPause = async (lane: Lane) => {
    let waitedFor = 0;
    while (lane.pausedUntil > clock.now() && lane.pausedUntil !== waitedFor) {
      waitedFor = lane.pausedUntil;
      await clock.sleep(waitedFor - clock.now());
    }
  };
  return {
    acquire: async (key) => {
      const lane = laneOf(key);
      if (lane.active < options.maxConcurrentPerConnection) lane.active += 1;
      else await new Promise<void>((resolve) => lane.waiting.push(() => resolve()));
      // A slot handed over by release() keeps `active` counted, so the lane stays full meanwhile.
      await waitForPause(lane);
      return release(key, lane);
    },
    pause: (key, ms) => {
      const lane = laneOf(key);
      lane.pausedUntil = Math.max(lane.pausedUntil, clock.now() + ms);
    },
  };
};
