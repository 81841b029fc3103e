import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  sourceAuthRejected,
  sourceRateLimited,
  sourceUnavailable,
  toFieldIssues,
  type SourceError,
  type SourceUnavailable,
} from '../../../core/index.js';
import { bodyJson, type HttpResponse } from '../../net/index.js';
import { JiraIssueCodec, type JiraIssue } from './to-domain.js';

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/** GET /rest/api/3/myself: `emailAddress` and `timeZone` can be hidden by privacy settings. */
export const MyselfCodec = t.intersection(
  [t.type({ accountId: t.string, displayName: t.string }), t.partial({ emailAddress: nullable(t.string), timeZone: nullable(t.string) })],
  'Myself',
);
export type Myself = t.TypeOf<typeof MyselfCodec>;

/** The enhanced search envelope; issues are decoded one by one so a failure can name the issue. */
export const SearchPageCodec = t.intersection(
  [t.type({ issues: t.UnknownArray }), t.partial({ isLast: t.boolean, nextPageToken: nullable(t.string) })],
  'SearchPage',
);
export type SearchPage = t.TypeOf<typeof SearchPageCodec>;

/** An id-only search page: each issue is `{ id }` (Jira also sends `key` and `self`, which are not read). */
export const IdPageCodec = t.intersection(
  [t.type({ issues: t.array(t.type({ id: t.string })) }), t.partial({ isLast: t.boolean, nextPageToken: nullable(t.string) })],
  'IdPage',
);
export type IdSearchPage = t.TypeOf<typeof IdPageCodec>;

/** POST /rest/api/3/issue/bulkfetch: the issues found, and errors for the ids it could not fetch. */
export const BulkFetchCodec = t.intersection([t.type({ issues: t.UnknownArray }), t.partial({ issueErrors: t.UnknownArray })], 'BulkFetch');

/** POST /rest/api/3/jql/parse: per query, the errors strict validation found (none: the query is fine). */
export const JqlParseCodec = t.type(
  { queries: t.array(t.intersection([t.type({ query: t.string }), t.partial({ errors: t.array(t.string) })])) },
  'JqlParse',
);

/** GET /_edge/tenant_info: the site's cloudId. */
export const TenantInfoCodec = t.type({ cloudId: t.string }, 'TenantInfo');

/** Jira's ErrorCollection: `{ errorMessages: string[], errors: { field: message } }`. */
export const ErrorCollectionCodec = t.partial({ errorMessages: t.array(t.string), errors: t.record(t.string, t.string) }, 'ErrorCollection');

const shapeMismatch = (what: string, errors: t.Errors, prefix = ''): SourceUnavailable =>
  sourceUnavailable(
    `Jira's answer to ${what} did not have the expected shape: ${toFieldIssues(errors)
      .map((issue) => `${prefix}${issue.path} ${issue.message}`)
      .join('; ')}`,
  );

const parseJson = (text: string): E.Either<null, unknown> => E.tryCatch(() => JSON.parse(text) as unknown, () => null);

/** A 2xx body as JSON; a large one (a page, a range read) is parsed without becoming one string first. */
const parseBody = (response: HttpResponse): E.Either<null, unknown> => E.tryCatch(() => bodyJson(response), () => null);

/** Parses and decodes a 2xx body; anything unexpected is a SourceUnavailable naming the field. */
export const decodeBody =
  <A>(codec: t.Decoder<unknown, A>, what: string) =>
  (response: HttpResponse): E.Either<SourceUnavailable, A> => {
    const json = parseBody(response);
    if (E.isLeft(json)) return E.left(sourceUnavailable(`Jira's answer to ${what} is not JSON; check that the base URL is the Jira site`));
    const decoded = codec.decode(json.right);
    return E.isLeft(decoded) ? E.left(shapeMismatch(what, decoded.left)) : E.right(decoded.right);
  };

export const decodeIssues = (raw: ReadonlyArray<unknown>, what: string): E.Either<SourceUnavailable, ReadonlyArray<JiraIssue>> => {
  const issues: JiraIssue[] = [];
  for (const [index, item] of raw.entries()) {
    const decoded = JiraIssueCodec.decode(item);
    if (E.isLeft(decoded)) return E.left(shapeMismatch(what, decoded.left, `issues.${index}.`));
    issues.push(decoded.right);
  }
  return E.right(issues);
};

/** Jira's own explanation from an ErrorCollection body, if any, for the person reading the error. */
const jiraSaid = (body: string): string => {
  const parsed = parseJson(body);
  const collection = E.isRight(parsed) ? ErrorCollectionCodec.decode(parsed.right) : E.left([]);
  if (E.isLeft(collection)) return '';
  const messages = [...(collection.right.errorMessages ?? []), ...Object.entries(collection.right.errors ?? {}).map(([k, v]) => `${k}: ${v}`)];
  return messages.length === 0 ? '' : ` Jira said: ${messages.join('; ').slice(0, 500)}`;
};

/** The core error for a non-2xx answer that is final (retries, if any, are already spent). */
export const errorForStatus = (
  response: HttpResponse,
  retryAfterMs: number | null,
  what: string,
  auth: 'api-token' | 'oauth2' = 'api-token',
): SourceError => {
  const { status } = response;
  const said = jiraSaid(response.body);
  if (status === 401 && auth === 'oauth2') {
    return sourceAuthRejected(`Jira rejected the OAuth access token (401): access may have been revoked; authorize the connection again if this persists.${said}`);
  }
  if (status === 401) {
    return sourceAuthRejected(`Jira rejected the credentials (401): check the account e-mail and the API token; a revoked token must be replaced.${said}`);
  }
  if (status === 403) {
    return sourceAuthRejected(
      `Jira refused permission for ${what} (403): the credentials are valid but the account lacks access; ask a Jira administrator to grant it access to the site and its projects.${said}`,
    );
  }
  if (status === 429) {
    const wait = retryAfterMs === null ? '' : ` in ${Math.ceil(retryAfterMs / 1000)} s`;
    return sourceRateLimited(`Jira is rate limiting this connection (429); try again${wait}.${said}`, retryAfterMs);
  }
  // A 400 the connection's settings explain is read before this (jira-refusals.ts); this one is ours.
  if (status === 400) return sourceUnavailable(`Jira refused ${what} (400).${said}`);
  if (status === 404 || status === 410) {
    return sourceUnavailable(`Jira answered ${status} for ${what}; check that the base URL is the Jira Cloud site, such as https://your-site.atlassian.net.${said}`);
  }
  if (status >= 500) return sourceUnavailable(`Jira is unavailable (${status} for ${what}); try again later.${said}`);
  return sourceUnavailable(`Jira answered ${status} for ${what}.${said}`);
};
