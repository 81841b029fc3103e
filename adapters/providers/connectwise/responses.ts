import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { sourceAuthRejected, sourceRateLimited, sourceUnavailable, toFieldIssues, type SourceError, type SourceUnavailable } from '../../../core/index.js';
import { bodyJson, type HttpResponse } from '../../net/index.js';

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/** A board status: `closedStatus` and `defaultFlag` decide its category. */
export const BoardStatusCodec = t.intersection([t.type({ id: t.number, name: t.string }), t.partial({ closedStatus: t.boolean, defaultFlag: t.boolean })], 'BoardStatus');
export type BoardStatus = t.TypeOf<typeof BoardStatusCodec>;

export const PriorityCodec = t.intersection([t.type({ id: t.number, name: t.string }), t.partial({ sort: nullable(t.number) })], 'Priority');
export type Priority = t.TypeOf<typeof PriorityCodec>;

export const MemberCodec = t.intersection([t.type({ identifier: t.string }), t.partial({ id: t.number, primaryEmail: nullable(t.string) })], 'Member');
export type Member = t.TypeOf<typeof MemberCodec>;

export const BoardCodec = t.type({ id: t.number, name: t.string }, 'Board');
export const CallbackEntryCodec = t.intersection([t.type({ id: t.number }), t.partial({ url: t.string })], 'CallbackEntry');
export const IdOnlyCodec = t.type({ id: t.number }, 'TicketId');

/** GET /system/info: what the site says about itself; only its version is shown. */
export const SystemInfoCodec = t.partial({ version: t.string, isCloud: t.boolean, serverTimeZone: t.string }, 'SystemInfo');

/** `{ code, message, errors? }`: ConnectWise's error body. */
const ErrorBodyCodec = t.intersection([
  t.type({ code: t.string, message: t.string }),
  t.partial({ errors: t.array(t.partial({ code: t.string, message: t.string, field: t.string })) }),
]);

const parseJson = (text: string): E.Either<null, unknown> => E.tryCatch(() => JSON.parse(text) as unknown, () => null);

/** A 2xx body as JSON; a large one (a page, a range read) is parsed without becoming one string first. */
const parseBody = (response: HttpResponse): E.Either<null, unknown> => E.tryCatch(() => bodyJson(response), () => null);

const shapeMismatch = (what: string, errors: t.Errors, prefix = ''): SourceUnavailable =>
  sourceUnavailable(
    `ConnectWise's answer to ${what} did not have the expected shape: ${toFieldIssues(errors)
      .map((issue) => `${prefix}${issue.path} ${issue.message}`)
      .join('; ')}`,
  );

/** A 2xx body that is a bare JSON array (ConnectWise lists have no envelope), decoded item by item. */
export const decodeList =
  <A>(codec: t.Decoder<unknown, A>, what: string) =>
  (response: HttpResponse): E.Either<SourceUnavailable, ReadonlyArray<A>> => {
    const parsed = parseBody(response);
    if (E.isLeft(parsed) || !Array.isArray(parsed.right)) return E.left(sourceUnavailable(`ConnectWise's answer to ${what} was not a JSON list`));
    const items: A[] = [];
    for (const [index, item] of (parsed.right as unknown[]).entries()) {
      const decoded = codec.decode(item);
      if (E.isLeft(decoded)) return E.left(shapeMismatch(what, decoded.left, `${index}.`));
      items.push(decoded.right);
    }
    return E.right(items);
  };

export const decodeObject =
  <A>(codec: t.Decoder<unknown, A>, what: string) =>
  (response: HttpResponse): E.Either<SourceUnavailable, A> => {
    const parsed = parseBody(response);
    if (E.isLeft(parsed)) return E.left(sourceUnavailable(`ConnectWise's answer to ${what} was not JSON`));
    return E.mapLeft((errors: t.Errors) => shapeMismatch(what, errors))(codec.decode(parsed.right));
  };

/** The page a `Link` header's `rel="next"` names, or null when there is none (the last page). */
export const nextPageOf = (link: string | null): number | null => {
  if (link === null) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match === null || !/\brel\s*=\s*"?next"?/i.test(match[2] ?? '')) continue;
    const page = Number(new URL(match[1] ?? '', 'https://link.invalid').searchParams.get('page'));
    return Number.isInteger(page) && page > 0 ? page : null;
  }
  return null;
};

/** ConnectWise's own words from an error body, for the person reading the error. */
export const connectWiseSaid = (body: string): string => {
  const parsed = parseJson(body);
  const decoded = E.isRight(parsed) ? ErrorBodyCodec.decode(parsed.right) : E.left([]);
  if (E.isLeft(decoded)) return '';
  const details = (decoded.right.errors ?? []).map((e) => `${e.field ?? ''} ${e.message ?? ''}`.trim()).filter((m) => m !== '');
  return ` ConnectWise said: ${decoded.right.code}: ${[decoded.right.message, ...details].join('; ').slice(0, 500)}`;
};

/** Whether a 400 is ConnectWise refusing the conditions (an unknown field, bad syntax). */
export const isConditionsRefusal = (response: HttpResponse): boolean => response.status === 400 && /"code"\s*:\s*"ApiFindCondition"/.test(response.body);

/** The core error for a non-2xx answer that is final (retries, if any, are already spent). */
export const errorForStatus = (response: HttpResponse, retryAfterMs: number | null, what: string): SourceError => {
  const { status } = response;
  const said = connectWiseSaid(response.body);
  if (status === 401) return sourceAuthRejected(`ConnectWise rejected the credentials (401): check the company ID, the key pair and the clientId.${said}`);
  if (status === 403) {
    return sourceAuthRejected(`ConnectWise refused permission for ${what} (403): the API member's security role lacks access; ask an administrator to grant it.${said}`);
  }
  if (status === 429) {
    const wait = retryAfterMs === null ? '' : ` in ${Math.ceil(retryAfterMs / 1000)} s`;
    return sourceRateLimited(`ConnectWise is rate limiting this connection (429); try again${wait}.${said}`, retryAfterMs);
  }
  if (status === 400) return sourceUnavailable(`ConnectWise refused ${what} (400); check the connection's conditions and boards.${said}`);
  if (status === 404) return sourceUnavailable(`ConnectWise answered 404 for ${what}; check the site URL and the codebase.${said}`);
  if (status >= 500) return sourceUnavailable(`ConnectWise is unavailable (${status} for ${what}); try again later.${said}`);
  return sourceUnavailable(`ConnectWise answered ${status} for ${what}.${said}`);
};
