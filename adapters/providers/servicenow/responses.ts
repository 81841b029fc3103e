import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { sourceAuthRejected, sourceRateLimited, sourceUnavailable, toFieldIssues, type SourceError, type SourceUnavailable } from '../../../core/index.js';
import { bodyJson, type HttpResponse } from '../../net/index.js';

/** A list answer: `{ result: [...] }`; records are decoded one by one so a failure can name the record. */
export const ListCodec = t.type({ result: t.UnknownArray }, 'TableList');

/** ServiceNow's error body: `{ error: { message, detail }, status: "failure" }` (`detail` may be null). */
export const ErrorBodyCodec = t.type(
  { error: t.partial({ message: t.union([t.string, t.null]), detail: t.union([t.string, t.null]) }) },
  'ServiceNowError',
);

const parseJson = (text: string): E.Either<null, unknown> => E.tryCatch(() => JSON.parse(text) as unknown, () => null);

/** A 2xx body as JSON; a large one (a page, a range read) is parsed without becoming one string first. */
const parseBody = (response: HttpResponse): E.Either<null, unknown> => E.tryCatch(() => bodyJson(response), () => null);

export const shapeMismatch = (what: string, errors: t.Errors, prefix = ''): SourceUnavailable =>
  sourceUnavailable(
    `ServiceNow's answer to ${what} did not have the expected shape: ${toFieldIssues(errors)
      .map((issue) => `${prefix}${issue.path} ${issue.message}`)
      .join('; ')}`,
  );

/** Parses and decodes a 2xx body; anything unexpected is a SourceUnavailable naming the field. */
export const decodeBody =
  <A>(codec: t.Decoder<unknown, A>, what: string) =>
  (response: HttpResponse): E.Either<SourceUnavailable, A> => {
    const json = parseBody(response);
    if (E.isLeft(json)) return E.left(sourceUnavailable(`ServiceNow's answer to ${what} is not JSON; check that the base URL is the instance, such as https://your-instance.service-now.com`));
    const decoded = codec.decode(json.right);
    return E.isLeft(decoded) ? E.left(shapeMismatch(what, decoded.left)) : E.right(decoded.right);
  };

/** Decodes each record of a list, naming the first that does not fit. */
export const decodeEach = <A>(codec: t.Decoder<unknown, A>, raw: ReadonlyArray<unknown>, what: string): E.Either<SourceUnavailable, ReadonlyArray<A>> => {
  const records: A[] = [];
  for (const [index, item] of raw.entries()) {
    const decoded = codec.decode(item);
    if (E.isLeft(decoded)) return E.left(shapeMismatch(what, decoded.left, `result.${index}.`));
    records.push(decoded.right);
  }
  return E.right(records);
};

/** ServiceNow's own explanation from an error body, if any, for the person reading the error. */
export const serviceNowSaid = (body: string): string => {
  const parsed = parseJson(body);
  const decoded = E.isRight(parsed) ? ErrorBodyCodec.decode(parsed.right) : E.left([]);
  if (E.isLeft(decoded)) return '';
  const words = [decoded.right.error.message, decoded.right.error.detail].filter((w): w is string => typeof w === 'string' && w.trim() !== '');
  return words.length === 0 ? '' : ` ServiceNow said: ${words.join(': ').slice(0, 500)}`;
};

/** A 401 whose password was right but whose account must also give a multi-factor code. */
const needsMfa = (response: HttpResponse): boolean => (response.header('x-mfa_token') ?? '').trim().toLowerCase() === 'invalid';

/** The core error for a non-2xx answer that is final (retries, if any, are already spent). */
export const errorForStatus = (response: HttpResponse, retryAfterMs: number | null, what: string, auth: 'basic' | 'oauth2'): SourceError => {
  const { status } = response;
  const said = serviceNowSaid(response.body);
  if (status === 401 && needsMfa(response)) {
    return sourceAuthRejected(
      'ServiceNow refused the login (401): the account requires multi-factor authentication, which API access cannot answer; use an integration account without MFA, or connect with OAuth',
    );
  }
  if (status === 401 && auth === 'oauth2') {
    return sourceAuthRejected(`ServiceNow rejected the OAuth access token (401): access may have been revoked; authorize the connection again if this persists.${said}`);
  }
  if (status === 401) return sourceAuthRejected(`ServiceNow rejected the credentials (401): check the user name and password, and that the account is active and not locked out.${said}`);
  if (status === 403) {
    return sourceAuthRejected(`ServiceNow refused permission for ${what} (403): the account is valid but lacks a role; ask a ServiceNow administrator to grant it read access to the table.${said}`);
  }
  if (status === 429) {
    const wait = retryAfterMs === null ? '' : ` in ${Math.ceil(retryAfterMs / 1000)} s`;
    return sourceRateLimited(`ServiceNow is rate limiting this account (429); try again${wait}.${said}`, retryAfterMs);
  }
  if (status === 400) return sourceUnavailable(`ServiceNow refused ${what} (400); check the connection's filter and tables.${said}`);
  if (status === 404) return sourceUnavailable(`ServiceNow answered 404 for ${what}; check that the base URL is the instance and that the table exists there.${said}`);
  if (status >= 500) return sourceUnavailable(`ServiceNow is unavailable (${status} for ${what}); try again later.${said}`);
  return sourceUnavailable(`ServiceNow answered ${status} for ${what}.${said}`);
};
