import * as E from 'fp-ts/lib/Either.js';

/**
 * ServiceNow's encoded queries, as far as taskport writes and reads them: conditions joined by `^`
 * (AND), `^OR` binding one condition to the one before, `^NQ` starting an independent group that is
 * OR-ed with the others, and `ORDERBY` / `ORDERBYDESC` clauses. A field name is lower case, dotted
 * to walk references (`assignment_group.name`); the operator that follows starts with a symbol or
 * an upper-case word (`=`, `>=`, `IN`, `LIKE`, `ISEMPTY`).
 */

const FIELD = /^([a-z0-9_]+(?:\.[a-z0-9_]+)*)(?=[^a-z0-9_.]|$)/;
const OPERATOR_START = /^[=!<>A-Z]/;
const ORDERING = /^(ORDERBYDESC|ORDERBY|GROUPBY)/;
const UNSUPPORTED = /^(RLQUERY|ENDRLQUERY|SUBQUERY|ENDSUBQUERY|JOIN|123TEXT)/;

/** One `^`-separated part of a filter, read. */
export type FilterPart =
  | { readonly kind: 'condition'; readonly text: string; readonly field: string }
  | { readonly kind: 'ordering'; readonly field: string }
  | { readonly kind: 'end' };

/** A filter's AND-groups (split on `^NQ`), each a list of parts; what a person wrote, with nothing dropped but `^EQ`. */
export type ReadFilter = ReadonlyArray<ReadonlyArray<FilterPart>>;

const readPart = (raw: string): E.Either<string, FilterPart> => {
  if (raw === 'EQ' || raw === '') return E.right({ kind: 'end' });
  const ordering = ORDERING.exec(raw);
  if (ordering !== null) return E.right({ kind: 'ordering', field: raw.slice(ordering[0].length) });
  if (UNSUPPORTED.test(raw)) return E.left(`the condition '${raw.slice(0, 60)}' is not supported in a connection's filter`);
  const condition = raw.startsWith('OR') ? raw.slice(2) : raw;
  const field = FIELD.exec(condition)?.[1];
  if (field === undefined || !OPERATOR_START.test(condition.slice(field.length))) {
    return E.left(`the condition '${raw.slice(0, 60)}' does not start with a field name and an operator`);
  }
  return E.right({ kind: 'condition', text: raw, field });
};

/** Reads a filter into its groups; a part that is not a condition ServiceNow would apply is refused, naming it. */
export const readFilter = (filter: string): E.Either<string, ReadFilter> => {
  const groups: FilterPart[][] = [[]];
  for (const raw of filter.trim().split('^')) {
    const text = raw.startsWith('NQ') ? raw.slice(2) : raw;
    if (raw.startsWith('NQ')) groups.push([]);
    const part = readPart(text);
    if (E.isLeft(part)) return part;
    groups[groups.length - 1]!.push(part.right);
  }
  return E.right(groups.filter((group) => group.some((part) => part.kind === 'condition')));
};

/** Every field a filter names (conditions and orderings alike), each once. */
export const fieldsOf = (filter: ReadFilter): ReadonlyArray<string> => [
  ...new Set(filter.flatMap((group) => group.flatMap((part) => (part.kind === 'end' ? [] : [part.field])))),
];

/** taskport's own conditions are added to every group of the filter, so that no group escapes them. */
const withConditions = (filter: ReadFilter, conditions: ReadonlyArray<string>): string => {
  const groups = filter.map((group) => group.flatMap((part) => (part.kind === 'condition' ? [part.text] : [])));
  const own = conditions.join('^');
  if (groups.length === 0) return own;
  return groups.map((group) => [...group, ...(own === '' ? [] : [own])].join('^')).join('^NQ');
};

/** A filter read, ORDERBY clauses dropped (the paging order is taskport's), conditions added, then the order. */
export const encodedQuery = (filter: ReadFilter, conditions: ReadonlyArray<string>, order: ReadonlyArray<string>): string =>
  [withConditions(filter, conditions), ...order.map((field) => `ORDERBY${field}`)].filter((part) => part !== '').join('^');

/**
 * A value taskport writes into a query itself: `^` would end the condition, a comma would split an
 * `IN` list, and `javascript:` would be run by the instance.
 */
export const isPlainValue = (value: string): boolean => value !== '' && !/[\^,\r\n]/.test(value) && !/^\s*javascript:/i.test(value);

/** `field=a^ORfield=b`: equality on any of these values (names may hold characters `IN` lists cannot). */
export const anyOf = (field: string, values: ReadonlyArray<string>): string => values.map((value) => `${field}=${value}`).join('^OR');

/** sys_ids are 32 hexadecimal characters; anything else that could never break a query is asked for too. */
export const SYS_ID = /^[A-Za-z0-9_.-]{1,64}$/;
