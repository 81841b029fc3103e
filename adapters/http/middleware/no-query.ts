import type { Middleware } from 'koa';
import { invalidQuery } from '../../../core/index.js';
import { sendDomainError } from '../respond.js';

/**
 * For routes that take no query string. A parameter is refused exactly as an unknown parameter of a
 * route that has a query (a strict codec), so no route silently ignores what a caller asked for.
 */
export const noQuery: Middleware = async (ctx, next) => {
  const names = Object.keys(ctx.query);
  if (names.length === 0) return next();
  sendDomainError(ctx, invalidQuery(names.map((name) => ({ path: name, message: 'is not an allowed field' }))));
};
