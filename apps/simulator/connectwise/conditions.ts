/**
 * The subset of ConnectWise `conditions` the simulator understands: `= != < <= > >= contains like
 * in`, `and` / `or` / `not`, parentheses, quoted strings, numbers, booleans, null, `[datetime]` and
 * nested paths. Evaluated over a record as the API renders it; a path whose first segment the
 * record type does not have is an unknown field (400 ApiFindCondition, as ConnectWise answers).
 */
export type Value = string | number | boolean | null | { readonly at: Date } | ReadonlyArray<Value>;

type Node =
  | { readonly op: 'and' | 'or'; readonly left: Node; readonly right: Node }
  | { readonly op: 'not'; readonly inner: Node }
  | { readonly op: 'compare'; readonly path: string; readonly comparator: string; readonly value: Value };

export class ConditionError extends Error {}

const TOKEN = /\s*(\[[^\]]*\]|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|<=|>=|!=|=|<|>|\(|\)|,|[A-Za-z_][A-Za-z0-9_/.]*|-?\d+(?:\.\d+)?)/y;

const tokenize = (text: string): string[] => {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null) throw new ConditionError(`Unexpected text at ${at}: ${text.slice(at, at + 20)}`);
    tokens.push(match[1] ?? '');
  }
  return tokens;
};

const COMPARATORS = new Set(['=', '!=', '<', '<=', '>', '>=', 'contains', 'like', 'in']);

const literal = (token: string | undefined): Value => {
  if (token === undefined) throw new ConditionError('A value is missing');
  if (token.startsWith('"') || token.startsWith("'")) return token.slice(1, -1).replace(/\\(.)/g, '$1');
  if (token.startsWith('[')) {
    const at = new Date(token.slice(1, -1));
    if (Number.isNaN(at.getTime())) throw new ConditionError(`${token} is not a date`);
    return { at };
  }
  const lower = token.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (lower === 'null') return null;
  if (/^-?\d/.test(token)) return Number(token);
  throw new ConditionError(`${token} is not a value`);
};

/** Parses conditions; `knows(path)` says whether the record type has the path's first segment. */
export const parseConditions = (text: string, knows: (path: string) => boolean): Node => {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i]?.toLowerCase();
  const expect = (token: string) => {
    if (peek() !== token) throw new ConditionError(`Expected ${token} at token ${i}`);
    i += 1;
  };
  const comparison = (): Node => {
    const path = tokens[i++];
    if (path === undefined || !/^[A-Za-z_]/.test(path)) throw new ConditionError(`Expected a field name at token ${i - 1}`);
    if (!knows(path)) throw new ConditionError(`${path} is not a recognized name.`);
    const comparator = peek();
    if (comparator === undefined || !COMPARATORS.has(comparator)) throw new ConditionError(`Expected an operator after ${path}`);
    i += 1;
    if (comparator !== 'in') return { op: 'compare', path, comparator, value: literal(tokens[i++]) };
    expect('(');
    const values: Value[] = [literal(tokens[i++])];
    while (peek() === ',') {
      i += 1;
      values.push(literal(tokens[i++]));
    }
    expect(')');
    return { op: 'compare', path, comparator, value: values };
  };
  const unary = (): Node => {
    if (peek() === 'not') {
      i += 1;
      return { op: 'not', inner: unary() };
    }
    if (peek() === '(') {
      i += 1;
      const inner = or();
      expect(')');
      return inner;
    }
    return comparison();
  };
  const and = (): Node => {
    let left = unary();
    while (peek() === 'and') {
      i += 1;
      left = { op: 'and', left, right: unary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek() === 'or') {
      i += 1;
      left = { op: 'or', left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (i !== tokens.length) throw new ConditionError(`Unexpected ${tokens[i]} at token ${i}`);
  return tree;
};

/** A path's value in a rendered record; `lastUpdated` is ConnectWise's alias of `_info/lastUpdated`. */
export const valueAt = (record: unknown, path: string): unknown => {
  const segments = (path.toLowerCase() === 'lastupdated' ? '_info/lastUpdated' : path).split('/');
  let value: unknown = record;
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null) return undefined;
    const key = Object.keys(value).find((k) => k.toLowerCase() === segment.toLowerCase());
    value = key === undefined ? undefined : (value as Record<string, unknown>)[key];
  }
  return value;
};

const compareOne = (actual: unknown, comparator: string, expected: Value): boolean => {
  if (expected === null) return comparator === '!=' ? actual !== null && actual !== undefined : actual === null || actual === undefined;
  if (actual === undefined || actual === null) return comparator === '!=';
  const [a, b] =
    typeof expected === 'object' && !Array.isArray(expected) && 'at' in expected
      ? [new Date(String(actual)).getTime(), (expected as { readonly at: Date }).at.getTime()]
      : typeof expected === 'string'
        ? [String(actual).toLowerCase(), expected.toLowerCase()]
        : [actual, expected];
  switch (comparator) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>':
      return (a as number) > (b as number);
    case '>=':
      return (a as number) >= (b as number);
    case 'contains':
      return String(a).includes(String(b));
    case 'like':
      return new RegExp(`^${String(b).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, 'i').test(String(a));
    default:
      return false;
  }
};

export const matches = (node: Node, record: unknown): boolean => {
  switch (node.op) {
    case 'and':
      return matches(node.left, record) && matches(node.right, record);
    case 'or':
      return matches(node.left, record) || matches(node.right, record);
    case 'not':
      return !matches(node.inner, record);
    case 'compare': {
      const actual = valueAt(record, node.path);
      if (node.comparator === 'in') return (node.value as ReadonlyArray<Value>).some((v) => compareOne(actual, '=', v));
      return compareOne(actual, node.comparator, node.value);
    }
  }
};
