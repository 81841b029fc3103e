import * as TE from 'fp-ts/lib/TaskEither.js';
import type { IssueQuarantine } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

const keyOf = (organizationId: string, connectionId: string, externalId: string) => `${organizationId}\u0000${connectionId}\u0000${externalId}`;

/** One entry per (organization, connection, item), as the table's primary key; written in the unit of work. */
export const memoryIssueQuarantine = (state: MemoryState): IssueQuarantine => ({
  hold: (entries) =>
    TE.fromIO(() => {
      for (const entry of entries) {
        const key = keyOf(entry.organizationId, entry.connectionId, entry.externalId);
        const earlier = state.quarantine.get(key);
        state.quarantine.set(key, { ...entry, firstQuarantinedAt: earlier?.firstQuarantinedAt ?? entry.firstQuarantinedAt });
      }
    }),
  release: (organizationId, connectionId, externalIds) =>
    TE.fromIO(() => {
      for (const externalId of externalIds) state.quarantine.delete(keyOf(organizationId, connectionId, externalId));
    }),
  forgetConnection: (organizationId, connectionId) =>
    TE.fromIO(() => {
      for (const [key, entry] of state.quarantine) if (entry.organizationId === organizationId && entry.connectionId === connectionId) state.quarantine.delete(key);
    }),
  list: (organizationId, connectionId, limit) =>
    TE.right(
      [...state.quarantine.values()]
        .filter((entry) => entry.organizationId === organizationId && entry.connectionId === connectionId)
        .sort((a, b) => b.quarantinedAt.getTime() - a.quarantinedAt.getTime() || (a.externalId < b.externalId ? -1 : 1))
        .slice(0, limit),
    ),
});
