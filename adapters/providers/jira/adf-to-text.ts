import { inlineText, INLINE_TYPES } from './adf-inline.js';
import { attr, childrenOf, isNode, type AccountNames, type AdfNode } from './adf-nodes.js';

export type { AccountNames } from './adf-nodes.js';

/** Gives the lines from `start` on a list marker: the first the marker, the others its width in spaces. */
const prefixFrom = (out: string[], start: number, marker: string): void => {
  for (let i = start; i < out.length; i += 1) out[i] = (i === start ? marker : ' '.repeat(marker.length)) + out[i];
};

const media = (node: AdfNode, kind: 'image' | 'attachment'): string => {
  const name = attr(node, 'alt') ?? (attr(node, 'type') === 'external' ? attr(node, 'url') : null);
  return name === null || name.trim() === '' ? `[${kind}]` : `[${kind}: ${name}]`;
};

const pushLines = (text: string, out: string[]): void => {
  for (const line of text.split('\n')) out.push(line);
};

/** Each child's lines: an inline child's text alone, a block's own lines. */
const pushEach = (nodes: ReadonlyArray<AdfNode>, names: AccountNames, out: string[]): void => {
  for (const child of nodes) {
    if (INLINE_TYPES.has(child.type)) pushLines(inlineText([child], names), out);
    else pushBlockLines(child, names, out);
  }
};

/** Each list item's lines behind its marker. */
const pushItems = (items: ReadonlyArray<AdfNode>, names: AccountNames, out: string[], markerOf: (item: AdfNode, index: number) => string | null): void => {
  items.forEach((item, index) => {
    const start = out.length;
    pushBlockLines(item, names, out);
    const marker = markerOf(item, index);
    if (marker !== null) prefixFrom(out, start, marker);
  });
};

const cellText = (cell: AdfNode, names: AccountNames): string => {
  const cellLines: string[] = [];
  pushBlockLines(cell, names, cellLines);
  return cellLines.join('; ');
};

/**
 * Appends a block's lines to `out`; `names` resolves mentions that carry no text. Written to append
 * rather than to answer arrays: a sync flattens every description it reads.
 */
const pushBlockLines = (node: AdfNode, names: AccountNames, out: string[]): void => {
  const children = childrenOf(node);
  switch (node.type) {
    case 'bulletList':
      return pushItems(children, names, out, () => '- ');
    case 'orderedList': {
      const start = Number(attr(node, 'order') ?? 1);
      return pushItems(children, names, out, (_, i) => `${start + i}. `);
    }
    case 'taskList':
      return pushItems(children, names, out, (item) => (item.type === 'taskItem' ? (attr(item, 'state') === 'DONE' ? '[x] ' : '[ ] ') : null));
    case 'decisionList':
      return pushItems(children, names, out, () => 'Decision: ');
    case 'blockquote': {
      const start = out.length;
      pushEach(children, names, out);
      for (let i = start; i < out.length; i += 1) out[i] = `> ${out[i]}`;
      return;
    }
    case 'expand':
    case 'nestedExpand':
      pushLines(attr(node, 'title') ?? '', out);
      return pushEach(children, names, out);
    case 'tableRow':
      out.push(children.map((cell) => cellText(cell, names)).join(' | '));
      return;
    case 'rule':
      out.push('---');
      return;
    case 'blockCard':
    case 'embedCard':
      out.push(attr(node, 'url') ?? '');
      return;
    case 'mediaSingle':
    case 'mediaGroup':
      for (const child of children) out.push(media(child, node.type === 'mediaSingle' ? 'image' : 'attachment'));
      return;
    case 'media':
      out.push(media(node, 'image'));
      return;
    default:
      if (INLINE_TYPES.has(node.type)) return pushLines(inlineText([node], names), out);
      if (children.every((c) => INLINE_TYPES.has(c.type))) return pushLines(inlineText(children, names), out);
      return pushEach(children, names, out);
  }
};

/**
 * Flattens an Atlassian Document Format tree to plain text: one line per block, list items, tasks
 * and quotes marked, table cells separated by " | ", links as `label (url)`, and a placeholder for
 * every image and attachment, so nothing a description says is silently lost. Unknown or malformed
 * nodes are skipped rather than failing an issue: what a description says matters more than its markup.
 *
 * The document's text, blank lines and trailing spaces dropped; '' for anything that is not a node.
 */
export const adfToText = (document: unknown, names: AccountNames = new Map()): string => {
  if (!isNode(document)) return '';
  const all: string[] = [];
  pushBlockLines(document, names, all);
  let text = '';
  for (const line of all) {
    const trimmed = line.trimEnd();
    if (trimmed.trim() !== '') text = text === '' ? trimmed : `${text}\n${trimmed}`;
  }
  return text;
};
