/**
 * Parses the part of JQL the simulator understands: clauses joined by AND/OR/NOT with parentheses,
 * the operators = != > >= < <= ~ IN, NOT IN, IS [NOT] EMPTY, and ORDER BY. Errors are sentences in
 * the style of Jira's "Error in the JQL Query".
 */
import { JqlSyntaxError, tokenize, type Token } from './jql-tokens.js';

export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | 'in' | 'not in' | 'is' | 'is not';

export type JqlExpr =
  | { readonly kind: 'and' | 'or'; readonly items: ReadonlyArray<JqlExpr> }
  | { readonly kind: 'not'; readonly expr: JqlExpr }
  | { readonly kind: 'clause'; readonly field: string; readonly op: Operator; readonly values: ReadonlyArray<string> };

export interface OrderTerm {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface JqlQuery {
  readonly where: JqlExpr | null;
  readonly orderBy: ReadonlyArray<OrderTerm>;
}

/** A cursor over the tokens; every parse step below moves it. */
interface Cursor {
  readonly tokens: ReadonlyArray<Token>;
  pos: number;
}

const peek = (c: Cursor, ahead = 0): Token | undefined => c.tokens[c.pos + ahead];
const isWord = (c: Cursor, word: string, ahead = 0) => {
  const token = peek(c, ahead);
  return token?.kind === 'word' && token.text.toLowerCase() === word;
};
const isPunct = (c: Cursor, text: string) => peek(c)?.kind === 'punct' && peek(c)?.text === text;

const fail = (c: Cursor, expected: string): never => {
  const found = peek(c);
  throw new JqlSyntaxError(`Error in the JQL Query: Expecting ${expected} but got ${found === undefined ? 'the end of the query' : `'${found.text}'`}.`);
};

const take = (c: Cursor, kind: Token['kind'], text?: string): Token => {
  const token = peek(c);
  if (token === undefined || token.kind !== kind || (text !== undefined && token.text !== text)) return fail(c, text ?? kind);
  c.pos += 1;
  return token;
};

const value = (c: Cursor): string => {
  const token = peek(c);
  if (token === undefined || token.kind === 'op' || token.kind === 'punct') return fail(c, 'a value');
  c.pos += 1;
  return token.text;
};

const valueList = (c: Cursor): string[] => {
  take(c, 'punct', '(');
  const values = [value(c)];
  while (isPunct(c, ',')) {
    c.pos += 1;
    values.push(value(c));
  }
  take(c, 'punct', ')');
  return values;
};

const WORD_OPERATORS: ReadonlyArray<readonly [ReadonlyArray<string>, Operator]> = [
  [['not', 'in'], 'not in'],
  [['is', 'not'], 'is not'],
  [['in'], 'in'],
  [['is'], 'is'],
];

const operator = (c: Cursor): Operator => {
  const token = peek(c);
  if (token?.kind === 'op') {
    c.pos += 1;
    return token.text as Operator;
  }
  const match = WORD_OPERATORS.find(([words]) => words.every((w, i) => isWord(c, w, i)));
  if (match === undefined) return fail(c, 'an operator');
  c.pos += match[0].length;
  return match[1];
};

const clause = (c: Cursor): JqlExpr => {
  const field = take(c, 'word').text.toLowerCase();
  const op = operator(c);
  return { kind: 'clause', field, op, values: op === 'in' || op === 'not in' ? valueList(c) : [value(c)] };
};

const primary = (c: Cursor): JqlExpr => {
  if (isWord(c, 'not')) {
    c.pos += 1;
    return { kind: 'not', expr: primary(c) };
  }
  if (!isPunct(c, '(')) return clause(c);
  c.pos += 1;
  const inner = disjunction(c);
  take(c, 'punct', ')');
  return inner;
};

const joined = (c: Cursor, kind: 'and' | 'or', next: (c: Cursor) => JqlExpr): JqlExpr => {
  const items = [next(c)];
  while (isWord(c, kind)) {
    c.pos += 1;
    items.push(next(c));
  }
  return items.length === 1 ? (items[0] as JqlExpr) : { kind, items };
};

const conjunction = (c: Cursor) => joined(c, 'and', primary);
const disjunction = (c: Cursor): JqlExpr => joined(c, 'or', conjunction);

const orderBy = (c: Cursor): OrderTerm[] => {
  c.pos += 1;
  if (!isWord(c, 'by')) fail(c, "'by'");
  const terms: OrderTerm[] = [];
  do {
    c.pos += 1;
    const field = take(c, 'word').text.toLowerCase();
    const direction = isWord(c, 'desc') ? 'desc' : 'asc';
    if (isWord(c, 'asc') || isWord(c, 'desc')) c.pos += 1;
    terms.push({ field, direction });
  } while (isPunct(c, ','));
  return terms;
};

/** The query, or Jira-style error text. */
export const parseJql = (jql: string): JqlQuery | string => {
  try {
    const c: Cursor = { tokens: tokenize(jql), pos: 0 };
    const where = peek(c) === undefined || isWord(c, 'order') ? null : disjunction(c);
    const order = isWord(c, 'order') ? orderBy(c) : [];
    if (peek(c) !== undefined) fail(c, "'AND', 'OR' or 'ORDER BY'");
    return { where, orderBy: order };
  } catch (error) {
    if (error instanceof JqlSyntaxError) return error.message;
    throw error;
  }
};
