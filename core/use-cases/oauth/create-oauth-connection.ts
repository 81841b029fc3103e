import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { DEFAULT_SYNC_INTERVAL_SECONDS, initialSchedule, initialSyncState, noWebhookStats, OAUTH_ACCESS_TOKEN_FIELD, OAUTH_REFRESH_TOKEN_FIELD, type Connection, type OAuthGrant } from '../../domain/connection.js';
import { DEFAULT_WRITE_CONFLICT_POLICY } from '../../domain/write.js';
import { asEntityId, type EntityId, type OrganizationId } from '../../domain/ids.js';
import type { AccessibleSite } from '../../domain/oauth.js';
import type { RequestOrigin } from '../../domain/requester.js';
import { oauthAuthMode } from '../../domain/provider-description.js';
import { oauthFailed, type ConnectionAlreadyExists, type DomainError } from '../../errors.js';
import type { BaseUrlPolicy } from '../../ports/base-url-policy.js';
import type { Cipher } from '../../ports/cipher.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { OAuthClientContext } from '../../ports/oauth-provider.js';
import type { ProviderRegistry } from '../../ports/provider.js';
import { audited, auditEntryOf, type RecordingDeps } from '../audit/audited.js';
import { createdSummary } from '../audit/connection-changes.js';
import { encryptSecret, encryptSecrets } from '../encrypt-secret.js';
import { checkedSettings } from '../providers/checked-settings.js';
import type { OAuthTarget } from './oauth-profile-of.js';

export interface OAuthConnectionDeps extends RecordingDeps {
  readonly connections: ConnectionRepository;
  readonly unitOfWork: UnitOfWork;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly baseUrlPolicy: BaseUrlPolicy;
  readonly providers: ProviderRegistry;
}

/** A grant's tokens in plain text, only ever held in memory. */
export interface GrantedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
  readonly scopes: ReadonlyArray<string>;
}

/** What becomes an OAuth connection: the site chosen, the grant's tokens and the client it was made with. */
export interface OAuthConnectionRequest {
  readonly organizationId: OrganizationId;
  readonly site: AccessibleSite;
  readonly tokens: GrantedTokens;
  readonly client: OAuthClientContext;
  /** Who consented, and in which request: the audit entry names them. */
  readonly origin: RequestOrigin;
}

const auditOf = (deps: OAuthConnectionDeps, request: OAuthConnectionRequest) => auditEntryOf(deps, { ...request.origin, organizationId: request.organizationId });

/**
 * The site URL is the connection's base URL, checked and normalized like any other: links are built
 * on it, and it is part of what identifies the tracker instance.
 */
const siteUrlOf = (deps: OAuthConnectionDeps, target: OAuthTarget, site: AccessibleSite) =>
  pipe(
    target.provider.checkBaseUrl(site.url),
    E.chain(deps.baseUrlPolicy.check),
    E.mapLeft((reason) => oauthFailed('site-unacceptable', `The site URL ${site.url} cannot be connected: it ${reason}`)),
  );

/** The grant's tokens, encrypted for one connection alone. */
const encryptedGrant = (deps: OAuthConnectionDeps, target: OAuthTarget, connectionId: EntityId, request: OAuthConnectionRequest) => {
  const encrypt = encryptSecret(deps.cipher, request.organizationId, connectionId);
  return pipe(
    TE.Do,
    TE.apS('accessToken', encrypt(OAUTH_ACCESS_TOKEN_FIELD, request.tokens.accessToken)),
    TE.apS('refreshToken', encrypt(OAUTH_REFRESH_TOKEN_FIELD, request.tokens.refreshToken)),
    TE.map(
      ({ accessToken, refreshToken }): OAuthGrant => ({
        accessToken,
        refreshToken,
        expiresAt: request.tokens.expiresAt,
        scopes: request.tokens.scopes,
        status: 'active',
        details: { [target.oauth.siteIdField]: request.site.id },
      }),
    ),
  );
};

