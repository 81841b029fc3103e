import type { Next } from 'koa';
import { sendError, type SimContext } from './http-helpers.js';

/**
 * How Jira Cloud answers an API token that was revoked: `reject` with 401, or `anonymous`, as Jira
 * Cloud does for Basic auth: the request runs as an anonymous visitor, searches answer 200 with no
 * issues, and only `X-Seraph-LoginReason: AUTHENTICATED_FAILED` (and /myself's 401) tell.
 */
export type RevokedAnswer = 'reject' | 'anonymous';

export interface RevokedTokens {
  readonly revoke: (apiToken: string, answer: RevokedAnswer) => void;
  readonly restore: (apiToken: string) => void;
  readonly answerFor: (apiToken: string) => RevokedAnswer | undefined;
}

export const revokedTokens = (): RevokedTokens => {
  const revoked = new Map<string, RevokedAnswer>();
  return {
    revoke: (apiToken, answer) => void revoked.set(apiToken, answer),
    restore: (apiToken) => void revoked.delete(apiToken),
    answerFor: (apiToken) => revoked.get(apiToken),
  };
};

const tokenOf = (header: string): string | undefined => {
  const match = /^Basic\s+(\S+)$/i.exec(header);
  const decoded = match === null ? '' : Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : undefined;
};

/** Answers requests made with a revoked token before they reach the site's own authentication. */
export const revokedTokenMiddleware = (tokens: RevokedTokens) => async (ctx: SimContext, next: Next) => {
  const token = tokenOf(ctx.get('authorization'));
  const answer = token === undefined ? undefined : tokens.answerFor(token);
  if (answer === undefined) return next();
  if (answer === 'reject' || ctx.path.endsWith('/myself')) {
    ctx.set('WWW-Authenticate', 'Basic realm="protected-area"');
    return sendError(ctx, 401, ['Client must be authenticated to access this resource.']);
  }
  ctx.set('X-Seraph-LoginReason', 'AUTHENTICATED_FAILED');
  ctx.status = 200;
  ctx.body = ctx.path.endsWith('/bulkfetch') ? { issues: [], issueErrors: [] } : { issues: [], isLast: true };
};
