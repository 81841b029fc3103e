import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { CommonUpdateFieldsCodec, type CommonUpdateFields } from '../codecs/connection-input.js';
import { isPlainObject } from '../codecs/split-fields.js';
import type { Ciphertext, Connection } from '../domain/connection.js';
import { deepEqual } from '../domain/deep-equal.js';
import type { AuditEntry } from '../domain/audit-entry.js';
import type { ConnectionId } from '../domain/ids.js';
import { appliesTo, isSecretField } from '../domain/provider-description.js';
import type { PublicConnection } from '../domain/public-connection.js';
import type { Requester } from '../domain/requester.js';
import { rotateWebhookSecret } from '../domain/webhook-secret.js';
import { invalidInput, type DomainError, type FieldIssue, type InvalidInput } from '../errors.js';
import type { BaseUrlPolicy } from '../ports/base-url-policy.js';
import type { Cipher } from '../ports/cipher.js';
import type { Clock } from '../ports/clock.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { ConnectionChange, Provider, ProviderRegistry } from '../ports/provider.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { audited, auditEntryOf } from './audit/audited.js';
import { updatedSummary, type GivenSecrets } from './audit/connection-changes.js';
import type { TokenRefreshLock } from '../ports/token-refresh-lock.js';
import { checkProviderBaseUrl } from './check-base-url.js';
import { checkSyncInterval } from './check-sync-interval.js';
import { decryptSecrets, encryptSecret, encryptSecrets } from './encrypt-secret.js';
import { loadConnection } from './load-connection.js';
import { reapplyConnectionMappings } from './mappings/reapply-mappings.js';
import type { RemapDeps } from './mappings/remap-tasks.js';
import { checkedSettings } from './providers/checked-settings.js';
import { decodeSplitBody } from './providers/decode-with-provider.js';
import { providerOf, publicConnectionOf } from './providers/find-provider.js';
import { projectMappingsOf, projectScopeOf } from './providers/project-mappings.js';
import { reachSource } from './source-connection.js';

export interface UpdateConnectionDeps extends RemapDeps {
  readonly connections: ConnectionRepository;
  readonly unitOfWork: UnitOfWork;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly baseUrlPolicy: BaseUrlPolicy;
  readonly providers: ProviderRegistry;
  /** How long a replaced webhook secret stays valid (`DEFAULT_WEBHOOK_SECRET_GRACE_MS` by default). */
  readonly webhookSecretGraceMs: number;
  /** An OAuth connection's settings are checked with a fresh access token. */
  readonly tokenRefreshLock: TokenRefreshLock;
  /** The shortest `syncIntervalSeconds` accepted. */
  readonly minSyncIntervalSeconds: number;
}

interface DecodedUpdate {
  readonly common: CommonUpdateFields;
  readonly change: ConnectionChange;
}

const decodeUpdate = (provider: Provider, current: Connection, body: unknown): E.Either<InvalidInput, DecodedUpdate> => {
  const extra: FieldIssue[] =
    !provider.webhooks?.usesSharedSecret && isPlainObject(body) && body.webhookSecret !== undefined
      ? [{ path: 'webhookSecret', message: `is not an allowed field: ${provider.description.displayName} webhooks are not signed with a secret set here` }]
      : [];
  return pipe(
    decodeSplitBody(body, { names: CommonUpdateFieldsCodec.fieldNames, codec: CommonUpdateFieldsCodec }, (rest) => provider.connectionCodec.decodeChange(rest, { authMode: current.credentials.authMode, settings: current.settings }), extra),
    E.map(({ common, provider: change }) => ({ common, change })),
  );
};

/** A secret must never follow the connection to a new host unless it is given again. */
const checkedBaseUrl = (deps: UpdateConnectionDeps, provider: Provider, current: Connection, change: ConnectionChange): E.Either<InvalidInput, string> => {
  if (change.baseUrl === undefined) return E.right(current.baseUrl);
  return pipe(
    checkProviderBaseUrl(provider, deps.baseUrlPolicy)(change.baseUrl),
    E.chain((url) => {
      if (url === current.baseUrl) return E.right(url);
      const missing = provider.description.fields.filter(
        (field) => isSecretField(field) && appliesTo(field, current.credentials.authMode) && change.secrets[field.name] === undefined && current.credentials.secrets[field.name] !== undefined,
      );
      return missing.length === 0 ? E.right(url) : E.left(invalidInput(missing.map((field) => ({ path: field.name, message: 'must be given again when baseUrl changes' }))));
    }),
  );
};

const changedConnection = (deps: UpdateConnectionDeps, current: Connection, decoded: DecodedUpdate, baseUrl: string, site: string) => {
  const { common, change } = decoded;
  const now = deps.clock.now();
  return pipe(
    TE.Do,
    TE.apS('secrets', encryptSecrets(deps.cipher, current.organizationId, current.id)(change.secrets)),
    TE.apS(
      'webhookSecret',
      common.webhookSecret === undefined || common.webhookSecret === null
        ? TE.right<DomainError, Ciphertext | null | undefined>(common.webhookSecret)
        : encryptSecret(deps.cipher, current.organizationId, current.id)('webhookSecret', common.webhookSecret),
    ),
    TE.map(
      ({ secrets, webhookSecret }): Connection => ({
        ...current,
        name: common.name ?? current.name,
        baseUrl,
        site,
        settings: change.settings,
        credentials: { ...current.credentials, secrets: { ...current.credentials.secrets, ...secrets } },
        ...rotateWebhookSecret(current, webhookSecret, now, deps.webhookSecretGraceMs),
        mappings: common.projectMappings === undefined ? current.mappings : { ...current.mappings, projects: projectMappingsOf(common.projectMappings) },
        projectScope: common.projectScope === undefined ? current.projectScope : projectScopeOf(common.projectScope),
        pollingEnabled: common.pollingEnabled ?? current.pollingEnabled,
        syncIntervalSeconds: common.syncIntervalSeconds ?? current.syncIntervalSeconds,
        writeConflictPolicy: common.writeConflictPolicy ?? current.writeConflictPolicy,
        enabled: common.enabled ?? current.enabled,
        updatedAt: now,
      }),
    ),
  );
};