const newConnection = (deps: OAuthConnectionDeps, target: OAuthTarget, request: OAuthConnectionRequest, baseUrl: string) => {
  const id = asEntityId(deps.ids.next());
  const now = deps.clock.now();
  const { description } = target.provider;
  return pipe(
    TE.Do,
    TE.apS('oauth', encryptedGrant(deps, target, id, request)),
    TE.apS('secrets', encryptSecrets(deps.cipher, request.organizationId, id)(request.client.secrets)),
    TE.bindW('site', ({ oauth }) => TE.fromTask(target.provider.resolveSite({ baseUrl, settings: request.client.settings, grantDetails: oauth.details }))),
    TE.map(
      ({ oauth, secrets, site }): Connection => ({
        id,
        organizationId: request.organizationId,
        provider: description.name,
        name: request.site.name.slice(0, 200) || new URL(baseUrl).host,
        baseUrl,
        site,
        settings: request.client.settings,
        credentials: { authMode: oauthAuthMode(description)?.name ?? 'oauth2', secrets, oauth },
        webhookSecret: null,
        previousWebhookSecret: null,
        mappings: target.provider.defaultMappings(),
        projectScope: [],
        pollingEnabled: false,
        syncIntervalSeconds: DEFAULT_SYNC_INTERVAL_SECONDS,
        writeConflictPolicy: DEFAULT_WRITE_CONFLICT_POLICY,
        enabled: true,
        syncState: initialSyncState,
        schedule: initialSchedule,
        webhookStats: noWebhookStats,
        createdAt: now,
        updatedAt: now,
      }),
    ),
  );
};

/**
 * Authorizing a site the organization already reaches through OAuth (typically one that needs
 * reauthorization) gives that connection the new grant, keeping its settings and history. A
 * connection to the site with other credentials stays a conflict.
 */
const regrant = (deps: OAuthConnectionDeps, target: OAuthTarget, request: OAuthConnectionRequest, attempted: Connection, conflict: ConnectionAlreadyExists) =>
  pipe(
    deps.connections.list(request.organizationId),
    TE.map((all) => all.find((c) => c.provider === attempted.provider && c.site === attempted.site && c.credentials.oauth !== null)),
    TE.chainW((existing) =>
      existing === undefined
        ? TE.left<DomainError, Connection>(conflict)
        : pipe(
            encryptedGrant(deps, target, existing.id, request),
            TE.chainFirstW((grant) =>
              audited(
                deps.unitOfWork,
                (ports) => ports.connections.storeOAuthGrant(request.organizationId, existing.id, grant),
                () => [auditOf(deps, request)('connection.oauth_reauthorized', existing.id, { provider: existing.provider, site: existing.site, scopes: [...grant.scopes] })],
              ),
            ),
            TE.map((grant): Connection => ({ ...existing, credentials: { ...existing.credentials, oauth: grant } })),
          ),
    ),
  );

/** The provider's check of the settings the authorization was started with, made with the grant's own token. */
const checkedWithGrant = (target: OAuthTarget, request: OAuthConnectionRequest, connection: Connection) =>
  checkedSettings(target.provider, {
    organizationId: connection.organizationId,
    connectionId: connection.id,
    provider: connection.provider,
    site: connection.site,
    baseUrl: connection.baseUrl,
    settings: connection.settings,
    authMode: connection.credentials.authMode,
    secrets: request.client.secrets,
    oauth: { accessToken: request.tokens.accessToken, details: connection.credentials.oauth?.details ?? {} },
  }, { projectKeys: connection.projectScope });

/**
 * Connects the organization to one site of a grant; the tokens are stored only encrypted, for this
 * connection alone. Audited as `connection.oauth_connected`, or `connection.oauth_reauthorized`.
 */
export const createOAuthConnection =
  (deps: OAuthConnectionDeps, target: OAuthTarget) =>
  (request: OAuthConnectionRequest): TE.TaskEither<DomainError, Connection> =>
    pipe(
      TE.fromEither(siteUrlOf(deps, target, request.site)),
      TE.chainW((baseUrl) => newConnection(deps, target, request, baseUrl)),
      TE.chainFirstW((connection) => checkedWithGrant(target, request, connection)),
      TE.chainW((connection) =>
        pipe(
          // Its own transaction: a refused insert ends it, and the regrant needs one of its own.
          audited(deps.unitOfWork, (ports) => ports.connections.insert(connection), (saved) => [auditOf(deps, request)('connection.oauth_connected', saved.id, createdSummary(saved))]),
          TE.orElseW((error: DomainError) => (error._tag === 'ConnectionAlreadyExists' ? regrant(deps, target, request, connection, error) : TE.left(error))),
        ),
      ),
    );
