import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { sourceUnavailable, type SourceConnection, type SourceError } from '../../../core/index.js';
import { describeNetFailure, type HttpClient, type HttpRequest, type HttpResponse, type WarnLogger } from '../../net/index.js';
import { JIRA_REQUEST_BUDGET } from './facts.js';
import { anonymousRefusal, configurationRefusal, jiraMessages, loginRefusal, type SearchSettings } from './jira-refusals.js';
import { decodeBody, errorForStatus } from './responses.js';

export interface CallOptions {
  readonly maxAttempts?: number;
  /** Set for a search: a 400 then means the connection's filter or projects are wrong, not this adapter. */
  readonly search?: SearchSettings;
  /** False for a write: one that may have reached Jira is never sent again by the HTTP client. Reads are idempotent. */
  readonly idempotent?: boolean;
  /** A write's 400 and 404 answers are handed back as they are, for the writer to read Jira's field errors. */
  readonly answersRefusals?: boolean;
}

/** Where a call's warnings go, and whether requests draw on the budget every process shares. */
export interface CallContext {
  readonly logger?: WarnLogger;
  readonly sharedBudget: boolean;
}

type Call = (connection: SourceConnection, request: E.Either<SourceError, HttpRequest>, what: string, options?: CallOptions) => () => Promise<E.Either<SourceError, HttpResponse>>;

/** What any answer can say about the credentials, whatever its status, and what a 400 says about the settings. */
const refusalOf = (response: HttpResponse, options: CallOptions): SourceError | null => {
  const login = loginRefusal(response);
  if (login !== null || response.status !== 400) return login;
  const messages = jiraMessages(response.body);
  return anonymousRefusal(messages) ?? (options.search !== undefined && messages.length > 0 ? configurationRefusal(messages, options.search) : null);
};

/**
 * One Jira API call, reduced to core's words: network failures, refusals and non-2xx answers become
 * SourceErrors. Requests are throttled per tenant connection; every Jira read is idempotent (search
 * included, though it is a POST), so reads may be retried; writes say they may not. A renamed site's redirect (followed within
 * *.atlassian.net) is logged, so someone updates the base URL.
 */
export const jiraExchange =
  (http: HttpClient, context: CallContext): Call =>
  (connection, request, what, options = {}) =>
  async () => {
    if (E.isLeft(request)) return request;
    const connectionKey = `${connection.organizationId}/${connection.connectionId}`;
    // One budget per site, whichever connection or process calls it: a 429 pauses the site for all.
    const site = `jira:${connection.site}`;
    const budget = context.sharedBudget ? { budget: { key: site, policy: JIRA_REQUEST_BUDGET } } : {};
    const outcome = await http.send(request.right, { connectionKey, idempotent: options.idempotent ?? true, site, ...budget, ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }) });
    if (E.isLeft(outcome)) return E.left(sourceUnavailable(describeNetFailure(outcome.left)));
    const response = outcome.right;
    if (response.redirectedTo !== undefined) {
      context.logger?.warn({ connectionId: connection.connectionId, baseUrl: connection.baseUrl, movedTo: response.redirectedTo.origin }, 'The Jira site has moved; its redirect is followed until the connection is given the new base URL');
    }
    const refused = refusalOf(response, options);
    if (refused !== null) return E.left(refused);
    if (options.answersRefusals === true && (response.status === 400 || response.status === 404)) return E.right(response);
    if (response.status < 200 || response.status >= 300) return E.left(errorForStatus(response, http.retryAfterMs(response), what, connection.oauth === null ? 'api-token' : 'oauth2'));
    return E.right(response);
  };

/** A call whose 2xx body is decoded by `codec`. */
export const jiraCall =
  (http: HttpClient, context: CallContext) =>
  <A>(connection: SourceConnection, request: E.Either<SourceError, HttpRequest>, codec: t.Decoder<unknown, A>, what: string, options: CallOptions = {}) => {
    const exchange = jiraExchange(http, context)(connection, request, what, options);
    return async (): Promise<E.Either<SourceError, A>> => E.chainW(decodeBody(codec, what))(await exchange());
  };
