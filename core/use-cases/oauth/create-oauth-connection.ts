import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { initialSyncState, noWebhookStats, type Connection } from '../../domain/connection.js';
import { defaultFieldMappings } from '../../domain/field-mappings.js';
import { asEntityId, type OrganizationId } from '../../domain/ids.js';
import type { AccessibleSite } from '../../domain/oauth.js';
import type { Provider } from '../../domain/provider.js';
import { oauthFailed, type DomainError } from '../../errors.js';
import type { BaseUrlPolicy } from '../../ports/base-url-policy.js';
import type { Cipher } from '../../ports/cipher.js';
import type { Clock } from '../../ports/clock.js';
import type { ConnectionRepository } from '../../ports/connection-repository.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import { encryptSecret } from '../encrypt-secret.js';

export interface OAuthConnectionDeps {
  readonly connections: ConnectionRepository;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly baseUrlPolicy: BaseUrlPolicy;
}

/** A grant's tokens in plain text, only ever held in memory. */
export interface GrantedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
  readonly scopes: ReadonlyArray<string>;
}

/**
 * The site URL is the connection's base URL, normalized like an API-token connection's: links are
 * built on it, and an OAuth and an API-token connection to the same site are the same target.
 */
const siteUrlOf = (policy: BaseUrlPolicy, site: AccessibleSite) =>
  pipe(
    policy.check(site.url),
    E.mapLeft((reason) => oauthFailed('site-unacceptable', `The site URL ${site.url} cannot be connected: it ${reason}`)),
  );

/** Connects the organization to one site of a grant; the tokens are stored only encrypted, for this connection alone. */
export const createOAuthConnection =
  (deps: OAuthConnectionDeps) =>
  (organizationId: OrganizationId, provider: Provider, site: AccessibleSite, tokens: GrantedTokens): TE.TaskEither<DomainError, Connection> => {
    const id = asEntityId(deps.ids.next());
    const encrypt = encryptSecret(deps.cipher, organizationId, id);
    const now = deps.clock.now();
    return pipe(
      TE.fromEither(siteUrlOf(deps.baseUrlPolicy, site)),
      TE.bindTo('baseUrl'),
      TE.bindW('accessToken', () => encrypt('oauthAccessToken', tokens.accessToken)),
      TE.bindW('refreshToken', () => encrypt('oauthRefreshToken', tokens.refreshToken)),
      TE.map(
        ({ baseUrl, accessToken, refreshToken }): Connection => ({
          id,
          organizationId,
          provider,
          name: site.name.slice(0, 200) || new URL(baseUrl).host,
          baseUrl,
          credentials: { kind: 'oauth2', cloudId: site.cloudId, accessToken, refreshToken, expiresAt: tokens.expiresAt, scopes: tokens.scopes, status: 'active' },
          webhookSecret: null,
          previousWebhookSecret: null,
          mappings: defaultFieldMappings(),
          queryFilter: null,
          pollingEnabled: false,
          enabled: true,
          syncState: initialSyncState,
          webhookStats: noWebhookStats,
          createdAt: now,
          updatedAt: now,
        }),
      ),
      TE.chainW(deps.connections.insert),
    );
  };
