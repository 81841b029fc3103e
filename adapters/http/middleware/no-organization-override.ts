import type { Middleware } from 'koa';
import { sendError } from '../respond.js';

/** The organization comes from the token alone; a request that tries to name one is refused. */
export const noOrganizationOverride = (): Middleware => async (ctx, next) => {
  const inQuery = Object.hasOwn(ctx.query, 'organizationId');
  const body: unknown = ctx.state.body;
  const inBody = typeof body === 'object' && body !== null && Object.hasOwn(body, 'organizationId');
  if (!inQuery && !inBody) return next();
  sendError(ctx, 400, inQuery ? 'validation/invalid-query' : 'validation/invalid-body', 'The organization comes from the token and cannot be given', [
    { path: 'organizationId', message: 'is not an allowed field' },
  ]);
};
