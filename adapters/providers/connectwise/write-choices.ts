import type { StatusTarget } from '../../../core/index.js';
import type { BoardStatus, Priority } from './responses.js';
import { boardStatusCategoryOf, priorityLevelOf } from './to-domain.js';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The board's status a ticket moves to: the first of the target's raw statuses (mapped as
 * `<board>/<status>`) on this board, else the first status in one of its categories (a closed
 * status is `done`, the default one `todo`, any other `in_progress`). The ticket's own status is
 * never chosen; null when the board has none.
 */
export const chooseStatus = (board: string, statuses: ReadonlyArray<BoardStatus>, currentId: number | null, target: StatusTarget): BoardStatus | null => {
  const reachable = statuses.filter((s) => s.id !== currentId);
  const byName = target.statuses.flatMap((key) => reachable.filter((s) => same(`${board}/${s.name}`, key)));
  const byCategory = target.categories.flatMap((category) => reachable.filter((s) => same(boardStatusCategoryOf(s), category)));
  return byName[0] ?? byCategory[0] ?? null;
};

/** The statuses a ticket on this board can move to, named as mappings name them. */
export const reachableStatuses = (board: string, statuses: ReadonlyArray<BoardStatus>, currentId: number | null): ReadonlyArray<string> =>
  statuses.filter((s) => s.id !== currentId).map((s) => `${board}/${s.name}`);

/**
 * The site's priority for the first raw priority that names one: `P<n>` (how to-domain reads a
 * priority, from its sort) or the priority's own name.
 */
export const choosePriority = (priorities: ReadonlyArray<Priority>, wanted: ReadonlyArray<string>): Priority | null =>
  wanted.flatMap((raw) => priorities.filter((p) => same(p.name, raw) || same(priorityLevelOf({ id: p.id, name: p.name, sort: p.sort ?? null }, null) ?? '', raw)))[0] ?? null;
