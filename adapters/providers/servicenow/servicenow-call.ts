import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { sourceUnavailable, type SourceConnection, type SourceError } from '../../../core/index.js';
import { describeNetFailure, type HttpClient, type HttpResponse } from '../../net/index.js';
import { budgetKeyOf, SERVICENOW_BUDGET } from './facts.js';
import { apiTarget, tableRequest, type TableRead } from './requests.js';
import { decodeBody, errorForStatus, ListCodec } from './responses.js';

/** One page of a Table API list, and whether the instance says there is more after it. */
export interface ListAnswer {
  readonly records: ReadonlyArray<unknown>;
  /**
   * From `Link: <...>; rel="next"` or `X-Total-Count`, never from the page's length: the limit is
   * applied before ACLs, so a page can come back short, or empty, with more rows after it.
   */
  readonly more: boolean;
}

const LINK = /<([^>]*)>\s*;\s*rel="?([A-Za-z]+)"?/g;

/** The relations the `Link` header lists (`first`, `prev`, `next`, `last`). */
export const linkRelations = (header: string | null): ReadonlySet<string> => new Set([...(header ?? '').matchAll(LINK)].map((match) => match[2]!.toLowerCase()));

const moreAfter = (response: HttpResponse, read: TableRead): boolean => {
  if (linkRelations(response.header('link')).has('next')) return true;
  const total = Number(response.header('x-total-count') ?? 'NaN');
  return Number.isInteger(total) && (read.offset ?? 0) + read.limit < total;
};

/** The unversioned Table API of older releases answers an empty list with 404 "No Record found". */
const isEmptyList = (response: HttpResponse): boolean => response.status === 404 && /no record found/i.test(response.body);

/**
 * One Table API read, reduced to core's words: network failures and non-2xx answers become
 * SourceErrors, a 2xx body is decoded. Throttled per tenant connection, and drawing from the
 * instance's shared budget, so a 429 or 503 pauses every process working for the instance.
 */
export const listCall =
  (http: HttpClient) =>
  (connection: SourceConnection, read: TableRead, what: string, maxAttempts?: number): TE.TaskEither<SourceError, ListAnswer> =>
  async () => {
    const target = apiTarget(connection);
    if (E.isLeft(target)) return target;
    const request = tableRequest(target.right, read);
    if (E.isLeft(request)) return request;
    const outcome = await http.send(request.right, {
      connectionKey: `${connection.organizationId}/${connection.connectionId}`,
      idempotent: true,
      budget: { key: budgetKeyOf(connection.baseUrl), policy: SERVICENOW_BUDGET },
      site: budgetKeyOf(connection.baseUrl),
      ...(maxAttempts === undefined ? {} : { maxAttempts }),
    });
    if (E.isLeft(outcome)) return E.left(sourceUnavailable(describeNetFailure(outcome.left)));
    const response = outcome.right;
    if (isEmptyList(response) || (response.status === 403 && read.refusedIsEmpty === true)) return E.right({ records: [], more: false });
    if (response.status < 200 || response.status >= 300) return E.left(errorForStatus(response, http.retryAfterMs(response), what, target.right.auth));
    return E.map((list: { readonly result: ReadonlyArray<unknown> }) => ({ records: list.result, more: moreAfter(response, read) }))(decodeBody(ListCodec, what)(response));
  };

export type ListCall = ReturnType<typeof listCall>;
