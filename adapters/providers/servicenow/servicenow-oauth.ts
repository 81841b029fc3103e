import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as oauth from 'oauth4webapi';
import {
  sourceUnavailable,
  strictObject,
  toFieldIssues,
  type IssuedTokens,
  type OAuthClientContext,
  type OAuthProfile,
  type OAuthProviderError,
  type OAuthStartRequest,
} from '../../../core/index.js';
import { createHttpClient, describeNetFailure, type HttpClientOptions } from '../../net/index.js';
import { httpClientFetch, NetFailureError } from '../../oauth/http-client-fetch.js';
import { codecOfField } from '../shared/field-codecs.js';
import { DEFAULT_TABLES, SERVICENOW_OAUTH, SERVICENOW_OAUTH_START_FIELDS } from './facts.js';

export interface ServiceNowOAuthOptions extends HttpClientOptions {
  /** This API's /api/integrations/oauth/servicenow/callback, as registered in each instance's OAuth client; the first is the default. */
  readonly redirectUris: ReadonlyArray<string>;
}

const StartCodec = strictObject(
  'ServiceNowOAuthStart',
  Object.fromEntries(SERVICENOW_OAUTH_START_FIELDS.filter((f) => f.required).map((f) => [f.name, codecOfField(f)])),
  Object.fromEntries(SERVICENOW_OAUTH_START_FIELDS.filter((f) => !f.required).map((f) => [f.name, codecOfField(f)])),
);

const startRequestOf = (decoded: Record<string, unknown>): OAuthStartRequest => ({
  baseUrl: decoded.baseUrl as string,
  settings: { clientId: decoded.clientId, tables: decoded.tables ?? DEFAULT_TABLES, ...(decoded.filter === undefined ? {} : { filter: decoded.filter }) },
  secrets: { clientSecret: decoded.clientSecret as string },
});

const hostOf = (baseUrl: string): string => new URL(baseUrl).host.toLowerCase();

/**
 * ServiceNow's token endpoint answers a refused code, refresh token or client with 401
 * `{"error":"server_error","error_description":"access_denied"}` rather than `invalid_grant`. A
 * refused refresh is final either way (expired, revoked, or a client changed under it): someone
 * must authorize again, so it is reported as `invalid_grant`.
 */
const failure =
  (what: string, refreshing: boolean) =>
  (error: unknown): OAuthProviderError => {
    if (error instanceof NetFailureError) return sourceUnavailable(`The ServiceNow instance could not be reached for ${what}: ${describeNetFailure(error.failure)}`);
    if (error instanceof oauth.ResponseBodyError) {
      const refused = refreshing && (error.status === 400 || error.status === 401);
      return { _tag: 'OAuthGrantRejected', error: refused ? 'invalid_grant' : error.error, description: error.error_description ?? null };
    }
    if (error instanceof oauth.WWWAuthenticateChallengeError) {
      return { _tag: 'OAuthGrantRejected', error: refreshing ? 'invalid_grant' : (error.cause[0]?.parameters.error ?? 'invalid_client'), description: null };
    }
    // The library's own messages name the protocol problem, never a token.
    return sourceUnavailable(`ServiceNow's answer to ${what} was not understood: ${error instanceof Error ? error.message : 'unknown failure'}`);
  };

const toIssuedTokens = (response: oauth.TokenEndpointResponse): IssuedTokens => ({
  accessToken: response.access_token,
  refreshToken: response.refresh_token ?? null,
  expiresInSeconds: response.expires_in ?? null,
  scopes: (response.scope ?? '').split(' ').filter((s) => s !== ''),
});

