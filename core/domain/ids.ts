import * as t from 'io-ts';

interface NonEmptyIdBrand {
  readonly NonEmptyId: unique symbol;
}

const nonEmptyId = t.brand(
  t.string,
  (s): s is t.Branded<string, NonEmptyIdBrand> => s.trim().length > 0 && s.length <= 200,
  'NonEmptyId',
);

/** The tenant. It always comes from a verified token, never from a request body. */
export const OrganizationIdCodec = nonEmptyId;
export type OrganizationId = t.TypeOf<typeof OrganizationIdCodec>;

export const IdCodec = nonEmptyId;
export type EntityId = t.TypeOf<typeof IdCodec>;

export type ConnectionId = EntityId;
export type TaskId = EntityId;
export type UserMappingId = EntityId;
export type SyncRunId = EntityId;

/** Trusted conversion for values that were already validated (tokens, stored rows). */
export const asOrganizationId = (value: string): OrganizationId => value as OrganizationId;
export const asEntityId = (value: string): EntityId => value as EntityId;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id taskport hands out is a UUID; anything else cannot name a record. */
export const isUuid = (value: string): boolean => UUID.test(value);
