import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as oauth from 'oauth4webapi';
import { sourceUnavailable, strictObject, toFieldIssues, type AccessibleSite, type IssuedTokens, type OAuthProfile, type OAuthProviderError } from '../../../core/index.js';
import { createHttpClient, describeNetFailure, type HttpClientOptions } from '../../net/index.js';
import { AccessibleResourcesCodec, toAccessibleSites } from './accessible-resources.js';
import { JIRA_OAUTH } from './facts.js';
import { httpClientFetch, NetFailureError } from '../../oauth/http-client-fetch.js';

export interface AtlassianOAuthOptions extends HttpClientOptions {
  readonly clientId: string;
  /** The callback URLs registered with the app (this API's /api/integrations/oauth/jira/callback); the first is the default. */
  readonly redirectUris: ReadonlyArray<string>;
  readonly clientSecret: string;
  /** JIRA_OAUTH_AUTHORIZE_URL */
  readonly authorizeUrl?: string;
  /** JIRA_OAUTH_TOKEN_URL */
  readonly tokenUrl?: string;
  /** JIRA_API_GATEWAY_URL: accessible-resources lives there. */
  readonly apiGatewayUrl?: string;
}

export const JIRA_OAUTH_SCOPES = JIRA_OAUTH.scopes;

/** The same product can be listed once per site and product (Jira, Confluence): keep Jira's, once each. */
export const jiraSites = (sites: ReadonlyArray<AccessibleSite>): ReadonlyArray<AccessibleSite> =>
  sites
    .filter((site) => site.scopes.some((scope) => scope.includes('jira')))
    .filter((site, index, all) => all.findIndex((other) => other.id === site.id) === index);

/** Atlassian's client is taskport's own: the start body takes nothing but the redirect URI. */
const NoStartFields = strictObject('JiraOAuthStart', {}, {});

/** One lane of the HTTP client's throttle for every OAuth call: they belong to no connection yet. */
const CONNECTION_KEY = 'oauth:atlassian';

const failure =
  (what: string) =>
  (error: unknown): OAuthProviderError => {
    if (error instanceof NetFailureError) return sourceUnavailable(`Atlassian could not be reached for ${what}: ${describeNetFailure(error.failure)}`);
    if (error instanceof oauth.ResponseBodyError) return { _tag: 'OAuthGrantRejected', error: error.error, description: error.error_description ?? null };
    if (error instanceof oauth.WWWAuthenticateChallengeError) {
      return { _tag: 'OAuthGrantRejected', error: error.cause[0]?.parameters.error ?? 'invalid_token', description: null };
    }
    // The library's own messages name the protocol problem, never a token.
    return sourceUnavailable(`Atlassian's answer to ${what} was not understood: ${error instanceof Error ? error.message : 'unknown failure'}`);
  };

const toIssuedTokens = (response: oauth.TokenEndpointResponse): IssuedTokens => ({
  accessToken: response.access_token,
  refreshToken: response.refresh_token ?? null,
  expiresInSeconds: response.expires_in ?? null,
  scopes: (response.scope ?? '').split(' ').filter((s) => s !== ''),
});

/**
 * Atlassian's OAuth 2.0 (3LO) through oauth4webapi: the consent URL, the authorization code and
 * refresh token grants (form-encoded, client_secret_post: Atlassian documents JSON bodies and
 * accepts the standard encoding too) and the sites a token reaches.
 */
export const atlassianOAuth = (options: AtlassianOAuthOptions): OAuthProfile & { readonly close: () => void } => {
  const tokenUrl = options.tokenUrl ?? JIRA_OAUTH.tokenUrl;
  const authorizeUrl = options.authorizeUrl ?? JIRA_OAUTH.authorizeUrl;
  const gateway = (options.apiGatewayUrl ?? JIRA_OAUTH.apiGatewayUrl).replace(/\/+$/, '');
  const as: oauth.AuthorizationServer = { issuer: new URL(tokenUrl).origin, authorization_endpoint: authorizeUrl, token_endpoint: tokenUrl };
  const client: oauth.Client = { client_id: options.clientId };
  const clientAuth = oauth.ClientSecretPost(options.clientSecret);
  const http = createHttpClient(options);
  const transport = (idempotent: boolean) => ({
    [oauth.customFetch]: httpClientFetch(http, { connectionKey: CONNECTION_KEY, idempotent }),
    // Plain http only where the network guard allows it (local simulators); the guard still decides.
    [oauth.allowInsecureRequests]: options.allowPrivateNetwork,
  });

  const tokenCall = (what: string, request: () => Promise<Response>, process: (response: Response) => Promise<oauth.TokenEndpointResponse>) =>
    TE.tryCatch(async () => toIssuedTokens(await process(await request())), failure(what));

  return {
    redirectUris: options.redirectUris,
    startFields: [],
    decodeStart: (body) =>
      pipe(
        NoStartFields.decode(body),
        E.bimap(toFieldIssues, () => ({ baseUrl: null, settings: {}, secrets: {} })),
      ),
    siteIdField: JIRA_OAUTH.siteIdField,
    authorizationUrl: (state, redirectUri) => {
      const url = new URL(authorizeUrl);
      const params = { audience: 'api.atlassian.com', client_id: options.clientId, scope: JIRA_OAUTH_SCOPES.join(' '), redirect_uri: redirectUri, state, response_type: 'code', prompt: 'consent' };
      Object.entries(params).forEach(([name, value]) => url.searchParams.set(name, value));
      return url.toString();
    },
    exchangeCode: (code, redirectUri) =>
      tokenCall(
        'the authorization code exchange',
        () => {
          const callback = oauth.validateAuthResponse(as, client, new URLSearchParams({ code }), oauth.skipStateCheck);
          return oauth.authorizationCodeGrantRequest(as, client, clientAuth, callback, redirectUri, oauth.nopkce, transport(false));
        },
        (response) => oauth.processAuthorizationCodeResponse(as, client, response),
      ),
    refresh: (refreshToken) =>
      tokenCall(
        'the token refresh',
        () => oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, transport(false)),
        (response) => oauth.processRefreshTokenResponse(as, client, response),
      ),
    sites: (accessToken) =>
      pipe(
        TE.tryCatch(async () => {
          const url = new URL(`${gateway}/oauth/token/accessible-resources`);
          const response = await oauth.protectedResourceRequest(accessToken, 'GET', url, new Headers({ accept: 'application/json' }), null, transport(true));
          return { status: response.status, json: response.status === 200 ? ((await response.json()) as unknown) : null };
        }, failure('the list of accessible sites')),
        TE.chainEitherKW(({ status, json }) => {
          if (status === 401 || status === 403) return E.left<OAuthProviderError>({ _tag: 'OAuthGrantRejected', error: 'invalid_token', description: null });
          if (status !== 200) return E.left(sourceUnavailable(`Atlassian answered ${status} for the list of accessible sites`));
          return pipe(
            AccessibleResourcesCodec.decode(json),
            E.mapLeft((errors) => sourceUnavailable(`Atlassian's list of accessible sites has an unexpected shape: ${toFieldIssues(errors).map((i) => `${i.path} ${i.message}`).join('; ')}`)),
          );
        }),
        TE.map((resources) => jiraSites(toAccessibleSites(resources))),
      ),
    close: http.close,
  };
};
