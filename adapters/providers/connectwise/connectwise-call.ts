import * as E from 'fp-ts/lib/Either.js';
import { sourceUnavailable, type SourceConnection, type SourceError } from '../../../core/index.js';
import { describeNetFailure, perHour, type HttpClient, type HttpRequest, type HttpResponse } from '../../net/index.js';
import { errorForStatus } from './responses.js';
import type { ConnectWiseSettings } from './settings.js';

/** The budget key of one connection: every process working for it draws from the same bucket. */
export const budgetKeyOf = (connection: Pick<SourceConnection, 'organizationId' | 'connectionId'>): string => `connectwise:${connection.organizationId}/${connection.connectionId}`;

export interface CallOptions {
  readonly maxAttempts?: number;
  /** Writes (register a callback) are not sent again once they may have reached ConnectWise. */
  readonly idempotent?: boolean;
}

/**
 * One ConnectWise exchange: network failures become SourceUnavailable, any answer is the caller's.
 * Every call draws from the connection's request budget (its `requestsPerHour`), shared by every
 * process, so a sync that would exceed it waits; a 429 or 503 with Retry-After pauses the
 * connection for everyone.
 */
export const connectWiseExchange =
  (http: HttpClient) =>
  (connection: SourceConnection, settings: ConnectWiseSettings, request: E.Either<SourceError, HttpRequest>, options: CallOptions = {}) =>
  async (): Promise<E.Either<SourceError, HttpResponse>> => {
    if (E.isLeft(request)) return request;
    const key = budgetKeyOf(connection);
    const outcome = await http.send(request.right, {
      connectionKey: key,
      idempotent: options.idempotent ?? true,
      budget: { key, policy: perHour(settings.requestsPerHour) },
      site: key,
      ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    });
    return E.isLeft(outcome) ? E.left(sourceUnavailable(describeNetFailure(outcome.left))) : E.right(outcome.right);
  };

/** One ConnectWise call, reduced to core's words: a non-2xx answer becomes a SourceError, a 2xx answers the response for the caller to decode. */
export const connectWiseCall =
  (http: HttpClient) =>
  (connection: SourceConnection, settings: ConnectWiseSettings, request: E.Either<SourceError, HttpRequest>, what: string, options: CallOptions = {}) =>
  async (): Promise<E.Either<SourceError, HttpResponse>> => {
    const answered = await connectWiseExchange(http)(connection, settings, request, options)();
    if (E.isLeft(answered)) return answered;
    const response = answered.right;
    if (response.status < 200 || response.status >= 300) return E.left(errorForStatus(response, http.retryAfterMs(response), what));
    return E.right(response);
  };

export type ConnectWiseCall = ReturnType<typeof connectWiseCall>;
