import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { sourceUnavailable, type SourceConnection, type SourceError } from '../../../core/index.js';
import { describeNetFailure, type HttpClient, type HttpRequest } from '../../net/index.js';
import { JIRA_REQUEST_BUDGET } from './facts.js';
import { decodeBody, errorForStatus } from './responses.js';

/**
 * One Jira API call, reduced to core's words: network failures and non-2xx answers become
 * SourceErrors, a 2xx body is decoded. Requests are throttled per tenant connection; every Jira read
 * is idempotent (search included, though it is a POST), so all may be retried.
 */
export const jiraCall =
  (http: HttpClient, sharedBudget: boolean) =>
  <A>(connection: SourceConnection, request: E.Either<SourceError, HttpRequest>, codec: t.Decoder<unknown, A>, what: string, maxAttempts?: number) =>
  async (): Promise<E.Either<SourceError, A>> => {
    if (E.isLeft(request)) return request;
    const connectionKey = `${connection.organizationId}/${connection.connectionId}`;
    // One budget per site, whichever connection or process calls it: a 429 pauses the site for all.
    const budget = sharedBudget ? { budget: { key: `jira:${connection.site}`, policy: JIRA_REQUEST_BUDGET } } : {};
    const outcome = await http.send(request.right, { connectionKey, idempotent: true, ...budget, ...(maxAttempts === undefined ? {} : { maxAttempts }) });
    if (E.isLeft(outcome)) return E.left(sourceUnavailable(describeNetFailure(outcome.left)));
    const response = outcome.right;
    if (response.status < 200 || response.status >= 300) return E.left(errorForStatus(response, http.retryAfterMs(response), what, connection.oauth === null ? 'api-token' : 'oauth2'));
    return decodeBody(codec, what)(response);
  };
