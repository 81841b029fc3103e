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
  readonly clear: () => void;
}

export const snRequestLog = (capacity: number): SnRequestLog => {
  let items: SnLoggedRequest[] = [];
  let seq = 0;
  return {
    add: (entry) => {
      seq += 1;
      items.push({ seq, ...entry });
      if (items.length > capacity) items = items.slice(-capacity);
    },
    entries: () => [...items],
    clear: () => {
      items = [];
    },
  };
};
