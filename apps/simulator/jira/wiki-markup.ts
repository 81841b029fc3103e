/**
 * ADF to Jira wiki markup, which is how REST v2 (and so webhooks) render a description: enough of
 * it for the simulator's own descriptions (paragraphs, headings, lists, bold, italics, code).
 */
interface Node {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly content?: unknown;
  readonly attrs?: { readonly level?: unknown; readonly order?: unknown };
  readonly marks?: ReadonlyArray<{ readonly type?: unknown }>;
}

const children = (node: Node): ReadonlyArray<Node> => (Array.isArray(node.content) ? (node.content as Node[]) : []);

const MARKS: Readonly<Record<string, readonly [string, string]>> = { strong: ['*', '*'], em: ['_', '_'], code: ['{{', '}}'], strike: ['-', '-'] };

const inline = (node: Node): string => {
  if (node.type === 'hardBreak') return '\n';
  if (node.type !== 'text') return children(node).map(inline).join('');
  return (node.marks ?? []).reduce((text, mark) => {
    const [open, close] = MARKS[String(mark.type)] ?? ['', ''];
    return `${open}${text}${close}`;
  }, String(node.text ?? ''));
};

const list = (node: Node, marker: string): ReadonlyArray<string> =>
  children(node).flatMap((item) =>
    children(item).flatMap((block) =>
      block.type === 'bulletList' || block.type === 'orderedList' ? blocks(block).map((line) => `${marker[0]}${line}`) : [`${marker} ${inline(block)}`],
    ),
  );

const blocks = (node: Node): ReadonlyArray<string> => {
  switch (node.type) {
    case 'bulletList':
      return list(node, '*');
    case 'orderedList':
      return list(node, '#');
    case 'heading':
      return [`h${Number(node.attrs?.level ?? 1)}. ${inline(node)}`];
    case 'codeBlock':
      return ['{code}', inline(node), '{code}'];
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
