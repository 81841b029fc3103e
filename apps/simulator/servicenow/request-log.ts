export interface SnLoggedRequest {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** The table of a Table API call. */
  readonly table: string | null;
  readonly query: string | null;
  readonly offset: number | null;
  readonly limit: number | null;
  readonly account: string | null;
  readonly status: number;
  readonly fault: string | null;
}

/** The most recent API requests (not /__admin), bounded so a long benchmark does not grow memory. */
export interface SnRequestLog {
  readonly add: (entry: Omit<SnLoggedRequest, 'seq'>) => void;
  readonly entries: () => ReadonlyArray<SnLoggedRequest>;
  /** Every request logged since the start or the last clear, however few entries are kept, and the 429s among them. */
  readonly counts: () => { readonly total: number; readonly refused: number };
  readonly clear: () => void;
}

export const snRequestLog = (capacity: number): SnRequestLog => {
  let items: SnLoggedRequest[] = [];
  let seq = 0;
  let total = 0;
  let refused = 0;
  return {
    add: (entry) => {
      seq += 1;
      total += 1;
      if (entry.status === 429) refused += 1;
      items.push({ seq, ...entry });
      if (items.length > capacity) items = items.slice(-capacity);
    },
    entries: () => [...items],
    counts: () => ({ total, refused }),
    clear: () => {
      items = [];
      total = 0;
      refused = 0;
    },
  };
};
