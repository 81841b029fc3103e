import { compileQuery, sortRecords } from './encoded-query.js';
import type { RecordStore, SnRecord } from './record-store.js';
import { renderRecord, type RenderOptions } from './render.js';
import { withinSysIds } from './sys-id-index.js';

export interface ListParams {
  readonly query: string;
  readonly fields: ReadonlyArray<string>;
  readonly limit: number;
  readonly offset: number;
  readonly plainReferences: boolean;
  readonly noCount: boolean;
  /** Operators the instance is told it cannot read (query-quirks.ts): their conditions are dropped. */
  readonly ignoredOperators?: ReadonlySet<string>;
}

export interface ListAnswer {
  readonly result: ReadonlyArray<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
}

/** The paging links the instance writes: absolute URLs, `prev`/`next` only where they apply, none for a single page. */
const linkHeader = (requestUrl: URL, offset: number, limit: number, total: number): string | null => {
  if (offset === 0 && total <= limit) return null;
  const at = (o: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('sysparm_offset', String(o));
    url.searchParams.set('sysparm_limit', String(limit));
    return url.toString();
  };
  const last = Math.max(0, Math.floor((total - 1) / limit) * limit);
  const links = [`<${at(0)}>;rel="first"`];
  if (offset > 0) links.push(`<${at(Math.max(0, offset - limit))}>;rel="prev"`);
  if (offset + limit < total) links.push(`<${at(offset + limit)}>;rel="next"`);
  links.push(`<${at(last)}>;rel="last"`);
  return links.join(',');
};

const orderings = new WeakMap<RecordStore, Map<string, { readonly version: number; readonly sorted: ReadonlyArray<SnRecord> }>>();

/** A table in the query's order, sorted once per change of the table: a sync asks for the same order page after page. */
const inOrder = (store: RecordStore, table: string, order: Parameters<typeof sortRecords>[2]): ReadonlyArray<SnRecord> => {
  const cache = orderings.get(store) ?? new Map();
  orderings.set(store, cache);
  const key = `${table}|${order.map((o) => `${o.field}:${o.descending}`).join(',')}`;
  const hit = cache.get(key);
  if (hit !== undefined && hit.version === store.version(table)) return hit.sorted;
  const sorted = sortRecords(table, store.all(table), order);
  cache.set(key, { version: store.version(table), sorted });
  return sorted;
};

/**
 * A Table API list: the query compiled against the table's fields (conditions on unknown fields
 * dropped), ordered, then the page cut by offset and limit *before* ACLs hide records, as the real
 * instance does; X-Total-Count counts every match.
 */
export const listAnswer = (
  table: string,
  store: RecordStore,
  params: ListParams,
  hidden: (record: SnRecord) => boolean,
  render: Omit<RenderOptions, 'fields' | 'plainReferences'>,
  requestUrl: URL,
): ListAnswer => {
  const compiled = compileQuery(table, params.query, render.resolve, params.ignoredOperators);
  const sorted = inOrder(store, table, compiled.order);
  const bySysId = compiled.order[0]?.field === 'sys_id' && !compiled.order[0].descending;
  const matching = (bySysId ? withinSysIds(sorted, compiled.sysIds) : sorted).filter(compiled.matches);
  const page = matching.slice(params.offset, params.offset + params.limit).filter((record) => !hidden(record));
  const link = linkHeader(requestUrl, params.offset, params.limit, matching.length);
  return {
    result: page.map((record) => renderRecord(table, record, { ...render, fields: params.fields, plainReferences: params.plainReferences })),
    headers: { ...(params.noCount ? {} : { 'X-Total-Count': String(matching.length) }), ...(link === null ? {} : { Link: link }) },
  };
};
