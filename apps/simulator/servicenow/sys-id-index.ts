import type { SnRecord } from './record-store.js';

/** The sys_ids a query can select, by its `sys_id` comparisons that every record must meet (both ends included). */
export interface SysIdBounds {
  readonly from: string | null;
  readonly to: string | null;
}

export const UNBOUNDED: SysIdBounds = { from: null, to: null };

interface Comparison {
  readonly path: ReadonlyArray<string>;
  readonly op: string;
  readonly value: string;
}

/**
 * What an index on sys_id reads of a query: with one group (no `^NQ`), each of its AND-ed
 * conditions on `sys_id` alone (not in an `^OR`) narrows the bounds; `>` and `<` are taken as `>=`
 * and `<=`, since the query is still matched in full within them.
 */
export const sysIdBoundsOf = (groups: ReadonlyArray<ReadonlyArray<ReadonlyArray<Comparison>>>): SysIdBounds => {
  const [only, ...others] = groups;
  if (only === undefined || others.length > 0) return UNBOUNDED;
  let { from, to } = UNBOUNDED;
  for (const [condition, ...ors] of only) {
    if (condition === undefined || ors.length > 0 || condition.path.length !== 1 || condition.path[0] !== 'sys_id') continue;
    const value = condition.value.toLowerCase();
    if (condition.op === '>=' || condition.op === '>') from = from === null || value > from ? value : from;
    if (condition.op === '<=' || condition.op === '<') to = to === null || value < to ? value : to;
  }
  return { from, to };
};

/** The first index whose sys_id is at least `value`, in records sorted by sys_id (text, without case). */
const firstAtLeast = (sorted: ReadonlyArray<SnRecord>, value: string, after: boolean): number => {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    const id = (sorted[middle]!.sys_id ?? '').toLowerCase();
    if (after ? id <= value : id < value) low = middle + 1;
    else high = middle;
  }
  return low;
};

/**
 * What a site's index on sys_id does for records already in sys_id order: only those within the
 * bounds are matched, in time bounded by the answer rather than by the table's size (a first sync's
 * range reads asked the simulator to match every record for each 1,000 it answered).
 */
export const withinSysIds = (sorted: ReadonlyArray<SnRecord>, bounds: SysIdBounds): ReadonlyArray<SnRecord> =>
  bounds.from === null && bounds.to === null
    ? sorted
    : sorted.slice(bounds.from === null ? 0 : firstAtLeast(sorted, bounds.from, false), bounds.to === null ? sorted.length : firstAtLeast(sorted, bounds.to, true));
