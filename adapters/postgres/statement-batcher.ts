interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (outcome: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent calls into one statement: while a batch is in flight, new items queue; when
 * it ends, the whole queue (up to `maxBatch`) goes as the next one. A lone call waits for nothing
 * but the end of the turn of the event loop it was made in. A statement that fails applied nothing:
 * when `refusedItsValues` says the database refused a value (one unstorable webhook delivery), each
 * call of the batch runs again alone, one after the other, so only the call refused on its own fails;
 * any other failure (an outage) fails every call of the batch at once, none of them tried again.
 */
export const statementBatcher = <I, O>(
  run: (items: ReadonlyArray<I>) => Promise<ReadonlyArray<O>>,
  options: { readonly maxBatch?: number; readonly refusedItsValues?: (error: unknown) => boolean } = {},
) => {
  const maxBatch = options.maxBatch ?? 256;
  const refusedItsValues = options.refusedItsValues ?? (() => false);
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
          if (batch.length === 1 || !refusedItsValues(error)) return batch.forEach((p) => p.reject(error));
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
