export interface PassLoopOptions {
  /** One pass; resolves true when there may be more to do right away. Must not reject. */
  readonly pass: () => Promise<boolean>;
  /** How often an idle loop looks for work done elsewhere (another process, a retry coming due). */
  readonly pollMs: number;
}

export interface PassLoop {
  /** Start a pass now if the loop is waiting. */
  readonly wake: () => void;
  /** Resolves once a pass that started after this call found nothing more to do. */
  readonly drain: () => Promise<void>;
  /** Finishes the pass in progress, then stops. */
  readonly close: () => Promise<void>;
}

/**
 * Runs passes in the background: one after another while they find work, then every `pollMs`, or
 * at once when woken. The shape a job queue can take over later: each pass is one job.
 */
export const startPassLoop = (options: PassLoopOptions): PassLoop => {
  let stopped = false;
  let woken = false;
  let passesStarted = 0;
  let sleeping: (() => void) | undefined;
  const waiters: Array<{ readonly after: number; readonly resolve: () => void }> = [];

  const settle = (passNumber: number) => {
    for (let i = waiters.length - 1; i >= 0; i -= 1) {
      if (passNumber > waiters[i]!.after) waiters.splice(i, 1)[0]!.resolve();
    }
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => ((sleeping = undefined), resolve()), options.pollMs);
      sleeping = () => (clearTimeout(timer), (sleeping = undefined), resolve());
    });
  const loop = async () => {
    while (!stopped) {
      woken = false;
      const passNumber = (passesStarted += 1);
      const more = await options.pass();
      if (more && !stopped) continue;
      settle(passNumber);
      if (!woken && !stopped) await sleep();
    }
    settle(Number.POSITIVE_INFINITY);
  };
  const running = loop();
  const wake = () => {
    woken = true;
    sleeping?.();
  };
  return {
    wake,
    drain: () =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        waiters.push({ after: passesStarted, resolve });
        wake();
      }),
    close: async () => {
      stopped = true;
      wake();
      await running;
    },
  };
};
