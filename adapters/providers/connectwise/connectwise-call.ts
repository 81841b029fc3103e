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
 * One ConnectWise call, reduced to core's words: network failures and non-2xx answers become
 * SourceErrors, a 2xx answers the response for the caller to decode. Every call draws from the
 * connection's request budget (its `requestsPerHour`), shared by every process, so a sync that
 * would exceed it waits; a 429 or 503 with Retry-After pauses the connection for everyone.
 */
export const connectWiseCall =
  (http: HttpClient) =>
  (connection: SourceConnection, settings: ConnectWiseSettings, request: E.Either<SourceError, HttpRequest>, what: string, options: CallOptions = {}) =>
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
    if (E.isLeft(outcome)) return E.left(sourceUnavailable(describeNetFailure(outcome.left)));
    const response = outcome.right;
    if (response.status < 200 || response.status >= 300) return E.left(errorForStatus(response, http.retryAfterMs(response), what));
    return E.right(response);
  };

export type ConnectWiseCall = ReturnType<typeof connectWiseCall>;
