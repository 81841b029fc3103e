import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Context } from 'koa';
import { describeError, type DomainError, type FieldIssue } from '../../core/index.js';
import { ERROR_STATUS } from './error-status.js';

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: ReadonlyArray<FieldIssue>; readonly requestId?: string };
}

export const sendError = (ctx: Context, status: number, code: string, message: string, details?: ReadonlyArray<FieldIssue>): void => {
  ctx.status = status;
  const requestId = typeof ctx.state.requestId === 'string' ? ctx.state.requestId : undefined;
  ctx.body = { error: { code, message, ...(details === undefined ? {} : { details }), ...(requestId === undefined ? {} : { requestId }) } } satisfies ErrorBody;
};

/** Server-side failures are logged in full but described to the caller without internals. */
const publicMessage = (error: DomainError, status: number): string =>
  status >= 500 && error._tag !== 'SourceUnavailable' ? 'The service cannot complete this request right now' : describeError(error);

export const sendDomainError = (ctx: Context, error: DomainError): void => {
  const { status, code } = ERROR_STATUS[error._tag];
  if (status >= 500) ctx.state.log?.error({ err: { tag: error._tag, message: describeError(error) } }, 'request failed');
  if (error._tag === 'SourceRateLimited' && error.retryAfterMs !== null) ctx.set('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
  sendError(ctx, status, code, publicMessage(error, status), error._tag === 'InvalidInput' || error._tag === 'InvalidQuery' || error._tag === 'SourceConfigurationInvalid' ? error.details : undefined);
};

/** Runs a use case and answers `{ data }` with `status`, or the mapped error. */
export const respond = async <A>(
  ctx: Context,
  task: TE.TaskEither<DomainError, A>,
  options: { status?: number; meta?: (value: A) => Record<string, unknown>; data?: (value: A) => unknown } = {},
): Promise<void> => {
  const result = await task();
  if (E.isLeft(result)) return sendDomainError(ctx, result.left);
  ctx.status = options.status ?? 200;
  const data = options.data === undefined ? result.right : options.data(result.right);
  ctx.body = options.meta === undefined ? { data } : { data, meta: options.meta(result.right) };
};
