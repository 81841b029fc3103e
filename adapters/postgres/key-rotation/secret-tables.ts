import {
  asEntityId,
  asOrganizationId,
  OAUTH_ACCESS_TOKEN_FIELD,
  OAUTH_REFRESH_TOKEN_FIELD,
  pendingClientSecretContext,
  secretContext,
  selectionSecretContext,
  signingSecretContext,
  WEBHOOK_SECRET_FIELD,
} from '../../../core/index.js';

/** Where a ciphertext sits in its row: a text column, or a path inside a JSON column. */
export interface SecretPlace {
  readonly column: string;
  readonly path?: ReadonlyArray<string>;
}

/** One stored secret: where it is, the ciphertext, and the associated data it was encrypted with. */
export interface StoredSecret {
  readonly place: SecretPlace;
  readonly ciphertext: string;
  readonly context: string;
}

export type Row = Readonly<Record<string, unknown>>;

/** A table holding secrets: its key, the columns to read, and the secrets of a row. */
export interface SecretTable {
  readonly table: string;
  readonly key: string;
  readonly columns: ReadonlyArray<string>;
  readonly secretsOf: (row: Row) => ReadonlyArray<StoredSecret>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const record = (value: unknown): Readonly<Record<string, unknown>> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

const columnSecret = (row: Row, column: string, context: string): StoredSecret[] => {
  const ciphertext = text(row[column]);
  return ciphertext === undefined ? [] : [{ place: { column }, ciphertext, context }];
};

const jsonSecrets = (column: string, prefix: ReadonlyArray<string>, value: unknown, contextOf: (field: string) => string): StoredSecret[] =>
  Object.entries(record(value)).flatMap(([field, ciphertext]) =>
    text(ciphertext) === undefined ? [] : [{ place: { column, path: [...prefix, field] }, ciphertext: ciphertext as string, context: contextOf(field) }],
  );

/** The secrets of a pending authorization's client (`client.secrets`), bound to the client's id. */
const clientSecrets = (row: Row) => {
  const client = record(row.client);
  const clientId = text(client.id);
  return clientId === undefined ? [] : jsonSecrets('client', ['secrets'], client.secrets, (field) => pendingClientSecretContext(asOrganizationId(String(row.organization_id)), asEntityId(clientId), field));
};

const GRANT_FIELDS: Readonly<Record<string, string>> = { accessToken: OAUTH_ACCESS_TOKEN_FIELD, refreshToken: OAUTH_REFRESH_TOKEN_FIELD };

/**
 * Every place taskport stores a secret, with the context core binds each to (see `secretContext` and
 * its siblings): a connection's provider secrets, OAuth grant and webhook secrets (current and
 * previous), an event endpoint's signing secrets, and the pending OAuth states and site selections.
 */
export const SECRET_TABLES: ReadonlyArray<SecretTable> = [
  {
    table: 'integration_connections',
    key: 'id',
    columns: ['secrets', 'oauth_grant', 'webhook_secret', 'previous_webhook_secret'],
    secretsOf: (row) => {
      const context = (field: string) => secretContext(asOrganizationId(String(row.organization_id)), asEntityId(String(row.id)), field);
      const grant = record(row.oauth_grant);
      return [
        ...jsonSecrets('secrets', [], row.secrets, context),
        ...Object.entries(GRANT_FIELDS).flatMap(([name, field]) => (text(grant[name]) === undefined ? [] : [{ place: { column: 'oauth_grant', path: [name] }, ciphertext: grant[name] as string, context: context(field) }])),
        ...columnSecret(row, 'webhook_secret', context(WEBHOOK_SECRET_FIELD)),
        ...columnSecret(row, 'previous_webhook_secret', context(WEBHOOK_SECRET_FIELD)),
      ];
    },
  },
  {
    table: 'event_endpoints',
    key: 'id',
    columns: ['signing_secret', 'previous_signing_secret'],
    secretsOf: (row) => {
      const context = signingSecretContext(asOrganizationId(String(row.organization_id)), asEntityId(String(row.id)));
      return [...columnSecret(row, 'signing_secret', context), ...columnSecret(row, 'previous_signing_secret', context)];
    },
  },
  {
    table: 'oauth_site_selections',
    key: 'id',
    columns: ['access_token', 'refresh_token', 'client'],
    secretsOf: (row) => {
      const context = (field: 'oauthAccessToken' | 'oauthRefreshToken') => selectionSecretContext(asOrganizationId(String(row.organization_id)), asEntityId(String(row.id)), field);
      return [...columnSecret(row, 'access_token', context('oauthAccessToken')), ...columnSecret(row, 'refresh_token', context('oauthRefreshToken')), ...clientSecrets(row)];
    },
  },
  { table: 'oauth_states', key: 'state_hash', columns: ['client'], secretsOf: clientSecrets },
];
