export interface LoggedRequest {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly account: string | null;
  /** The JQL of a search, from the query string (GET) or the body (POST). */
  readonly jql: string | null;
  readonly status: number;
  readonly fault: string | null;
}

/** The most recent API requests (not /__admin), bounded so a long benchmark does not grow memory. */
export interface RequestLog {
  readonly add: (entry: Omit<LoggedRequest, 'seq'>) => void;
  readonly entries: () => ReadonlyArray<LoggedRequest>;
  /** Every request logged since the start or the last clear, however few entries are kept, and the 429s among them. */
  readonly counts: () => { readonly total: number; readonly refused: number };
  readonly clear: () => void;
}

export const requestLog = (capacity: number): RequestLog => {
  let items: LoggedRequest[] = [];
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
