/**
 * Flattens an Atlassian Document Format tree to plain text: one line per block, list items prefixed,
 * table cells separated by " | ". Unknown or malformed nodes are skipped rather than failing an
 * issue: a description is free-form, and what it says matters more than its markup.
 */
interface AdfNode {
  readonly type: string;
  readonly text?: unknown;
  readonly content?: unknown;
  readonly attrs?: unknown;
}

const isNode = (value: unknown): value is AdfNode =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

const childrenOf = (node: AdfNode): ReadonlyArray<AdfNode> => (Array.isArray(node.content) ? node.content.filter(isNode) : []);

const attr = (node: AdfNode, name: string): string | null => {
  const value = typeof node.attrs === 'object' && node.attrs !== null ? (node.attrs as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

const INLINE = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status', 'placeholder', 'mediaInline']);

const inlineText = (node: AdfNode): string => {
  switch (node.type) {
    case 'text':
      return typeof node.text === 'string' ? node.text : '';
    case 'hardBreak':
      return '\n';
    case 'mention':
    case 'status':
      return attr(node, 'text') ?? '';
    case 'emoji':
      return attr(node, 'text') ?? attr(node, 'shortName') ?? '';
    case 'inlineCard':
      return attr(node, 'url') ?? '';
    case 'date': {
      const ms = Number(attr(node, 'timestamp'));
      return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
    }
    default:
      return childrenOf(node).map(inlineText).join('');
  }
};

const prefixed = (lines: ReadonlyArray<string>, marker: string): ReadonlyArray<string> =>
  lines.map((line, i) => (i === 0 ? marker : ' '.repeat(marker.length)) + line);

const blockLines = (node: AdfNode): ReadonlyArray<string> => {
  const children = childrenOf(node);
  switch (node.type) {
    case 'bulletList':
      return children.flatMap((item) => prefixed(blockLines(item), '- '));
    case 'orderedList': {
      const start = Number(attr(node, 'order') ?? 1);
      return children.flatMap((item, i) => prefixed(blockLines(item), `${start + i}. `));
    }
    case 'tableRow':
      return [children.map((cell) => blockLines(cell).join(' ')).join(' | ')];
    case 'rule':
      return ['---'];
    case 'blockCard':
    case 'embedCard':
      return [attr(node, 'url') ?? ''];
    case 'mediaSingle':
    case 'mediaGroup':
    case 'media':
      return [];
    default:
      if (INLINE.has(node.type) || children.every((c) => INLINE.has(c.type))) return inlineText(node).split('\n');
      return children.flatMap((child) => (INLINE.has(child.type) ? inlineText(child).split('\n') : blockLines(child)));
  }
};

export const adfToText = (document: unknown): string =>
  isNode(document)
    ? blockLines(document)
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : '';
