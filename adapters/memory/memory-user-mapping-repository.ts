import * as TE from 'fp-ts/lib/TaskEither.js';
import { normalizeEmail, userMappingAlreadyExists, userMappingNotFound, type UserMappingRepository } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

export const memoryUserMappingRepository = (state: MemoryState): UserMappingRepository => {
  const all = () => [...state.userMappings.values()];
  return {
    insert: (given) => {
      // Stored lower-case, as the database does, so uniqueness is case-insensitive whoever calls.
      const mapping = { ...given, externalEmail: normalizeEmail(given.externalEmail) };
      const clash = all().some(
        (m) =>
          m.organizationId === mapping.organizationId &&
          m.externalSystem === mapping.externalSystem &&
          m.externalEmail === mapping.externalEmail,
      );
      if (clash) return TE.left(userMappingAlreadyExists(mapping.externalEmail));
      state.userMappings.set(mapping.id, mapping);
      return TE.right(mapping);
    },
    list: (organizationId) =>
      TE.right(
        all()
          .filter((m) => m.organizationId === organizationId)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)),
      ),
    delete: (organizationId, id) => {
      const found = state.userMappings.get(id);
      if (found === undefined || found.organizationId !== organizationId) return TE.left(userMappingNotFound(id));
      state.userMappings.delete(id);
      return TE.right(undefined);
    },
    findByIdentities: (organizationId, externalSystem, identities) => {
      const emails = new Set(identities.emails.map(normalizeEmail));
      const userIds = new Set(identities.externalUserIds);
      return TE.right(
        all().filter(
          (m) =>
            m.organizationId === organizationId &&
            m.externalSystem === externalSystem &&
            (emails.has(m.externalEmail) || (m.externalUserId !== null && userIds.has(m.externalUserId))),
        ),
      );
    },
  };
};
