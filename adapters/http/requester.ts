import type { Context } from 'koa';
import type { Requester } from '../../core/index.js';
import { principalOf } from './principal.js';

/** The id `requestContext` gave this request, if it ran. */
export const requestIdOf = (ctx: Context): string | null => (typeof ctx.state.requestId === 'string' ? ctx.state.requestId : null);

/** Who asks for a change: the token's organization and `sub`, and this request's id (all audited). */
export const requesterOf = (ctx: Context): Requester => {
  const { organizationId, subject } = principalOf(ctx);
  return { organizationId, actor: subject, requestId: requestIdOf(ctx) };
};
