/**
 * Parses the part of JQL the simulator understands: clauses joined by AND/OR/NOT with parentheses,
 * the operators = != > >= < <= ~ IN, NOT IN, IS [NOT] EMPTY, and ORDER BY. Errors are sentences in
 * the style of Jira's "Error in the JQL Query".
 */
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

type Token = { readonly kind: 'word' | 'string' | 'op' | 'punct'; readonly text: string };

const TOKEN = /\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(!=|>=|<=|!~|[=<>~])|([(),])|([^\s"'(),=!<>~]+))/y;

export const tokenize = (jql: string): Token[] | string => {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < jql.length) {
    if (/^\s*$/.test(jql.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(jql);
    if (m === null) return `Error in the JQL Query: unexpected character at position ${at + 1}.`;
    const quoted = m[1] ?? m[2];
    if (quoted !== undefined) tokens.push({ kind: 'string', text: quoted.replace(/\\(.)/g, '$1') });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'punct', text: m[4] });
    else tokens.push({ kind: 'word', text: m[5] ?? '' });
  }
  return tokens;
};

class JqlSyntaxError extends Error {}

const parser = (tokens: ReadonlyArray<Token>) => {
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (word: string, token = peek()) => token?.kind === 'word' && token.text.toLowerCase() === word;
  const fail = (expected: string): never => {
    const found = peek();
    throw new JqlSyntaxError(`Error in the JQL Query: Expecting ${expected} but got ${found === undefined ? 'the end of the query' : `'${found.text}'`}.`);
  };
  const take = (kind: Token['kind'], text?: string): Token => {
    const token = peek();
    if (token === undefined || token.kind !== kind || (text !== undefined && token.text !== text)) return fail(text ?? kind);
    pos += 1;
    return token;
  };
  const value = (): string => {
    const token = peek();
    if (token === undefined || token.kind === 'op' || token.kind === 'punct') return fail('a value');
    pos += 1;
    return token.text;
  };
  const list = (): string[] => {
    take('punct', '(');
    const values = [value()];
    while (peek()?.text === ',') {
      pos += 1;
      values.push(value());
    }
    take('punct', ')');
    return values;
  };
  const operator = (): Operator => {
    const token = peek();
    if (token?.kind === 'op') {
      pos += 1;
      return token.text as Operator;
    }
    if (isWord('in')) return (pos += 1), 'in';
    if (isWord('not') && isWord('in', tokens[pos + 1])) return (pos += 2), 'not in';
    if (isWord('is') && isWord('not', tokens[pos + 1])) return (pos += 2), 'is not';
    if (isWord('is')) return (pos += 1), 'is';
    return fail('an operator');
  };
  const clause = (): JqlExpr => {
    const field = take('word').text.toLowerCase();
    const op = operator();
    const values = op === 'in' || op === 'not in' ? list() : [value()];
    return { kind: 'clause', field, op, values };
  };
  const primary = (): JqlExpr => {
    if (isWord('not')) return (pos += 1), { kind: 'not', expr: primary() };
    if (peek()?.text === '(' && peek()?.kind === 'punct') {
      pos += 1;
      const inner = or();
      take('punct', ')');
      return inner;
    }
    return clause();
  };
  const chain = (kind: 'and' | 'or', next: () => JqlExpr) => (): JqlExpr => {
    const items = [next()];
    while (isWord(kind)) {
      pos += 1;
      items.push(next());
    }
    return items.length === 1 ? (items[0] as JqlExpr) : { kind, items };
  };
  const and = chain('and', primary);
  const or = chain('or', and);
  const orderBy = (): OrderTerm[] => {
    pos += 1;
    if (!isWord('by')) fail("'by'");
    pos += 1;
    const terms: OrderTerm[] = [];
    do {
      if (terms.length > 0) pos += 1;
      const field = take('word').text.toLowerCase();
      const direction = isWord('desc') ? 'desc' : 'asc';
      if (isWord('asc') || isWord('desc')) pos += 1;
      terms.push({ field, direction });
    } while (peek()?.text === ',');
    return terms;
  };
  return (): JqlQuery => {
    const where = peek() === undefined || isWord('order') ? null : or();
    const order = isWord('order') ? orderBy() : [];
    if (peek() !== undefined) fail("'AND', 'OR' or 'ORDER BY'");
    return { where, orderBy: order };
  };
};

export const parseJql = (jql: string): JqlQuery | string => {
  const tokens = tokenize(jql);
  if (typeof tokens === 'string') return tokens;
  try {
    return parser(tokens)();
  } catch (error) {
    if (error instanceof JqlSyntaxError) return error.message;
    throw error;
  }
};
