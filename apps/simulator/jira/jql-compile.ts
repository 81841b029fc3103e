import { ISSUE_TYPES, PRIORITIES, statusById } from './catalog.js';
import type { IssueStore } from './issue-store.js';
import { byUpdatedThenKey, compareKeys, type IssueRecord } from './model.js';
import type { JqlExpr, JqlQuery, Operator, OrderTerm } from './jql-parse.js';
import { dateValue, JqlError, type DateEnvironment } from './jql-dates.js';
import { wallTimeToInstant } from './time-zone.js';

export interface JqlEnvironment extends DateEnvironment {
  readonly store: IssueStore;
  /** Anonymous callers are told a field they cannot use may be hidden from them. */
  readonly anonymous?: boolean;
}

export interface CompiledQuery {
  readonly matches: (issue: IssueRecord) => boolean;
  /** From a top-level `updated >=`/`>` clause: where a scan of the (updated, key) order may start. */
  readonly updatedFrom: number | null;
  readonly compare: (a: IssueRecord, b: IssueRecord) => number;
  /** True when the requested order is the store's own, so pages come straight from it. */
  readonly inStoreOrder: boolean;
}

type Values = (issue: IssueRecord, env: JqlEnvironment) => ReadonlyArray<string>;

const TEXT_FIELDS: Readonly<Record<string, Values>> = {
  project: (i, env) => [i.projectKey, env.store.project(i.projectKey)?.id ?? ''],
  key: (i) => [i.key],
  issuekey: (i) => [i.key],
  id: (i) => [String(i.id)],
  status: (i) => [statusById(i.statusId).name, i.statusId],
  statuscategory: (i) => {
    const category = statusById(i.statusId).category;
    return [category.key, category.name, String(category.id)];
  },
  priority: (i) => PRIORITIES.filter((p) => p.id === i.priorityId).flatMap((p) => [p.name, p.id]),
  issuetype: (i) => ISSUE_TYPES.filter((t) => t.id === i.issueTypeId).flatMap((t) => [t.name, t.id]),
  type: (i) => ISSUE_TYPES.filter((t) => t.id === i.issueTypeId).flatMap((t) => [t.name, t.id]),
  assignee: (i, env) => (i.assigneeId === null ? [] : [i.assigneeId, env.store.user(i.assigneeId)?.emailAddress ?? '']),
  reporter: (i) => [i.reporterId],
  labels: (i) => i.labels,
  summary: (i) => [i.summary],
};

const DATE_FIELDS: Readonly<Record<string, (issue: IssueRecord, env: JqlEnvironment) => number | null>> = {
  updated: (i) => i.updated,
  created: (i) => i.created,
  duedate: (i, env) => (i.dueDate === null ? null : wallTimeToInstant(Date.parse(`${i.dueDate}T00:00:00Z`), env.zone)),
};

const isEmptyWord = (values: ReadonlyArray<string>) => values.length === 1 && /^(empty|null)$/i.test(values[0] ?? '');

const dateClause = (field: string, op: Operator, values: ReadonlyArray<string>, env: JqlEnvironment) => {
  const read = DATE_FIELDS[field] as (i: IssueRecord, e: JqlEnvironment) => number | null;
  if (op === 'is' || op === 'is not') return (i: IssueRecord) => (read(i, env) === null) === (op === 'is');
  const at = dateValue(field, values[0] ?? '', env);
  const test: Partial<Record<Operator, (v: number) => boolean>> = {
    '=': (v) => v === at,
    '!=': (v) => v !== at,
    '>': (v) => v > at,
    '>=': (v) => v >= at,
    '<': (v) => v < at,
    '<=': (v) => v <= at,
  };
  const check = test[op];
  if (check === undefined) throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
  return (i: IssueRecord) => {
    const v = read(i, env);
    return v !== null && check(v);
  };
};

