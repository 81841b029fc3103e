interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (outcome: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent calls into one statement: while a batch is in flight, new items queue; when
 * it ends, the whole queue (up to `maxBatch`) goes as the next one. A lone call waits for nothing
 * but the end of the turn of the event loop it was made in. A batch that throws fails each of its
 * callers, and only them.
 */
export const statementBatcher = <I, O>(run: (items: ReadonlyArray<I>) => Promise<ReadonlyArray<O>>, options: { readonly maxBatch?: number } = {}) => {
  const maxBatch = options.maxBatch ?? 256;
  const queue: Array<Pending<I, O>> = [];
  let inFlight = false;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (inFlight || queue.length === 0) return;
    inFlight = true;
    const batch = queue.splice(0, maxBatch);
    run(batch.map((p) => p.item))
      .then(
        (outcomes) => batch.forEach((p, i) => p.resolve(outcomes[i]!)),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
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
