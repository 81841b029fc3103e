import { inlineText, INLINE_TYPES } from './adf-inline.js';
import { attr, childrenOf, isNode, type AccountNames, type AdfNode } from './adf-nodes.js';

export type { AccountNames } from './adf-nodes.js';

/**
 * Flattens an Atlassian Document Format tree to plain text: one line per block, list items, tasks
 * and quotes marked, table cells separated by " | ", links as `label (url)`, and a placeholder for
 * every image and attachment, so nothing a description says is silently lost. Unknown or malformed
 * nodes are skipped rather than failing an issue: what a description says matters more than its markup.
 */
const prefixed = (lines: ReadonlyArray<string>, marker: string): ReadonlyArray<string> =>
  lines.map((line, i) => (i === 0 ? marker : ' '.repeat(marker.length)) + line);

const media = (node: AdfNode, kind: 'image' | 'attachment'): string => {
  const name = attr(node, 'alt') ?? (attr(node, 'type') === 'external' ? attr(node, 'url') : null);
  return name === null || name.trim() === '' ? `[${kind}]` : `[${kind}: ${name}]`;
};

const lines = (text: string): ReadonlyArray<string> => text.split('\n');

/** A block's lines; `names` resolves mentions that carry no text. */
const blockLines = (node: AdfNode, names: AccountNames): ReadonlyArray<string> => {
  const children = childrenOf(node);
  const each = (nodes: ReadonlyArray<AdfNode>) => nodes.flatMap((child) => (INLINE_TYPES.has(child.type) ? lines(inlineText([child], names)) : blockLines(child, names)));
  switch (node.type) {
    case 'bulletList':
      return children.flatMap((item) => prefixed(blockLines(item, names), '- '));
    case 'orderedList': {
      const start = Number(attr(node, 'order') ?? 1);
      return children.flatMap((item, i) => prefixed(blockLines(item, names), `${start + i}. `));
    }
    case 'taskList':
      return children.flatMap((item) => (item.type === 'taskItem' ? prefixed(blockLines(item, names), attr(item, 'state') === 'DONE' ? '[x] ' : '[ ] ') : blockLines(item, names)));
    case 'decisionList':
      return children.flatMap((item) => prefixed(blockLines(item, names), 'Decision: '));
    case 'blockquote':
      return each(children).map((line) => `> ${line}`);
    case 'expand':
    case 'nestedExpand':
      return [...(attr(node, 'title') ?? '').split('\n'), ...each(children)];
    case 'tableRow':
      return [children.map((cell) => blockLines(cell, names).join('; ')).join(' | ')];
    case 'rule':
      return ['---'];
    case 'blockCard':
    case 'embedCard':
      return [attr(node, 'url') ?? ''];
    case 'mediaSingle':
      return children.map((child) => media(child, 'image'));
    case 'mediaGroup':
      return children.map((child) => media(child, 'attachment'));
    case 'media':
      return [media(node, 'image')];
    default:
      if (INLINE_TYPES.has(node.type) || children.every((c) => INLINE_TYPES.has(c.type))) return lines(inlineText(INLINE_TYPES.has(node.type) ? [node] : children, names));
      return each(children);
  }
};

/** The document's text, blank lines and trailing spaces dropped; '' for anything that is not a node. */
export const adfToText = (document: unknown, names: AccountNames = new Map()): string =>
  isNode(document)
    ? blockLines(document, names)
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== '')
        .join('\n')
    : '';
