/**
 * At most `limit` tasks at once: `run` waits for a free slot before starting the next, so whoever
 * feeds work holds no more than `limit` tasks' data. `settled` waits for every started task.
 */
export const batchesInFlight = (limit: number) => {
  const running = new Set<Promise<void>>();
  return {
    run: async (task: () => Promise<void>): Promise<void> => {
      while (running.size >= limit) await Promise.race(running);
      const started = task().finally(() => running.delete(started));
      running.add(started);
    },
    settled: async (): Promise<void> => {
      await Promise.all(running);
    },
  };
};
