import { attr, childrenOf, linkOf, type AccountNames, type AdfNode } from './adf-nodes.js';

export const INLINE_TYPES = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status', 'placeholder', 'mediaInline']);

/** Under this, a date node's timestamp is in seconds (some clients write them so), not milliseconds. */
const SECONDS_BEFORE = 100_000_000_000;

const dateText = (node: AdfNode): string => {
  const value = Number(attr(node, 'timestamp'));
  if (!Number.isFinite(value)) return '';
  return new Date(value < SECONDS_BEFORE ? value * 1000 : value).toISOString().slice(0, 10);
};

/** `@Name` from the node, else from the names known, else the account id: a mention never vanishes. */
const mentionText = (node: AdfNode, names: AccountNames): string => {
  const id = attr(node, 'id') ?? '';
  const given = (attr(node, 'text') ?? '').trim();
  const name = given === '' ? (names.get(id) ?? id) : given;
  return name.startsWith('@') ? name : `@${name}`;
};

/** One inline node as text; a URL is a token of its own, so it is kept apart from the words around it. */
const piece = (node: AdfNode, names: AccountNames): { readonly text: string; readonly isUrl: boolean } => {
  switch (node.type) {
    case 'text':
      return { text: typeof node.text === 'string' ? node.text : '', isUrl: false };
    case 'hardBreak':
      return { text: '\n', isUrl: false };
    case 'mention':
      return { text: mentionText(node, names), isUrl: false };
    case 'status':
      return { text: attr(node, 'text') ?? '', isUrl: false };
    case 'emoji':
      return { text: attr(node, 'text') ?? attr(node, 'shortName') ?? '', isUrl: false };
    case 'inlineCard':
      return { text: attr(node, 'url') ?? '', isUrl: true };
    case 'date':
      return { text: dateText(node), isUrl: false };
    case 'mediaInline': {
      const name = attr(node, 'alt') ?? attr(node, 'name');
      return { text: name === null ? '[attachment]' : `[attachment: ${name}]`, isUrl: false };
    }
    default:
      return { text: inlineText(childrenOf(node), names), isUrl: false };
  }
};

/** Adjacent text nodes under one link are one link: `label (url)`, or the URL alone when the label is it. */
const withLinks = (nodes: ReadonlyArray<AdfNode>, names: AccountNames): ReadonlyArray<{ readonly text: string; readonly isUrl: boolean }> => {
  const pieces: Array<{ text: string; isUrl: boolean }> = [];
  for (let i = 0; i < nodes.length; ) {
    const href = nodes[i]!.type === 'text' ? linkOf(nodes[i]!) : null;
    if (href === null) {
      pieces.push(piece(nodes[i]!, names));
      i += 1;
      continue;
    }
    let label = '';
    for (; i < nodes.length && nodes[i]!.type === 'text' && linkOf(nodes[i]!) === href; i += 1) label += piece(nodes[i]!, names).text;
    pieces.push(label.trim() === href || label.trim() === '' ? { text: href, isUrl: true } : { text: `${label} (${href})`, isUrl: false });
  }
  return pieces;
};

const WORD_END = /[^\s([{"'/]$/;
const WORD_START = /^[^\s)\]}"'.,;:!?/]/;

/** Inline nodes as one text; a URL glued to a word would be another URL, so a space is put between them. */
export const inlineText = (nodes: ReadonlyArray<AdfNode>, names: AccountNames): string =>
  withLinks(nodes, names).reduce((text, { text: next, isUrl }, index, all) => {
    const previousWasUrl = index > 0 && all[index - 1]!.isUrl;
    const glued = (isUrl && WORD_END.test(text) && next !== '') || (previousWasUrl && WORD_START.test(next));
    return `${text}${glued ? ' ' : ''}${next}`;
  }, '');
