export interface Token {
  readonly kind: 'word' | 'string' | 'op' | 'punct';
  readonly text: string;
}

const TOKEN = /\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(!=|>=|<=|!~|[=<>~])|([(),])|([^\s"'(),=!<>~]+))/y;

export class JqlSyntaxError extends Error {}

/** JQL's lexical pieces: quoted strings (either quote, with backslash escapes), operators, punctuation, words. */
export const tokenize = (jql: string): Token[] => {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < jql.length && !/^\s*$/.test(jql.slice(TOKEN.lastIndex))) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(jql);
    if (m === null) throw new JqlSyntaxError(`Error in the JQL Query: unexpected character at position ${at + 1}.`);
    const quoted = m[1] ?? m[2];
    if (quoted !== undefined) tokens.push({ kind: 'string', text: quoted.replace(/\\(.)/g, '$1') });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'punct', text: m[4] });
    else tokens.push({ kind: 'word', text: m[5] ?? '' });
  }
  return tokens;
};
