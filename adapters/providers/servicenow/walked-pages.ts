/** One page of an id walk: the table it read, the group conditions it had, its sys_ids in sys_id order. */
export interface WalkedPage {
  readonly table: string;
  readonly groups: ReadonlyArray<string>;
  readonly ids: ReadonlyArray<string>;
}

/** Where a stretch of walked ids was read: one table, with these group conditions. */
export interface WalkedStretch {
  readonly table: string;
  readonly groups: ReadonlyArray<string>;
}

/**
 * The recent pages of this process's id walks, so that a range read of a stretch asks the one table
 * the stretch was walked in, with the walk's groups: an external id is a bare sys_id, naming no table,
 * and a range read is given ids only. Bounded by the ids held (the oldest pages go first, the newest
 * of each connection always stays); a stretch it no longer knows is read by its ids instead.
 */
export interface WalkedPages {
  readonly remember: (connectionKey: string, page: WalkedPage) => void;
  /** Where these walked ids (first and last of an ascending stretch) were walked, when one table's walk holds both. */
  readonly stretchOf: (connectionKey: string, first: string, last: string) => WalkedStretch | undefined;
}

/** About 3 MB of sys_ids: a few walk pages of every connection in a first sync in this process. */
export const MAX_WALKED_IDS = 50_000;

const ascending = (ids: ReadonlyArray<string>): boolean => ids.every((id, i) => i === 0 || ids[i - 1]! < id);

/** Whether a sorted list holds this id: a binary search. */
const holds = (sorted: ReadonlyArray<string>, id: string): boolean => {
  let [low, high] = [0, sorted.length - 1];
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle]!;
    if (at === id) return true;
    if (at < id) low = middle + 1;
    else high = middle - 1;
  }
  return false;
};

const sameGroups = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) => a.length === b.length && a.every((group, i) => group === b[i]);

export const walkedPages = (maxIds: number = MAX_WALKED_IDS): WalkedPages => {
  let pages: Array<{ readonly key: string; readonly page: WalkedPage }> = [];
  let held = 0;
  const forgetOldest = () => {
    const newestOf = new Map(pages.map((entry, i) => [entry.key, i]));
    const kept = pages.filter((entry, i) => {
      if (held <= maxIds || newestOf.get(entry.key) === i) return true;
      held -= entry.page.ids.length;
      return false;
    });
    pages = kept;
  };
  const pageHolding = (key: string, id: string) => pages.find((entry) => entry.key === key && holds(entry.page.ids, id))?.page;
  return {
    remember: (key, page) => {
      if (page.ids.length === 0) return;
      // The walk's order is the instance's; a list that is not in this process's order is sorted (a copy).
      const ids = ascending(page.ids) ? page.ids : [...page.ids].sort();
      pages.push({ key, page: { ...page, ids } });
      held += ids.length;
      if (held > maxIds) forgetOldest();
    },
    stretchOf: (key, first, last) => {
      const [from, to] = [pageHolding(key, first), pageHolding(key, last)];
      if (from === undefined || to === undefined || from.table !== to.table || !sameGroups(from.groups, to.groups)) return undefined;
      return { table: from.table, groups: from.groups };
    },
  };
};
