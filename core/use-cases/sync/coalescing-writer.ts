/** Items to write, in batches: each batch is one fetch's answer. */
interface Waiting<A> {
  readonly items: ReadonlyArray<A>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** The batches at the head of the queue whose items fit in `maxItems` (at least one batch, whatever its size). */
const takeHead = <A>(waiting: Array<Waiting<A>>, maxItems: number): ReadonlyArray<Waiting<A>> => {
  let count = 0;
  let taken = 0;
  while (taken < waiting.length && (taken === 0 || count + waiting[taken]!.items.length <= maxItems)) {
    count += waiting[taken]!.items.length;
    taken += 1;
  }
  return waiting.splice(0, taken);
};

/**
 * One write at a time, and the batches that arrived while it ran go together as the next one (up to
 * `maxItems` items), in the order they arrived: a batch waits at most for the write before its own,
 * and the writes get larger exactly when they fall behind. `submit` resolves once the batch's write
 * has ended, so whoever holds the batch holds it until then. `write` is told how many batches its
 * items came in.
 */
export const coalescingWriter = <A>(write: (items: ReadonlyArray<A>, batches: number) => Promise<void>, maxItems: number) => {
  const waiting: Array<Waiting<A>> = [];
  let draining = false;

  const drain = async () => {
    draining = true;
    while (waiting.length > 0) {
      const batches = takeHead(waiting, maxItems);
      try {
        await write(
          batches.flatMap((batch) => batch.items),
          batches.length,
        );
        batches.forEach((batch) => batch.resolve());
      } catch (error: unknown) {
        // A throw is a bug: its batches' holders hear of it, and the next batches are still written.
        batches.forEach((batch) => batch.reject(error));
      }
    }
    draining = false;
  };

  return {
    submit: (items: ReadonlyArray<A>): Promise<void> =>
      new Promise((resolve, reject) => {
        waiting.push({ items, resolve, reject });
        if (!draining) void drain();
      }),
  };
};
