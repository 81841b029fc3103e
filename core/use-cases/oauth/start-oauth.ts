import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { START_OAUTH_COMMON_FIELDS, StartOAuthCommonCodec } from '../../codecs/oauth-input.js';
import { asEntityId, type OrganizationId } from '../../domain/ids.js';
import type { Requester } from '../../domain/requester.js';
import { OAUTH_STATE_TTL_MS, pendingClientSecretContext, type PendingOAuthClient } from '../../domain/oauth.js';
import { invalidInput, type DomainError, type InvalidInput } from '../../errors.js';
import type { BaseUrlPolicy } from '../../ports/base-url-policy.js';
import type { Cipher } from '../../ports/cipher.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { OAuthStartRequest } from '../../ports/oauth-provider.js';
import type { OAuthStateStore } from '../../ports/oauth-state-store.js';
import type { ProviderRegistry } from '../../ports/provider.js';
import { checkProviderBaseUrl } from '../check-base-url.js';
import { encryptEach } from '../encrypt-secret.js';
import { decodeSplitBody } from '../providers/decode-with-provider.js';
import { oauthTargetOf, type OAuthTarget } from './oauth-profile-of.js';

export interface StartOAuthDeps {
  readonly providers: ProviderRegistry;
  readonly oauthStates: OAuthStateStore;
  readonly cipher: Cipher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly baseUrlPolicy: BaseUrlPolicy;
}

/** Who asks: the organization and the `sub` of the verified token (the actor), with the request. */
export type OAuthRequester = Requester;

export interface OAuthStart {
  readonly authorizationUrl: string;
  /** The state the consent URL carries: the HTTP adapter names the browser binding after it; never shown. */
  readonly state: string;
}

/** Only a redirect URI on the allow-list: the code must never be sent anywhere else. */
const allowedRedirectUri = (allowed: ReadonlyArray<string>, asked: string | undefined): E.Either<InvalidInput, string> => {
  const chosen = asked ?? allowed[0];
  if (chosen !== undefined && allowed.includes(chosen)) return E.right(chosen);
  return E.left(invalidInput([{ path: 'redirectUri', message: asked === undefined ? 'no redirect URI is configured' : 'is not an allowed redirect URI' }]));
};

interface StartInput {
  readonly redirectUri: string;
  readonly request: OAuthStartRequest;
}

const decodeStart = (target: OAuthTarget, body: unknown): E.Either<InvalidInput, StartInput> =>
  pipe(
    decodeSplitBody(body ?? {}, { names: START_OAUTH_COMMON_FIELDS, codec: StartOAuthCommonCodec }, target.oauth.decodeStart),
    E.chain(({ common, provider: request }) =>
      pipe(
        allowedRedirectUri(target.oauth.redirectUris, common.redirectUri),
        E.map((redirectUri) => ({ redirectUri, request })),
      ),
    ),
  );

/** The client an instance-owned authorization uses, its secrets encrypted for this authorization alone. */
const pendingClient = (deps: StartOAuthDeps, target: OAuthTarget, organizationId: OrganizationId, request: OAuthStartRequest) => {
  const id = asEntityId(deps.ids.next());
  return pipe(
    request.baseUrl === null ? TE.right(null) : TE.fromEither(checkProviderBaseUrl(target.provider, deps.baseUrlPolicy)(request.baseUrl)),
    TE.bindTo('baseUrl'),
    TE.bindW('secrets', () => encryptEach(deps.cipher, (field) => pendingClientSecretContext(organizationId, id, field))(request.secrets)),
    TE.map(({ baseUrl, secrets }): PendingOAuthClient => ({ id, baseUrl, settings: request.settings, secrets })),
  );
};

/**
 * Begins an authorization: remembers who asked (and, for an instance's own OAuth client, which
 * client) under a single-use state that expires in five minutes, and answers the consent URL.
 */
export const startOAuth =
  (deps: StartOAuthDeps) =>
  (providerName: string, requester: OAuthRequester, body: unknown, browserBinding: string | null = null): TE.TaskEither<DomainError, OAuthStart> =>
    pipe(
      TE.fromEither(oauthTargetOf(deps.providers, providerName)),
      TE.bindTo('target'),
      TE.bindW('input', ({ target }) => TE.fromEither(decodeStart(target, body))),
      TE.bindW('client', ({ target, input }) => pendingClient(deps, target, requester.organizationId, input.request)),
      TE.bindW('state', ({ target, input, client }) =>
        deps.oauthStates.issue({
          organizationId: requester.organizationId,
          subject: requester.actor,
          provider: target.provider.description.name,
          redirectUri: input.redirectUri,
          client,
          browserBinding,
          expiresAt: new Date(deps.clock.now().getTime() + OAUTH_STATE_TTL_MS),
        }),
      ),
      TE.map(({ target, input, client, state }) => ({
        state,
        authorizationUrl: target.oauth.authorizationUrl(state, input.redirectUri, { baseUrl: client.baseUrl, settings: input.request.settings, secrets: input.request.secrets }),
      })),
    );
