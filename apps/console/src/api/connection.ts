import * as t from 'io-ts';
import { nullable } from './codecs';

const SyncStateCodec = t.type({
  lastSyncAt: nullable(t.string),
  lastSyncStatus: t.string,
  lastSyncError: nullable(t.string),
});

const WebhookStateCodec = t.type({
  lastWebhookAt: nullable(t.string),
  accepted: t.number,
  refused: t.number,
  previousSecretValidUntil: nullable(t.string),
});

// The provider adds its own public details (Jira: cloudId); the console reads only these.
const OAuthGrantCodec = t.type({ scopes: t.array(t.string), accessTokenExpiresAt: t.string });

/** The public view of a connection. Lenient about what other providers add; strict about what the console reads. */
export const ConnectionCodec = t.intersection([
  t.type({
    id: t.string,
    provider: t.string,
    name: t.string,
    authType: t.string,
    authorizationStatus: t.string,
    enabled: t.boolean,
    syncState: SyncStateCodec,
    webhooks: WebhookStateCodec,
  }),
  t.partial({
    baseUrl: t.string,
    email: nullable(t.string),
    jqlFilter: nullable(t.string),
    pollingEnabled: t.boolean,
    oauth: nullable(OAuthGrantCodec),
    createdAt: t.string,
    updatedAt: t.string,
  }),
]);
export type ConnectionFields = t.TypeOf<typeof ConnectionCodec>;

/**
 * A connection and every value of its public view by name, so a form built from a provider's fields
 * can show their current values. Secrets appear only as `has<Field>` flags, never as values.
 */
export interface Connection extends ConnectionFields {
  readonly values: Readonly<Record<string, unknown>>;
}

/** Decodes a connection, keeping the whole public view in `values`. */
export const ConnectionViewCodec = new t.Type<Connection, unknown, unknown>(
  'Connection',
  (u): u is Connection => ConnectionCodec.is(u),
  (u, c) => {
    const decoded = ConnectionCodec.validate(u, c);
    return decoded._tag === 'Left' ? decoded : t.success({ ...decoded.right, values: u as Record<string, unknown> });
  },
  (a) => a.values,
);

/** Which secrets are set: `hasApiToken: true` is `{ apiToken: true }`. */
export const secretFlags = (connection: Connection): ReadonlyArray<{ readonly field: string; readonly set: boolean }> =>
  Object.entries(connection.values)
    .filter(([key, value]) => /^has[A-Z]/.test(key) && typeof value === 'boolean')
    .map(([key, value]) => ({ field: key.charAt(3).toLowerCase() + key.slice(4), set: value === true }));

export const TestResultCodec = t.type({ connected: t.boolean, message: t.string });
export type TestResult = t.TypeOf<typeof TestResultCodec>;
