import * as TE from 'fp-ts/lib/TaskEither.js';
import type { PendingSiteSelection, SiteSelectionStore } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

export const memorySiteSelectionStore = (state: MemoryState): SiteSelectionStore => {
  const live = (organizationId: string, now: Date) =>
    [...state.siteSelections.values()].filter((s) => s.organizationId === organizationId && s.validUntil.getTime() > now.getTime());
  const newestFirst = (a: PendingSiteSelection, b: PendingSiteSelection) => b.createdAt.getTime() - a.createdAt.getTime();
  return {
    save: (selection) => {
      state.siteSelections.set(selection.id, selection);
      return TE.right(undefined);
    },
    find: (organizationId, id, now) => TE.right(live(organizationId, now).find((s) => s.id === id) ?? null),
    take: (organizationId, query) => {
      const found = live(organizationId, query.now)
        .filter((s) => (query.selectionId === null || s.id === query.selectionId) && s.sites.some((site) => site.id === query.siteId))
        .sort(newestFirst)[0];
      if (found === undefined) return TE.right(null);
      state.siteSelections.delete(found.id);
      return TE.right(found);
    },
  };
};
