import type { IssueStore, SortPosition } from './issue-store.js';
import type { IssueRecord } from './model.js';
import { compileJql, type CompiledQuery } from './jql-compile.js';
import { parseJql } from './jql-parse.js';
import { projectValueErrors } from './jql-validate.js';
import { renderIssue, selectFields, type RenderContext } from './render.js';

export interface SearchParams {
  readonly jql: string | undefined;
  readonly nextPageToken: string | undefined;
  readonly maxResults: number | undefined;
  readonly fields: ReadonlyArray<string> | null;
}

export interface PageLimits {
  readonly defaultPageSize: number;
  /** When fields are asked for; Jira answers at most ~100 then (community reports). */
  readonly maxPageSize: number;
  /** When only ids or keys are asked for ("returns max 5000 issues" per the spec). */
  readonly maxIdPageSize: number;
}

type BadRequest = { readonly status: 400; readonly body: { errorMessages: string[]; errors: Record<string, string> } };

export type SearchOutcome = { readonly status: 200; readonly body: { issues: unknown[]; nextPageToken?: string; isLast: boolean } } | BadRequest;

/** A page found, before its issues are rendered with `fields` (null: ids only). */
export type SearchPage =
  | { readonly status: 200; readonly issues: ReadonlyArray<IssueRecord>; readonly fields: ReadonlyArray<string> | null; readonly more: { nextPageToken?: string; isLast: boolean } }
  | BadRequest;

const badRequest = (...messages: ReadonlyArray<string>): BadRequest => ({ status: 400, body: { errorMessages: [...messages], errors: {} } });

/** Who searches: an anonymous caller (bad credentials let through) sees no project and no issue. */
export interface SearchViewer {
  readonly anonymous?: boolean;
}

// Unconfirmed wording; what matters is the 400 in ErrorCollection shape.
const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
const BAD_TOKEN = 'The provided next page token is invalid or expired.';

const fingerprint = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
};

/** Page tokens resume after the last issue served (or at an offset for other orders) and bind to the JQL. */
interface PageToken {
  readonly q: string;
  readonly after?: SortPosition;
  readonly offset?: number;
}

const encodeToken = (token: PageToken) => Buffer.from(JSON.stringify(token)).toString('base64url');

const decodeToken = (raw: string, jql: string): PageToken | null => {
  try {
    const token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PageToken;
    return token.q === fingerprint(jql) ? token : null;
  } catch {
    return null;
  }
};

const pageInStoreOrder = (store: IssueStore, query: CompiledQuery, token: PageToken | null, size: number) => {
  const sorted = store.sorted();
  const start = token?.after !== undefined ? store.indexAfter(token.after) : query.updatedFrom === null ? 0 : store.indexAtOrAfterUpdated(query.updatedFrom);
  const page: IssueRecord[] = [];
  let more = false;
  for (let i = start; i < sorted.length; i += 1) {
    const issue = sorted[i] as IssueRecord;
    if (!query.matches(issue)) continue;
    if (page.length === size) {
      more = true;
      break;
    }
    page.push(issue);
  }
  const last = page[page.length - 1];
  const next = more && last !== undefined ? { after: { updated: last.updated, projectKey: last.projectKey, number: last.number } } : null;
  return { page, next };
};

const pageByOffset = (store: IssueStore, query: CompiledQuery, token: PageToken | null, size: number) => {
  const offset = token?.offset ?? 0;
  const all = store.sorted().filter(query.matches).sort(query.compare);
  return { page: all.slice(offset, offset + size), next: offset + size < all.length ? { offset: offset + size } : null };
};

const pageSizeFor = (params: SearchParams, fields: ReadonlyArray<string> | null, limits: PageLimits): number | string => {
  const requested = params.maxResults ?? limits.defaultPageSize;
  if (!Number.isInteger(requested) || requested < 1) return `The value '${params.maxResults}' is invalid for maxResults.`;
  return Math.min(requested, fields === null || fields.length === 0 ? limits.maxIdPageSize : limits.maxPageSize);
};

type SearchContext = RenderContext & SearchViewer & { readonly now: number };

/** The enhanced search (`/rest/api/3/search/jql`): bounded JQL, token paging, no total. */
export const findSearchPage = (ctx: SearchContext, params: SearchParams, limits: PageLimits): SearchPage => {
  const jql = (params.jql ?? '').trim();
  const parsed = parseJql(jql);
  if (typeof parsed === 'string') return badRequest(parsed);
  if (parsed.where === null) return badRequest(UNBOUNDED);
  const anonymous = ctx.anonymous === true;
  const hidden = projectValueErrors(parsed, (key) => !anonymous && ctx.store.project(key) !== undefined);
  if (hidden.length > 0) return badRequest(...hidden);
  const query = compileJql(parsed, { zone: ctx.zone, now: ctx.now, store: ctx.store, anonymous });
  if (typeof query === 'string') return badRequest(query);
  if (anonymous) return { status: 200, issues: [], fields: null, more: { isLast: true } };
  const fields = selectFields(params.fields);
  const size = pageSizeFor(params, fields, limits);
  if (typeof size === 'string') return badRequest(size);
  const token = params.nextPageToken === undefined || params.nextPageToken === '' ? null : decodeToken(params.nextPageToken, jql);
  if (params.nextPageToken !== undefined && params.nextPageToken !== '' && token === null) return badRequest(BAD_TOKEN);
  const { page, next } = query.inStoreOrder ? pageInStoreOrder(ctx.store, query, token, size) : pageByOffset(ctx.store, query, token, size);
  return { status: 200, issues: page, fields, more: next === null ? { isLast: true } : { nextPageToken: encodeToken({ q: fingerprint(jql), ...next }), isLast: false } };
};

/** The search's answer, its issues rendered as objects. */
export const runSearch = (ctx: SearchContext, params: SearchParams, limits: PageLimits): SearchOutcome => {
  const found = findSearchPage(ctx, params, limits);
  return found.status === 400 ? found : { status: 200, body: { issues: found.issues.map((issue) => renderIssue(issue, ctx, found.fields)), ...found.more } };
};
