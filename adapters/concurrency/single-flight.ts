/**
 * Concurrent calls with the same key share one run: the first starts it, the others join it until
 * it settles, and the next call after that starts a new one. Within one process only.
 */
export const singleFlight = <A>() => {
  const inFlight = new Map<string, Promise<A>>();
  return (key: string, run: () => Promise<A>): Promise<A> => {
    const running = inFlight.get(key);
    if (running !== undefined) return running;
    const started = run().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
};
