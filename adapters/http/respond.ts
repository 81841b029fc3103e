import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Context } from 'koa';
import { describeError, type DomainError, type FieldIssue } from '../../core/index.js';
import { ERROR_STATUS } from './error-status.js';

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: ReadonlyArray<FieldIssue>; readonly requestId?: string };
}

/** The error body every refusal answers, with the request id when the request has one. */
export const errorBody = (code: string, message: string, details?: ReadonlyArray<FieldIssue>, requestId?: string): ErrorBody => ({
  error: { code, message, ...(details === undefined ? {} : { details }), ...(requestId === undefined ? {} : { requestId }) },
});

export const sendError = (ctx: Context, status: number, code: string, message: string, details?: ReadonlyArray<FieldIssue>): void => {
  ctx.status = status;
  ctx.body = errorBody(code, message, details, typeof ctx.state.requestId === 'string' ? ctx.state.requestId : undefined);
};

/** Server-side failures are logged in full but described to the caller without internals. */
const publicMessage = (error: DomainError, status: number): string =>
  status >= 500 && error._tag !== 'SourceUnavailable' ? 'The service cannot complete this request right now' : describeError(error);

/** How a domain error is answered, whatever serves the request (Koa, or the webhook endpoint without it). */
export interface DomainErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: ReadonlyArray<FieldIssue>;
  /** Seconds for a `Retry-After` header, when the error says how long to wait. */
  readonly retryAfterSeconds?: number;
}

export const domainErrorAnswer = (error: DomainError): DomainErrorAnswer => {
  const { status, code } = ERROR_STATUS[error._tag];
  const details = error._tag === 'InvalidInput' || error._tag === 'InvalidQuery' || error._tag === 'SourceConfigurationInvalid' ? error.details : undefined;
  const retryAfterMs = error._tag === 'SourceRateLimited' ? error.retryAfterMs : null;
  return {
    status,
    code,
    message: publicMessage(error, status),
    ...(details === undefined ? {} : { details }),
    ...(retryAfterMs === null ? {} : { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
  };
};

export const sendDomainError = (ctx: Context, error: DomainError): void => {
  const answer = domainErrorAnswer(error);
  if (answer.status >= 500) ctx.state.log?.error({ err: { tag: error._tag, message: describeError(error) } }, 'request failed');
  if (answer.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(answer.retryAfterSeconds));
  sendError(ctx, answer.status, answer.code, answer.message, answer.details);
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