/** The provider's check of the settings, only when what it checks (settings, project scope, secrets, address) changed. */
const recheck = (deps: UpdateConnectionDeps, provider: Provider, before: Connection, after: Connection, given: ConnectionChange): TE.TaskEither<DomainError, void> => {
  const unchanged =
    deepEqual(before.settings, after.settings) &&
    deepEqual(before.projectScope, after.projectScope) &&
    before.baseUrl === after.baseUrl &&
    Object.keys(given.secrets).length === 0;
  if (unchanged || provider.checkSettings === undefined) return TE.right(undefined);
  const scope = { projectKeys: after.projectScope };
  // An OAuth connection is checked with its grant, refreshed first if need be; the settings are the new ones.
  if (after.credentials.oauth !== null) {
    return pipe(
      reachSource(deps)(after),
      TE.chainW((reach) => checkedSettings(provider, { ...reach.connection, baseUrl: after.baseUrl, settings: after.settings }, scope)),
    );
  }
  return pipe(
    decryptSecrets(deps.cipher, after.organizationId, after.id)(after.credentials.secrets),
    TE.chainW((secrets) =>
      checkedSettings(
        provider,
        {
          organizationId: after.organizationId,
          connectionId: after.id,
          provider: after.provider,
          site: after.site,
          baseUrl: after.baseUrl,
          settings: after.settings,
          authMode: after.credentials.authMode,
          secrets,
          oauth: null,
        },
        scope,
      ),
    ),
  );
};

const givenSecrets = (current: Connection, decoded: DecodedUpdate): GivenSecrets => {
  const webhookSecret = decoded.common.webhookSecret;
  return {
    fields: Object.keys(decoded.change.secrets),
    webhookSecret: webhookSecret === undefined || (webhookSecret === null && current.webhookSecret === null) ? 'unchanged' : webhookSecret === null ? 'removed' : 'rotated',
  };
};

/** `connection.updated` for what changed besides `enabled`, which is its own action. */
const updateEntries = (deps: UpdateConnectionDeps, requester: Requester, before: Connection, after: Connection, decoded: DecodedUpdate): ReadonlyArray<AuditEntry> => {
  const entry = auditEntryOf(deps, requester);
  const summary = updatedSummary(before, after, givenSecrets(before, decoded));
  return [
    ...(summary === null ? [] : [entry('connection.updated', after.id, summary)]),
    ...(before.enabled === after.enabled ? [] : [entry(after.enabled ? 'connection.enabled' : 'connection.disabled', after.id)]),
  ];
};

/**
 * Rotates secrets (a replaced webhook secret stays valid for the grace period), changes the
 * provider's settings, the project scope or the project mappings, enables or disables a connection.
 */
export const updateConnection =
  (deps: UpdateConnectionDeps) =>
  (requester: Requester, id: ConnectionId, body: unknown): TE.TaskEither<DomainError, PublicConnection> =>
    pipe(
      loadConnection(deps.connections)(requester.organizationId, id),
      TE.bindTo('current'),
      TE.bindW('provider', ({ current }) => TE.fromEither(providerOf(deps.providers, current.provider))),
      TE.bindW('decoded', ({ current, provider }) => TE.fromEither(decodeUpdate(provider, current, body))),
      TE.chainFirstEitherKW(({ decoded }) => checkSyncInterval(deps.minSyncIntervalSeconds)(decoded.common.syncIntervalSeconds)),
      TE.bindW('baseUrl', ({ current, provider, decoded }) => TE.fromEither(checkedBaseUrl(deps, provider, current, decoded.change))),
      TE.bindW('site', ({ current, provider, decoded, baseUrl }) =>
        baseUrl === current.baseUrl ? TE.right(current.site) : TE.fromTask(provider.resolveSite({ baseUrl, settings: decoded.change.settings, grantDetails: current.credentials.oauth?.details ?? null })),
      ),
      TE.bindW('next', ({ current, decoded, baseUrl, site }) => changedConnection(deps, current, decoded, baseUrl, site)),
      TE.chainFirstW(({ current, provider, next, decoded }) => recheck(deps, provider, current, next, decoded.change)),
      TE.chainW(({ current, next, decoded }) =>
        pipe(
          audited(deps.unitOfWork, (ports) => ports.connections.update(next), (saved) => updateEntries(deps, requester, current, saved, decoded)),
          // New project mappings are applied to the stored tasks at once, as a change through the mappings route is.
          TE.chainFirstW((stored) => (deepEqual(current.mappings.projects, stored.mappings.projects) ? TE.right(undefined) : reapplyConnectionMappings(deps)(stored))),
        ),
      ),
      TE.map(publicConnectionOf(deps.providers)),
    );