/** The instance as an authorization server, and the client registered in it (the connection's own). */
const clientOf = (context: OAuthClientContext) => {
  const clientId = context.settings.clientId;
  const clientSecret = context.secrets.clientSecret;
  if (context.baseUrl === null || typeof clientId !== 'string' || clientSecret === undefined) return null;
  const base = context.baseUrl.replace(/\/+$/, '');
  const as: oauth.AuthorizationServer = { issuer: new URL(base).origin, authorization_endpoint: `${base}${SERVICENOW_OAUTH.authorizePath}`, token_endpoint: `${base}${SERVICENOW_OAUTH.tokenPath}` };
  return { as, client: { client_id: clientId } as oauth.Client, auth: oauth.ClientSecretPost(clientSecret) };
};

/**
 * OAuth 2.0 authorization code with the instance's own client (each customer registers it in its
 * instance, so the client is the connection's): consent at /oauth_auth.do, tokens at /oauth_token.do,
 * form-encoded through oauth4webapi (JSON bodies get an unspecified error there). Refresh tokens do
 * not rotate: a refresh answers an access token alone, and core keeps the refresh token it has.
 */
export const serviceNowOAuth = (options: ServiceNowOAuthOptions): OAuthProfile & { readonly close: () => void } => {
  const http = createHttpClient(options);
  const transport = (context: OAuthClientContext) => ({
    [oauth.customFetch]: httpClientFetch(http, { connectionKey: `oauth:servicenow:${context.baseUrl === null ? '' : hostOf(context.baseUrl)}`, idempotent: false }),
    // Plain http only where the network guard allows it (local simulators); the guard still decides.
    [oauth.allowInsecureRequests]: options.allowPrivateNetwork,
  });
  const incomplete = TE.left<OAuthProviderError, never>(sourceUnavailable('The OAuth client of this ServiceNow connection is incomplete (instance, client id and secret); authorize it again'));

  const tokenCall = (what: string, refreshing: boolean, request: () => Promise<Response>, process: (response: Response) => Promise<oauth.TokenEndpointResponse>) =>
    TE.tryCatch(async () => toIssuedTokens(await process(await request())), failure(what, refreshing));

  return {
    redirectUris: options.redirectUris,
    startFields: SERVICENOW_OAUTH_START_FIELDS,
    decodeStart: (body) => pipe(StartCodec.decode(body), E.bimap(toFieldIssues, (decoded) => startRequestOf(decoded as Record<string, unknown>))),
    siteIdField: SERVICENOW_OAUTH.siteIdField,
    authorizationUrl: (state, redirectUri, context) => {
      const url = new URL(`${(context.baseUrl ?? '').replace(/\/+$/, '')}${SERVICENOW_OAUTH.authorizePath}`);
      const params = { response_type: 'code', client_id: String(context.settings.clientId ?? ''), redirect_uri: redirectUri, state };
      Object.entries(params).forEach(([name, value]) => url.searchParams.set(name, value));
      return url.toString();
    },
    exchangeCode: (code, redirectUri, context) => {
      const c = clientOf(context);
      if (c === null) return incomplete;
      return tokenCall(
        'the authorization code exchange',
        false,
        () => oauth.authorizationCodeGrantRequest(c.as, c.client, c.auth, oauth.validateAuthResponse(c.as, c.client, new URLSearchParams({ code }), oauth.skipStateCheck), redirectUri, oauth.nopkce, transport(context)),
        (response) => oauth.processAuthorizationCodeResponse(c.as, c.client, response),
      );
    },
    refresh: (refreshToken, context) => {
      const c = clientOf(context);
      if (c === null) return incomplete;
      return tokenCall(
        'the token refresh',
        true,
        () => oauth.refreshTokenGrantRequest(c.as, c.client, c.auth, refreshToken, transport(context)),
        (response) => oauth.processRefreshTokenResponse(c.as, c.client, response),
      );
    },
    // The grant reaches exactly the instance it was made on.
    sites: (_accessToken, context) =>
      context.baseUrl === null ? incomplete : TE.right([{ id: hostOf(context.baseUrl), name: hostOf(context.baseUrl), url: context.baseUrl, scopes: [] }]),
    close: http.close,
  };
};
