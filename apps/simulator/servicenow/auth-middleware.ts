import type { Next } from 'koa';
import type { ServiceNowAccount } from './accounts.js';
import { sendError, type SnContext } from './http-helpers.js';
import type { ServiceNowOAuthServer } from './oauth-server.js';

const basicCredentials = (header: string): { user: string; password: string } | null => {
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (match === null) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
};

/**
 * Basic auth with an account's user name and password, or an OAuth bearer token the instance
 * issued. A right password on an account that needs MFA is answered 401 with `X-MFA_TOKEN: invalid`;
 * so is any call of an account an administrator deactivated (`isActive` false: its sys_user row's
 * `active` is `false`), as ServiceNow refuses an inactive user.
 */
export const authMiddleware = (accounts: ReadonlyArray<ServiceNowAccount>, oauth: ServiceNowOAuthServer, isActive: (userName: string) => boolean) => async (ctx: SnContext, next: Next) => {
  const header = ctx.get('authorization');
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  const basic = basicCredentials(header);
  let account: ServiceNowAccount | undefined;
  if (bearer !== null) account = oauth.accountOf(bearer[1]!);
  else if (basic !== null) {
    account = accounts.find((a) => a.userName === basic.user && a.password === basic.password);
    if (account?.mfa === true) {
      ctx.set('X-MFA_TOKEN', 'invalid');
      return sendError(ctx, 401, 'User Not Authenticated', 'Required to provide Auth information');
    }
  }
  if (account === undefined || !isActive(account.userName)) {
    ctx.set('WWW-Authenticate', 'BASIC realm="Service-now"');
    return sendError(ctx, 401, 'User Not Authenticated', 'Required to provide Auth information');
  }
  ctx.state.account = account;
  return next();
};
