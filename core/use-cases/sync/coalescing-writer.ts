/** Items to write, in batches: each batch is one fetch's answer. */
interface Waiting<A> {
  readonly items: ReadonlyArray<A>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** How a coalescing writer writes: items a write, writes out at once, and which items are the same. */
export interface WriterLimits<A> {
  /** Items one write takes at most (a lone larger batch is still written whole). */
  readonly maxItems: number;
  /** Writes started and not yet ended, at most. */
  readonly writesInFlight: number;
  /** Items with the same key are never in two writes at once: two transactions writing one row wait on each other. */
  readonly keyOf: (item: A) => string;
}

/**
 * What the writer is told to do: `write` the items (the batches they came in counted), then, once
 * every earlier write was settled, `settle` its outcome. Only `settle` may record anything as done.
 */
export interface WriterSteps<A, R> {
  readonly write: (items: ReadonlyArray<A>, batches: number) => Promise<R>;
  readonly settle: (outcome: R, batches: number) => Promise<void>;
}

/** How a write ended: its outcome, or a throw (which `broken` holds). */
type Ended<R> = { readonly ok: true; readonly outcome: R } | { readonly ok: false };

/** Keys of the items in writes not yet ended, each with how many such items hold it. */
type BusyKeys = Map<string, number>;

const sharesKeyWith = <A>(busy: BusyKeys, keyOf: (item: A) => string) => (batch: Waiting<A>) => batch.items.some((item) => busy.has(keyOf(item)));

const holdKeys = (busy: BusyKeys, keys: ReadonlyArray<string>) => {
  for (const key of keys) busy.set(key, (busy.get(key) ?? 0) + 1);
};

const freeKeys = (busy: BusyKeys, keys: ReadonlyArray<string>) => {
  for (const key of keys) {
    const holders = (busy.get(key) ?? 1) - 1;
    if (holders === 0) busy.delete(key);
    else busy.set(key, holders);
  }
};

/**
 * The batches at the head of the queue whose items fit in `maxItems` (at least one batch, whatever
 * its size) and share no key with a write in flight; none when the head batch shares one, so the
 * batches are written in the order they came.
 */
const takeHead = <A>(waiting: Array<Waiting<A>>, limits: WriterLimits<A>, busy: BusyKeys): ReadonlyArray<Waiting<A>> => {
  const blocked = sharesKeyWith(busy, limits.keyOf);
  let count = 0;
  let taken = 0;
  while (taken < waiting.length && (taken === 0 || count + waiting[taken]!.items.length <= limits.maxItems) && !blocked(waiting[taken]!)) {
    count += waiting[taken]!.items.length;
    taken += 1;
  }
  return waiting.splice(0, taken);
};

/**
 * One write at a time, and the batches that arrive while it runs go together in the next (up to
 * `maxItems` items), in the order they arrived: writes get larger exactly when they fall behind. When
 * a full write's worth waits, another write goes out beside it, up to `writesInFlight`: a write's
 * fixed cost (its transaction, its statements, its progress) is paid again only when the writes are
 * behind, where a second one uses what the first leaves idle. Writes may end in any order, but each
 * is settled only after every earlier one was: whatever `settle` records as done covers nothing an
 * earlier write has yet to commit. `submit` resolves once the batch's write was settled, so whoever
 * holds the batch holds it until then.
 *
 * A write or settle that throws is a bug: its batches' holders hear of it, and so do those of every
 * batch not yet settled, none of which is settled from then on (nor written, unless it already was).
 */
export const coalescingWriter = <A, R>(steps: WriterSteps<A, R>, limits: WriterLimits<A>) => {
  const waiting: Array<Waiting<A>> = [];
  const busy: BusyKeys = new Map();
  let inFlight = 0;
  let lastSettled: Promise<void> = Promise.resolve();
  let broken: { readonly error: unknown } | null = null;
  const itemsWaiting = () => waiting.reduce((count, batch) => count + batch.items.length, 0);

  const writeAndSettle = (batches: ReadonlyArray<Waiting<A>>) => {
    const items = batches.flatMap((batch) => batch.items);
    const keys = items.map(limits.keyOf);
    holdKeys(busy, keys);
    inFlight += 1;
    const ended = () => {
      freeKeys(busy, keys);
      inFlight -= 1;
      pump();
    };
    const written: Promise<Ended<R>> = steps.write(items, batches.length).then(
      (outcome) => {
        ended();
        return { ok: true, outcome };
      },
      (error: unknown) => {
        broken ??= { error };
        ended();
        return { ok: false };
      },
    );
    lastSettled = lastSettled.then(async () => {
      const write = await written;
      if (broken === null && write.ok) {
        try {
          await steps.settle(write.outcome, batches.length);
        } catch (error: unknown) {
          broken ??= { error };
        }
      }
      if (broken === null) return batches.forEach((batch) => batch.resolve());
      const { error } = broken;
      batches.forEach((batch) => batch.reject(error));
      pump();
    });
  };

  const pump = () => {
    if (broken !== null) {
      const { error } = broken;
      return waiting.splice(0).forEach((batch) => batch.reject(error));
    }
    while (waiting.length > 0 && (inFlight === 0 || (inFlight < limits.writesInFlight && itemsWaiting() >= limits.maxItems))) {
      const batches = takeHead(waiting, limits, busy);
      if (batches.length === 0) return;
      writeAndSettle(batches);
    }
  };

  return {
    submit: (items: ReadonlyArray<A>): Promise<void> =>
      new Promise((resolve, reject) => {
        waiting.push({ items, resolve, reject });
        pump();
      }),
  };
};
