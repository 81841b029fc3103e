import * as E from 'fp-ts/lib/Either.js';
import { sourceUnavailable, type SourceConnection, type SourceUnavailable } from '../../../core/index.js';
import type { HttpRequest } from '../../net/index.js';
import { serviceNowSettingsOf } from './settings.js';

/** Where a connection's calls go (always the instance itself) and how they authenticate. */
export interface ApiTarget {
  readonly baseUrl: string;
  readonly authorization: string;
  readonly auth: 'basic' | 'oauth2';
}

/** A user name and password call with Basic auth; an OAuth connection with its bearer token, on the same instance. */
export const apiTarget = (connection: SourceConnection): E.Either<SourceUnavailable, ApiTarget> => {
  if (connection.oauth !== null) return E.right({ baseUrl: connection.baseUrl, authorization: `Bearer ${connection.oauth.accessToken}`, auth: 'oauth2' });
  return E.chain((settings: { readonly username: string | null }) => {
    const password = connection.secrets.password;
    if (settings.username === null || password === undefined) return E.left(sourceUnavailable('This ServiceNow connection has no user name and password; give them again'));
    return E.right({ baseUrl: connection.baseUrl, authorization: `Basic ${Buffer.from(`${settings.username}:${password}`, 'utf8').toString('base64')}`, auth: 'basic' as const });
  })(serviceNowSettingsOf(connection.settings));
};

/** What a Table API read asks for; values are the raw ones (never display values), references as plain sys_ids. */
export interface TableRead {
  readonly table: string;
  readonly query: string;
  readonly fields: ReadonlyArray<string>;
  readonly limit: number;
  readonly offset?: number;
  /** Skips the count(*) behind X-Total-Count, for reads that never page. */
  readonly noCount?: boolean;
  /**
   * A 403 (the account may not read the table) answers no rows instead of failing: for reads of
   * tables the connection does not sync, asked only to find where an item went.
   */
  readonly refusedIsEmpty?: boolean;
}

/** `GET /api/now/table/{table}`: the one call every read is made of. */
export const tableRequest = (target: ApiTarget, read: TableRead): E.Either<SourceUnavailable, HttpRequest> =>
  E.tryCatch(
    (): HttpRequest => {
      const url = new URL(`${target.baseUrl.replace(/\/+$/, '')}/api/now/table/${encodeURIComponent(read.table)}`);
      const params: Record<string, string> = {
        sysparm_query: read.query,
        sysparm_fields: read.fields.join(','),
        sysparm_limit: String(read.limit),
        sysparm_offset: String(read.offset ?? 0),
        sysparm_display_value: 'false',
        sysparm_exclude_reference_link: 'true',
        ...(read.noCount === true ? { sysparm_no_count: 'true' } : {}),
      };
      Object.entries(params).forEach(([name, value]) => url.searchParams.set(name, value));
      return { method: 'GET', url, headers: { authorization: target.authorization, accept: 'application/json' } };
    },
    () => sourceUnavailable(`The connection's base URL is not a valid URL: ${target.baseUrl}`),
  );
