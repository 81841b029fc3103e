import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { normalizeEmail, userMappingAlreadyExists, userMappingNotFound, type UserMappingRepository } from '../../core/index.js';
import { attempt, failureOf, isUuid, violatedUniqueConstraint, type EntityManagerSource } from './database-call.js';
import { executeBound } from './bound-statement.js';
import { toUserMapping, toUserMappingRecord } from './schema/user-mapping.mapper.js';
import { USER_MAPPING_EMAIL_UNIQUE, UserMappingSchema, type UserMappingRecord } from './schema/user-mapping.schema.js';

// Asked once per page of every sync: bound, without the query builder's per-call work (about a
// millisecond a page through MikroORM's find). Each side is a scan of its unique index.
const BY_IDENTITIES = `
select id, organization_id, external_system, external_email, external_user_id, resource_id, created_at
from external_user_mappings
where organization_id = ? and external_system = ? and (external_email = any(?::text[]) or external_user_id = any(?::text[]))
order by created_at, id`;

interface UserMappingRow {
  readonly id: string;
  readonly organization_id: string;
  readonly external_system: string;
  readonly external_email: string;
  readonly external_user_id: string | null;
  readonly resource_id: string;
  readonly created_at: Date | string;
}

const recordOf = (row: UserMappingRow): UserMappingRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  externalSystem: row.external_system,
  externalEmail: row.external_email,
  externalUserId: row.external_user_id,
  resourceId: row.resource_id,
  createdAt: new Date(row.created_at),
});

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
      attempt('Looking up user mappings', () => executeBound<UserMappingRow>(em(), BY_IDENTITIES, [organizationId, externalSystem, emails, userIds])),
      TE.map((rows) => rows.map((row) => toUserMapping(recordOf(row)))),
    );
  },
});
