/**
 * ADF to Jira wiki markup, which is how REST v2 (and so webhooks) render a description: the forms
 * Jira's converter writes for the simulator's descriptions. Mentions become `[~accountid:…]`, links
 * `[text|url]`, smart links `[url|url|smart-link]`, code `{code:lang}`, tables `||h||` / `|c|`,
 * images `!name|thumbnail!` and attachments `[^name]`; nodes wiki markup has no form for (expand,
 * task and decision items, dates, status) become the nearest text.
 */
interface Node {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly content?: unknown;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly marks?: ReadonlyArray<{ readonly type?: unknown; readonly attrs?: Readonly<Record<string, unknown>> }>;
}

const children = (node: Node): ReadonlyArray<Node> => (Array.isArray(node.content) ? (node.content as Node[]) : []);
const attr = (node: Node, name: string): string => String(node.attrs?.[name] ?? '');

const MARKS: Readonly<Record<string, readonly [string, string]>> = { strong: ['*', '*'], em: ['_', '_'], code: ['{{', '}}'], strike: ['-', '-'], underline: ['+', '+'] };

const marked = (node: Node): string =>
  (node.marks ?? []).reduce((text, mark) => {
    if (mark.type === 'link') return `[${text}|${String(mark.attrs?.href ?? '')}]`;
    const [open, close] = MARKS[String(mark.type)] ?? ['', ''];
    return `${open}${text}${close}`;
  }, String(node.text ?? ''));

const inline = (node: Node): string => {
  switch (node.type) {
    case 'text':
      return marked(node);
    case 'hardBreak':
      return '\n';
    case 'mention':
      return `[~accountid:${attr(node, 'id')}]`;
    case 'emoji':
      return attr(node, 'shortName');
    case 'inlineCard':
      return `[${attr(node, 'url')}|${attr(node, 'url')}|smart-link]`;
    case 'date':
      return `{{${new Date(Number(attr(node, 'timestamp'))).toISOString().slice(0, 10)}}}`;
    case 'status':
      return `*${attr(node, 'text')}*`;
    default:
      return children(node).map(inline).join('');
  }
};

const list = (node: Node, marker: string): ReadonlyArray<string> =>
  children(node).flatMap((item) =>
    children(item).flatMap((block) =>
      block.type === 'bulletList' || block.type === 'orderedList' ? blocks(block).map((line) => `${marker[0]}${line}`) : [`${marker} ${blocks(block).join(' ')}`],
    ),
  );

const media = (node: Node, asImage: boolean): string => {
  const name = attr(node, 'alt') || attr(node, 'id');
  return asImage ? `!${name}|thumbnail!` : `[^${name}]`;
};

const row = (node: Node): string => {
  const cells = children(node).map((cell) => ({ header: cell.type === 'tableHeader', text: children(cell).flatMap(blocks).join('\n') }));
  return cells.every((c) => c.header) ? `||${cells.map((c) => c.text).join('||')}||` : `|${cells.map((c) => c.text).join('|')}|`;
};

const fenced = (open: string, close: string, lines: ReadonlyArray<string>) => [open, ...lines, close];

const blocks = (node: Node): ReadonlyArray<string> => {
  switch (node.type) {
    case 'bulletList':
      return list(node, '*');
    case 'orderedList':
      return list(node, '#');
    case 'heading':
      return [`h${Number(node.attrs?.level ?? 1)}. ${inline(node)}`];
    case 'codeBlock':
      return fenced(node.attrs?.language === undefined ? '{code}' : `{code:${attr(node, 'language')}}`, '{code}', [inline(node)]);
    case 'blockquote':
      return fenced('{quote}', '{quote}', children(node).flatMap(blocks));
    case 'panel':
      return fenced('{panel:bgColor=#deebff}', '{panel}', children(node).flatMap(blocks));
    case 'expand':
      return fenced(`{expand:${attr(node, 'title')}}`, '{expand}', children(node).flatMap(blocks));
    case 'taskList':
      return children(node).map((item) => `* [${item.attrs?.state === 'DONE' ? 'x' : ' '}] ${inline(item)}`);
    case 'decisionList':
      return children(node).map((item) => `* <> ${inline(item)}`);
    case 'table':
      return children(node).map(row);
    case 'mediaSingle':
      return children(node).map((m) => media(m, true));
    case 'mediaGroup':
      return children(node).map((m) => media(m, false));
    case 'rule':
      return ['----'];
    case 'paragraph':
      return [inline(node)];
    default:
      return children(node).flatMap(blocks);
  }
};

export const adfToWikiMarkup = (document: unknown): string | null =>
  typeof document === 'object' && document !== null ? blocks(document as Node).join('\n') : null;
