import { ConditionError, matches, parseConditions, valueAt } from './conditions.js';

/** An answer the routes send: a status, a body (a string is JSON text already written), and headers. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const findError = (message: string): Answer => ({ status: 400, body: { code: 'ApiFindCondition', message } });

const project = (record: Record<string, unknown>, fields: string | undefined): Record<string, unknown> => {
  if (fields === undefined || fields.trim() === '') return record;
  const out: Record<string, unknown> = {};
  for (const path of fields.split(',').map((f) => f.trim()).filter((f) => f !== '')) {
    const value = valueAt(record, path);
    if (value === undefined) continue;
    const segments = path.split('/');
    let target = out;
    segments.slice(0, -1).forEach((segment) => (target = (target[segment] ??= {}) as Record<string, unknown>));
    target[segments[segments.length - 1]!] = value;
  }
  return out;
};

const compareBy = (orderBy: string, knows: (field: string) => boolean) => {
  const keys = orderBy.split(',').map((part) => {
    const [field = '', direction = 'asc'] = part.trim().split(/\s+/);
    if (!knows(field)) throw new ConditionError(`${field} is not a recognized name.`);
    return { field, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return (a: Record<string, unknown>, b: Record<string, unknown>): number => {
    for (const { field, sign } of keys) {
      const [x, y] = [valueAt(a, field), valueAt(b, field)] as [number | string, number | string];
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
};

/**
 * A ConnectWise list: `conditions`, `orderBy`, `fields`, and navigable paging (`page` from 1,
 * `pageSize` up to 1,000, default 25) with a `Link` header naming next, prev, first and last.
 * With `textOf` (the JSON of a record, written before), a page of whole records is joined from it.
 */
export const listAnswer = (
  records: ReadonlyArray<Record<string, unknown>>,
  query: Readonly<Record<string, string | undefined>>,
  requestUrl: URL,
  knows: (field: string) => boolean,
  textOf?: (record: Record<string, unknown>) => string,
): Answer => {
  const page = Number(query.page ?? '1');
  const pageSize = Number(query.pageSize ?? '25');
  if (!Number.isInteger(page) || page < 1) return { status: 400, body: { code: 'InvalidObject', message: 'page must be a positive integer' } };
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) return { status: 400, body: { code: 'InvalidObject', message: 'pageSize must be from 1 to 1000' } };
  let selected = [...records];
  try {
    if (query.conditions !== undefined && query.conditions.trim() !== '') {
      const tree = parseConditions(query.conditions, knows);
      selected = selected.filter((record) => matches(tree, record));
    }
    selected.sort(compareBy(query.orderBy ?? 'id asc', knows));
  } catch (error) {
    if (error instanceof ConditionError) return findError(error.message);
    throw error;
  }
  const last = Math.max(1, Math.ceil(selected.length / pageSize));
  const link = (n: number, rel: string) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(n));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : [])];
  const shown = selected.slice((page - 1) * pageSize, page * pageSize);
  const whole = query.fields === undefined || query.fields.trim() === '';
  return {
    status: 200,
    body: whole && textOf !== undefined ? `[${shown.map(textOf).join(',')}]` : shown.map((r) => project(r, query.fields)),
    headers: links.length === 0 ? {} : { link: links.join(', ') },
  };
};
