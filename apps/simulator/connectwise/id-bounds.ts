import { ConditionError, parseConditions, type Value } from './conditions.js';

type Tree = ReturnType<typeof parseConditions>;

/** The ids a ticket may have, by what the conditions say of `id` alone. */
export type IdBounds = (id: number) => boolean;

const ANY: IdBounds = () => true;

const boundOf = (comparator: string, value: Value): IdBounds => {
  if (comparator === 'in' && Array.isArray(value)) {
    const ids = new Set(value.filter((v): v is number => typeof v === 'number'));
    return value.every((v) => typeof v === 'number') ? (id) => ids.has(id) : ANY;
  }
  if (typeof value !== 'number') return ANY;
  switch (comparator) {
    case '=':
      return (id) => id === value;
    case '>':
      return (id) => id > value;
    case '>=':
      return (id) => id >= value;
    case '<':
      return (id) => id < value;
    case '<=':
      return (id) => id <= value;
    default:
      return ANY;
  }
};

const boundsOf = (node: Tree): IdBounds => {
  if (node.op === 'and') {
    const [left, right] = [boundsOf(node.left), boundsOf(node.right)];
    return (id) => left(id) && right(id);
  }
  if (node.op === 'compare' && node.path.toLowerCase() === 'id') return boundOf(node.comparator, node.value);
  // An `or` or a `not` may let any id through: only what every ticket must meet narrows.
  return ANY;
};

/**
 * What a site's index on `id` does: the ids the conditions allow by their `id` comparisons joined
 * with `and` (`id >= 5 and id <= 9`, `id > n`, `id in (...)`), so a list renders and matches only
 * those tickets, in time bounded by the answer rather than by the site's size. The conditions are
 * still matched in full afterwards: this only skips tickets they could never select. Conditions that
 * do not parse narrow nothing (the list answers their 400).
 */
export const idBoundsOf = (conditions: string | undefined, knows: (path: string) => boolean): IdBounds => {
  if (conditions === undefined || conditions.trim() === '') return ANY;
  try {
    return boundsOf(parseConditions(conditions, knows));
  } catch (error) {
    if (error instanceof ConditionError) return ANY;
    throw error;
  }
};
