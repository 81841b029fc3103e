import type { Router } from '@koa/router';
import { siteUrl, type SimContext, type SimState } from './http-helpers.js';
import { readTokenParams } from './oauth-body.js';
import type { Grant, OAuthServer } from './oauth-server.js';
import type { SimulatorAccount } from './accounts.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const oauthError = (ctx: SimContext, status: number, error: string, description: string) => {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { error, error_description: description };
};

const redirectBack = (ctx: SimContext, redirectUri: string, params: Record<string, string | undefined>) => {
  const target = new URL(redirectUri);
  Object.entries(params).forEach(([name, value]) => value !== undefined && target.searchParams.set(name, value));
  ctx.redirect(target.toString());
};

/** Auto-consent: the configured account agrees (or declines) at once, and the browser goes back with a code. */
const authorize = (oauth: OAuthServer, accounts: ReadonlyArray<SimulatorAccount>) => (ctx: SimContext) => {
  const q = (name: string) => (typeof ctx.query[name] === 'string' ? (ctx.query[name] as string) : undefined);
  const settings = oauth.settings();
  const client = settings.clients.find((c) => c.clientId === q('client_id'));
  const redirectUri = q('redirect_uri');
  // Without a known client and a redirect URI there is nowhere safe to send an error: show it instead.
  if (client === undefined || redirectUri === undefined || !URL.canParse(redirectUri)) {
    ctx.status = 400;
    ctx.body = 'Invalid client_id or redirect_uri';
    return;
  }
  const state = q('state');
  if (q('response_type') !== 'code') return redirectBack(ctx, redirectUri, { error: 'unsupported_response_type', state });
  if (q('audience') !== 'api.atlassian.com') return redirectBack(ctx, redirectUri, { error: 'invalid_request', error_description: 'audience must be api.atlassian.com', state });
  if (settings.consent === 'deny') return redirectBack(ctx, redirectUri, { error: 'access_denied', error_description: 'The user declined the request', state });
  const account = accounts.find((a) => a.email === settings.consentAccount) ?? accounts[0]!;
  const grant: Grant = { account, clientId: client.clientId, cloudIds: settings.sites.map((s) => s.id), scope: q('scope') ?? '' };
  redirectBack(ctx, redirectUri, { code: oauth.issueCode(grant, redirectUri), state });
};

const grantFor = (oauth: OAuthServer, params: Record<string, string>): Grant | undefined =>
  params.grant_type === 'authorization_code'
    ? oauth.redeemCode(params.code ?? '', params.client_id ?? '', params.redirect_uri ?? '')
    : oauth.redeemRefreshToken(params.refresh_token ?? '', params.client_id ?? '');

const token = (oauth: OAuthServer) => async (ctx: SimContext) => {
  const params = await readTokenParams(ctx);
  await sleep(oauth.settings().tokenLatencyMs);
  if (params === null) return oauthError(ctx, 400, 'invalid_request', 'The body must be JSON or form-encoded');
  oauth.countTokenRequest(params.grant_type ?? '');
  if (params.grant_type !== 'authorization_code' && params.grant_type !== 'refresh_token') {
    return oauthError(ctx, 400, 'unsupported_grant_type', 'Unsupported grant type');
  }
  const client = oauth.settings().clients.find((c) => c.clientId === params.client_id && c.clientSecret === params.client_secret);
  if (client === undefined) return oauthError(ctx, 401, 'access_denied', 'Unauthorized');
  const grant = grantFor(oauth, params);
  // Atlassian answers a spent, revoked or unknown code or refresh token with 403 invalid_grant.
  if (grant === undefined) return oauthError(ctx, 403, 'invalid_grant', 'Unknown or invalid refresh token.');
  const pair = oauth.issueTokens(grant);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = {
    access_token: pair.accessToken,
    expires_in: pair.expiresIn,
    scope: grant.scope,
    token_type: 'Bearer',
    ...(pair.refreshToken === null ? {} : { refresh_token: pair.refreshToken }),
  };
};

const accessibleResources = (oauth: OAuthServer) => (ctx: SimContext) => {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  const grant = match === null ? undefined : oauth.grantOf(match[1]!);
  if (grant === undefined) {
    ctx.status = 401;
    ctx.body = { code: 401, message: 'Unauthorized' };
    return;
  }
  const jiraScopes = grant.scope.split(' ').filter((s) => s.includes('jira'));
  ctx.body = oauth
    .settings()
    .sites.filter((site) => grant.cloudIds.includes(site.id))
    .map((site) => ({ id: site.id, name: site.name, url: site.url ?? siteUrl(ctx), scopes: site.scopes ?? jiraScopes, avatarUrl: `${siteUrl(ctx)}/avatar.png` }));
};

/** Atlassian's authorization server (auth.atlassian.com) and the gateway's accessible-resources, on the simulator's host. */
export const addOAuthRoutes = (router: Router<SimState>, oauth: OAuthServer, accounts: ReadonlyArray<SimulatorAccount>): void => {
  router.get('/authorize', authorize(oauth, accounts));
  router.post('/oauth/token', token(oauth));
  router.get('/oauth/token/accessible-resources', accessibleResources(oauth));
};
