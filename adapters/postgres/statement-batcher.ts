interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (outcome: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent calls into one statement: while a batch is in flight, new items queue; when
 * it ends, the whole queue (up to `maxBatch`) goes as the next one. A lone call waits for nothing
 * but the end of the turn of the event loop it was made in. A statement that fails applied nothing,
 * so each call of a failed batch runs again alone, one after the other: only a call the database
 * refuses on its own fails (one unstorable webhook delivery must not fail the others beside it).
 */
export const statementBatcher = <I, O>(run: (items: ReadonlyArray<I>) => Promise<ReadonlyArray<O>>, options: { readonly maxBatch?: number } = {}) => {
  const maxBatch = options.maxBatch ?? 256;
  const queue: Array<Pending<I, O>> = [];
  let inFlight = false;
  let scheduled = false;

  const runAlone = (p: Pending<I, O>) => run([p.item]).then((outcomes) => p.resolve(outcomes[0]!), p.reject);

  const flush = () => {
    scheduled = false;
    if (inFlight || queue.length === 0) return;
    inFlight = true;
    const batch = queue.splice(0, maxBatch);
    run(batch.map((p) => p.item))
      .then(
        (outcomes) => batch.forEach((p, i) => p.resolve(outcomes[i]!)),
        async (error: unknown) => {
          if (batch.length === 1) return batch[0]!.reject(error);
          for (const p of batch) await runAlone(p);
        },
      )
      .finally(() => {
        inFlight = false;
        flush();
      });
  };

  return (item: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (inFlight || scheduled) return;
      scheduled = true;
      setImmediate(flush);
    });
};
