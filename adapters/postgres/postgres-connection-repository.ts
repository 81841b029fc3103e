import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  connectionAlreadyExists,
  connectionNotFound,
  type Connection,
  type ConnectionRepository,
  type OrganizationId,
  type SyncState,
} from '../../core/index.js';
import { attempt, failureOf, isUuid, violatedUniqueConstraint, type EntityManagerSource } from './database-call.js';
import { toConnection, toConnectionRecord } from './schema/connection.mapper.js';
import { CONNECTION_TARGET_UNIQUE, ConnectionSchema } from './schema/connection.schema.js';

const saveFailure = (connection: Connection) => (error: unknown) =>
  violatedUniqueConstraint(error) === CONNECTION_TARGET_UNIQUE
    ? connectionAlreadyExists(connection.provider, connection.baseUrl)
    : failureOf('Saving the connection')(error);

/**
 * What an update may change: neither identity, tenant, creation time, the sync state, the webhook
 * statistics nor the OAuth grant (a refresh may have rotated it since the caller read the row).
 */
const editableFields = (c: Connection) => {
  const { id: _id, organizationId: _org, createdAt: _created, syncCursor: _c, lastSyncAt: _a, lastSyncStatus: _s, lastSyncError: _e, ...rest } =
    toConnectionRecord(c);
  const { lastWebhookAt: _w, webhooksAccepted: _in, webhooksRefused: _out, oauthGrant: _grant, ...withSchedule } = rest;
  const { nextSyncAt: _n, nextSweepAt: _ns, lastSweepAt: _ls, syncPausedAt: _p, syncPausedReason: _r, ...editable } = withSchedule;
  return editable;
};

// One statement replaces the whole grant: a reader sees the old tokens or the new ones, never a mix.
// A working grant ends a schedule pause, as new credentials do.
const STORE_OAUTH_GRANT = `
update integration_connections set oauth_grant = ?::jsonb,
  sync_paused_at = case when ?::jsonb->>'status' = 'active' then null else sync_paused_at end,
  sync_paused_reason = case when ?::jsonb->>'status' = 'active' then null else sync_paused_reason end
where id = ? and organization_id = ? and oauth_grant is not null
returning id`;

// An increment in the row itself: concurrent writers add up instead of overwriting each other.
const ADD_WEBHOOK_STATS = `
update integration_connections set
  webhooks_accepted = webhooks_accepted + ?,
  webhooks_refused = webhooks_refused + ?,
  last_webhook_at = greatest(last_webhook_at, ?::timestamptz)
where id = ? and organization_id = ?
returning id`;

const syncStateFields = (state: SyncState) => ({
  syncCursor: state.cursor,
  lastSyncAt: state.lastSyncAt,
  lastSyncStatus: state.lastSyncStatus,
  lastSyncError: state.lastSyncError,
});

export const postgresConnectionRepository = (em: EntityManagerSource): ConnectionRepository => {
  const findById = (organizationId: OrganizationId, id: string) =>
    pipe(
      attempt('Reading the connection', () =>
        isUuid(id) ? em().findOne(ConnectionSchema, { id, organizationId }, { disableIdentityMap: true }) : Promise.resolve(null),
      ),
      TE.chainEitherKW((record) => (record === null ? E.right(null) : toConnection(record))),
    );
  const findForWebhook = (id: string) =>
    pipe(
      attempt('Reading the connection', () =>
        isUuid(id) ? em().findOne(ConnectionSchema, { id }, { disableIdentityMap: true }) : Promise.resolve(null),
      ),
      TE.chainEitherKW((record) => (record === null ? E.right(null) : toConnection(record))),
    );
  const updateOwned = <L>(organizationId: OrganizationId, id: string, fields: object, onError: (error: unknown) => L) =>
    TE.tryCatch(() => (isUuid(id) ? em().nativeUpdate(ConnectionSchema, { id, organizationId }, fields) : Promise.resolve(0)), onError);
  return {
    insert: (connection) =>
      pipe(
        TE.tryCatch(() => em().insert(ConnectionSchema, toConnectionRecord(connection)), saveFailure(connection)),
        TE.map(() => connection),
      ),
    update: (connection) =>
      pipe(
        updateOwned(connection.organizationId, connection.id, editableFields(connection), saveFailure(connection)),
        TE.chainW((count) => (count === 0 ? TE.right(null) : findById(connection.organizationId, connection.id))),
        TE.chainW((saved) => (saved === null ? TE.left(connectionNotFound(connection.id)) : TE.right(saved))),
      ),
    recordSyncState: (organizationId, id, state) =>
      pipe(
        updateOwned(organizationId, id, syncStateFields(state), failureOf('Recording the sync state')),
        TE.chainW((count) => (count === 0 ? TE.left(connectionNotFound(id)) : TE.right(undefined))),
      ),
    storeOAuthGrant: (organizationId, id, grant) =>
      pipe(
        attempt('Storing the OAuth tokens', () =>
          isUuid(id) ? em().execute<Array<{ id: string }>>(STORE_OAUTH_GRANT, [JSON.stringify(grant), JSON.stringify(grant), JSON.stringify(grant), id, organizationId]) : Promise.resolve([]),
        ),
        TE.chainW((rows) => (rows.length === 0 ? TE.left(connectionNotFound(id)) : TE.right(undefined))),
      ),
    addWebhookStats: (organizationId, id, delta) =>
      pipe(
        attempt('Recording webhook statistics', () =>
          isUuid(id)
            ? em().execute<Array<{ id: string }>>(ADD_WEBHOOK_STATS, [delta.accepted, delta.refused, delta.lastWebhookAt, id, organizationId])
            : Promise.resolve([]),
        ),
        TE.chainW((rows) => (rows.length === 0 ? TE.left(connectionNotFound(id)) : TE.right(undefined))),
      ),
    findById,
    findForWebhook,
    list: (organizationId) =>
      pipe(
        attempt('Listing connections', () =>
          em().find(ConnectionSchema, { organizationId }, { orderBy: { createdAt: 'asc', id: 'asc' }, disableIdentityMap: true }),
        ),
        TE.chainEitherKW(E.traverseArray(toConnection)),
      ),
    delete: (organizationId, id) =>
      pipe(
        attempt('Deleting the connection', () =>
          isUuid(id) ? em().nativeDelete(ConnectionSchema, { id, organizationId }) : Promise.resolve(0),
        ),
        TE.chainW((count) => (count === 0 ? TE.left(connectionNotFound(id)) : TE.right(undefined))),
      ),
  };
};