const textClause = (field: string, op: Operator, values: ReadonlyArray<string>, env: JqlEnvironment) => {
  const read = TEXT_FIELDS[field] as Values;
  const wanted = values.map((v) => v.toLowerCase());
  const has = (i: IssueRecord) => read(i, env).some((v) => wanted.includes(v.toLowerCase()));
  if (op === 'is' || op === 'is not' || isEmptyWord(values)) {
    const empty = op === 'is' || op === '=';
    return (i: IssueRecord) => (read(i, env).length === 0) === empty;
  }
  if (op === '=' || op === 'in') return has;
  // Like Jira, a negation never matches an issue whose field is empty.
  if (op === '!=' || op === 'not in') return (i: IssueRecord) => read(i, env).length > 0 && !has(i);
  if (op === '~') return (i: IssueRecord) => read(i, env).some((v) => v.toLowerCase().includes(wanted[0] ?? ''));
  throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
};

const compileExpr = (expr: JqlExpr, env: JqlEnvironment): ((i: IssueRecord) => boolean) => {
  switch (expr.kind) {
    case 'and':
    case 'or': {
      const parts = expr.items.map((e) => compileExpr(e, env));
      return expr.kind === 'and' ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
    }
    case 'not': {
      const inner = compileExpr(expr.expr, env);
      return (i) => !inner(i);
    }
    case 'clause':
      if (expr.field in DATE_FIELDS) return dateClause(expr.field, expr.op, expr.values, env);
      if (expr.field in TEXT_FIELDS) return textClause(expr.field, expr.op, expr.values, env);
      if (env.anonymous === true) throw new JqlError(`Field '${expr.field}' does not exist or this field cannot be viewed by anonymous users.`);
      throw new JqlError(
        `The simulator does not support the field '${expr.field}' in JQL; it supports ${[...Object.keys(TEXT_FIELDS), ...Object.keys(DATE_FIELDS)].join(', ')}.`,
      );
  }
};

const updatedLowerBound = (where: JqlExpr | null, env: JqlEnvironment): number | null => {
  const conjuncts = where === null ? [] : where.kind === 'and' ? where.items : [where];
  const bounds = conjuncts.flatMap((c) =>
    c.kind === 'clause' && c.field === 'updated' && (c.op === '>=' || c.op === '>') ? [dateValue('updated', c.values[0] ?? '', env)] : [],
  );
  return bounds.length === 0 ? null : Math.max(...bounds);
};

const ORDER_FIELDS: Readonly<Record<string, (a: IssueRecord, b: IssueRecord) => number>> = {
  updated: (a, b) => a.updated - b.updated,
  created: (a, b) => a.created - b.created,
  key: compareKeys,
  issuekey: compareKeys,
  id: (a, b) => a.id - b.id,
};

// Without ORDER BY the simulator answers newest-created first (Jira's own default is not documented).
const DEFAULT_ORDER: ReadonlyArray<OrderTerm> = [{ field: 'created', direction: 'desc' }];

const comparator = (terms: ReadonlyArray<OrderTerm>) => {
  const parts = terms.map(({ field, direction }) => {
    const compare = ORDER_FIELDS[field];
    if (compare === undefined) throw new JqlError(`The simulator cannot order by '${field}'; it orders by ${Object.keys(ORDER_FIELDS).join(', ')}.`);
    return direction === 'asc' ? compare : (a: IssueRecord, b: IssueRecord) => compare(b, a);
  });
  return (a: IssueRecord, b: IssueRecord) => parts.reduce((result, part) => result || part(a, b), 0) || compareKeys(a, b);
};

const isStoreOrder = (terms: ReadonlyArray<OrderTerm>) =>
  terms[0]?.field === 'updated' &&
  terms[0].direction === 'asc' &&
  (terms.length === 1 || (terms.length === 2 && (terms[1]?.field === 'key' || terms[1]?.field === 'issuekey') && terms[1].direction === 'asc'));

export const compileJql = (query: JqlQuery, env: JqlEnvironment): CompiledQuery | string => {
  try {
    const terms = query.orderBy.length === 0 ? DEFAULT_ORDER : query.orderBy;
    const inStoreOrder = isStoreOrder(terms);
    return {
      matches: query.where === null ? () => true : compileExpr(query.where, env),
      updatedFrom: updatedLowerBound(query.where, env),
      compare: inStoreOrder ? byUpdatedThenKey : comparator(terms),
      inStoreOrder,
    };
  } catch (error) {
    if (error instanceof JqlError) return error.message;
    throw error;
  }
};
