import type { Router } from '@koa/router';
import type { ServiceNowAccount } from './accounts.js';
import { readBody, type SnContext, type SnState } from './http-helpers.js';
import type { ServiceNowOAuthServer } from './oauth-server.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the instance answers any refused token request (bad client, code, refresh token or body): observed, not `invalid_grant`. */
const refused = (ctx: SnContext) => {
  ctx.status = 401;
  ctx.body = { error_description: 'access_denied', error: 'server_error' };
};

const redirectBack = (ctx: SnContext, redirectUri: string, params: Record<string, string | undefined>) => {
  const target = new URL(redirectUri);
  Object.entries(params).forEach(([name, value]) => value !== undefined && target.searchParams.set(name, value));
  ctx.redirect(target.toString());
};

/** /oauth_auth.do: the person is logged in and consents at once (or declines), and the browser goes back with a code. */
const authorize = (oauth: ServiceNowOAuthServer, account: ServiceNowAccount) => (ctx: SnContext) => {
  const q = (name: string) => (typeof ctx.query[name] === 'string' ? (ctx.query[name] as string) : undefined);
  const redirectUri = q('redirect_uri');
  const client = oauth.client(q('client_id'));
  if (client === undefined || redirectUri === undefined || !URL.canParse(redirectUri)) {
    ctx.status = 400;
    ctx.body = 'Invalid client_id or redirect_uri';
    return;
  }
  const state = q('state');
  if (q('response_type') !== 'code') return redirectBack(ctx, redirectUri, { error: 'unsupported_response_type', state });
  if (oauth.settings().consent === 'deny') return redirectBack(ctx, redirectUri, { error: 'access_denied', state });
  redirectBack(ctx, redirectUri, { code: oauth.issueCode({ account, clientId: client.clientId }, redirectUri), state });
};

const grantFor = (oauth: ServiceNowOAuthServer, accounts: ReadonlyArray<ServiceNowAccount>, params: Record<string, string>, clientId: string) => {
  switch (params.grant_type) {
    case 'authorization_code':
      return oauth.redeemCode(params.code ?? '', clientId, params.redirect_uri ?? '');
    case 'refresh_token':
      return oauth.refreshGrant(params.refresh_token ?? '', clientId);
    case 'password': {
      const account = accounts.find((a) => a.userName === params.username && a.password === params.password && a.mfa !== true);
      return account === undefined ? undefined : { account, clientId };
    }
    default:
      return undefined;
  }
};

/** /oauth_token.do, form-encoded only (a JSON body is not read, as the instance documents). */
const token = (oauth: ServiceNowOAuthServer, accounts: ReadonlyArray<ServiceNowAccount>) => async (ctx: SnContext) => {
  const text = await readBody(ctx, 64 * 1024);
  await sleep(oauth.settings().tokenLatencyMs);
  const params = text !== null && ctx.is('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(text)) : {};
  oauth.count(params.grant_type ?? '');
  const client = oauth.client(params.client_id, params.client_secret ?? '');
  if (client === undefined) return refused(ctx);
  const grant = grantFor(oauth, accounts, params, client.clientId);
  if (grant === undefined) return refused(ctx);
  const access = oauth.issueAccessToken(grant);
  const refresh = params.grant_type === 'refresh_token' ? (oauth.settings().echoRefreshToken ? params.refresh_token : undefined) : oauth.issueRefreshToken(grant);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { access_token: access.accessToken, ...(refresh === undefined ? {} : { refresh_token: refresh }), scope: 'useraccount', token_type: 'Bearer', expires_in: access.expiresIn };
};

/** The instance's own authorization server: consent and tokens on the instance's host. */
export const addServiceNowOAuthRoutes = (router: Router<SnState>, oauth: ServiceNowOAuthServer, accounts: ReadonlyArray<ServiceNowAccount>): void => {
  router.get('/oauth_auth.do', authorize(oauth, accounts[0]!));
  router.post('/oauth_token.do', token(oauth, accounts));
};
