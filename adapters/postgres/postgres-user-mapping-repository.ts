import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { normalizeEmail, userMappingAlreadyExists, userMappingNotFound, type UserMappingRepository } from '../../core/index.js';
import { attempt, failureOf, isUuid, violatedUniqueConstraint, type EntityManagerSource } from './database-call.js';
import { toUserMapping, toUserMappingRecord } from './schema/user-mapping.mapper.js';
import { USER_MAPPING_EMAIL_UNIQUE, UserMappingSchema } from './schema/user-mapping.schema.js';

export const postgresUserMappingRepository = (em: EntityManagerSource): UserMappingRepository => ({
  insert: (mapping) => {
    const record = toUserMappingRecord(mapping);
    return pipe(
      TE.tryCatch(
        () => em().insert(UserMappingSchema, record),
        (error) =>
          violatedUniqueConstraint(error) === USER_MAPPING_EMAIL_UNIQUE
            ? userMappingAlreadyExists(record.externalEmail)
            : failureOf('Saving the user mapping')(error),
      ),
      TE.map(() => toUserMapping(record)),
    );
  },
  list: (organizationId) =>
    pipe(
      attempt('Listing user mappings', () =>
        em().find(UserMappingSchema, { organizationId }, { orderBy: { createdAt: 'asc', id: 'asc' }, disableIdentityMap: true }),
      ),
      TE.map((records) => records.map(toUserMapping)),
    ),
  delete: (organizationId, id) =>
    pipe(
      attempt('Deleting the user mapping', () =>
        isUuid(id) ? em().nativeDelete(UserMappingSchema, { id, organizationId }) : Promise.resolve(0),
      ),
      TE.chainW((count) => (count === 0 ? TE.left(userMappingNotFound(id)) : TE.right(undefined))),
    ),
  findByIdentities: (organizationId, externalSystem, identities) => {
    const emails = [...new Set(identities.emails.map(normalizeEmail))];
    const userIds = [...new Set(identities.externalUserIds)];
    if (emails.length === 0 && userIds.length === 0) return TE.right([]);
    return pipe(
      attempt('Looking up user mappings', () =>
        em().find(
          UserMappingSchema,
          { organizationId, externalSystem, $or: [{ externalEmail: { $in: emails } }, { externalUserId: { $in: userIds } }] },
          { orderBy: { createdAt: 'asc', id: 'asc' }, disableIdentityMap: true },
        ),
      ),
      TE.map((records) => records.map(toUserMapping)),
    );
  },
});
