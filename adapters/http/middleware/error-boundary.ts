import type { Middleware } from 'koa';
import { sendError } from '../respond.js';
import { BodyAbandoned } from './raw-body.js';

const CLIENT_ERRORS: Readonly<Record<number, { code: string; message: string }>> = {
  400: { code: 'validation/invalid-body', message: 'The request is invalid' },
  401: { code: 'auth/unauthorized', message: 'A valid bearer token is required' },
  403: { code: 'auth/forbidden', message: 'This token may not do that' },
  404: { code: 'route/not-found', message: 'There is no such route' },
  405: { code: 'route/method-not-allowed', message: 'The route does not accept this method' },
  413: { code: 'validation/body-too-large', message: 'The request body is too large' },
  415: { code: 'validation/unsupported-media-type', message: 'The request body must be application/json' },
};

interface HttpishError {
  status?: number;
  expose?: boolean;
  message?: string;
}

/**
 * The last line of defence: client errors thrown by middleware (koa-jwt, the body reader) get their
 * stable code; a client gone before its body arrived is routine, noted at debug; anything else is a
 * bug, logged in full and answered as a bare 500 with the request id.
 */
export const errorBoundary = (): Middleware => async (ctx, next) => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) sendError(ctx, 404, CLIENT_ERRORS[404]!.code, CLIENT_ERRORS[404]!.message);
  } catch (thrown) {
    if (thrown instanceof BodyAbandoned) {
      ctx.state.log?.debug('client abandoned the request before sending its whole body');
      return sendError(ctx, 400, 'validation/body-incomplete', 'The request body ended early');
    }
    const error = thrown as HttpishError;
    const known = error.status === undefined ? undefined : CLIENT_ERRORS[error.status];
    if (known !== undefined && error.status !== undefined && error.status < 500) {
      const message = error.expose === true && error.message !== undefined && error.status !== 401 ? error.message : known.message;
      return sendError(ctx, error.status, known.code, message);
    }
    ctx.state.log?.error({ err: thrown }, 'unexpected error');
    sendError(ctx, 500, 'internal/unexpected', 'Something went wrong; quote the request id when reporting it');
  }
};
