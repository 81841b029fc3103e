import { adfToText } from './adf-to-text.js';
import type { AccountNames } from './adf-nodes.js';
import { wikiInline } from './wiki-inline.js';

type Node = Record<string, unknown>;

/** A description from a webhook (REST v2 wiki markup) as text, and whether it is the text REST v3's ADF gives. */
export interface WikiText {
  readonly text: string;
  readonly exact: boolean;
}

interface Parsed {
  readonly blocks: ReadonlyArray<Node>;
  readonly exact: boolean;
}

const FENCES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\{(code|noformat)(?::[^}]*)?\}(.*)$/, 'codeBlock'],
  [/^\{(quote)\}(.*)$/, 'blockquote'],
  [/^\{(panel|info|note|tip|warning)(?::[^}]*)?\}(.*)$/, 'panel'],
];

/** Splits a table row on its cell bars, not on the bars inside `[label|url]` links. */
const cellsOf = (row: string): ReadonlyArray<{ readonly header: boolean; readonly body: string }> => {
  const cells: Array<{ header: boolean; body: string }> = [];
  let depth = 0;
  let current: { header: boolean; body: string } | null = null;
  for (let i = 0; i < row.length; i += 1) {
    const c = row[i]!;
    if (c === '\\') {
      if (current !== null) current.body += row.slice(i, i + 2);
      i += 1;
    } else if (c === '|' && depth === 0) {
      if (current !== null) cells.push(current);
      const header = row[i + 1] === '|';
      if (header) i += 1;
      current = { header, body: '' };
    } else if (current !== null) {
      depth += c === '[' ? 1 : c === ']' ? -1 : 0;
      current.body += c;
    }
  }
  if (current !== null && current.body.trim() !== '') cells.push(current);
  return cells;
};

const listOf = (items: ReadonlyArray<{ readonly marker: string; readonly node: Node }>, depth: number): Node => {
  const ordered = items[0]!.marker[depth] === '#';
  const content: Node[] = [];
  for (let i = 0; i < items.length; ) {
    const own = items[i]!;
    const nested: Array<{ marker: string; node: Node }> = [];
    for (i += 1; i < items.length && items[i]!.marker.length > depth + 1; i += 1) nested.push(items[i]!);
    content.push({ type: 'listItem', content: [own.node, ...(nested.length === 0 ? [] : [listOf(nested, depth + 1)])] });
  }
  return { type: ordered ? 'orderedList' : 'bulletList', content };
};

/** Where parsing stands: the lines, the one being read, and whether all read so far was certain. */
interface Reader {
  readonly lines: ReadonlyArray<string>;
  readonly names: AccountNames;
  at: number;
  exact: boolean;
}

const LIST_ITEM = /^([*#-]+)\s+(.*)$/;

const paragraphOf = (reader: Reader, line: string): Node => {
  const result = wikiInline(line, reader.names);
  reader.exact &&= result.exact;
  return { type: 'paragraph', content: result.nodes };
};

const nested = (reader: Reader, lines: ReadonlyArray<string>): ReadonlyArray<Node> => {
  const inner = parse(lines, reader.names);
  reader.exact &&= inner.exact;
  return inner.blocks;
};

/** `{code}`, `{noformat}`, `{quote}` or a panel, up to its closing tag (which may end a line of text). */
const fencedBlock = (reader: Reader, fence: (typeof FENCES)[number]): Node => {
  const [, name = '', first = ''] = fence[0].exec(reader.lines[reader.at]!.trim()) ?? [];
  const close = new RegExp(`^(.*)\\{${name}\\}$`);
  const body = [first];
  for (reader.at += 1; reader.at < reader.lines.length && !close.test(reader.lines[reader.at]!.trim()); reader.at += 1) body.push(reader.lines[reader.at]!);
  body.push(close.exec(reader.lines[reader.at]?.trim() ?? '')?.[1] ?? '');
  if (fence[1] === 'codeBlock') return { type: 'codeBlock', content: [{ type: 'text', text: body.filter((l) => l !== '').join('\n') }] };
  return { type: fence[1], content: nested(reader, body) };
};

/** One table row, which runs on over the next lines until its closing bar (a list in a cell does). */
const tableRow = (reader: Reader): Node => {
  let row = reader.lines[reader.at]!.trim();
  while (!/[^\\]\|$/.test(row) && reader.at + 1 < reader.lines.length) row += `\n${reader.lines[(reader.at += 1)]!}`;
  return { type: 'tableRow', content: cellsOf(row).map((cell) => ({ type: cell.header ? 'tableHeader' : 'tableCell', content: nested(reader, cell.body.split('\n')) })) };
};

/** Consecutive list lines as one list; a task marker (`[x]`) has no certain ADF counterpart. */
const listBlock = (reader: Reader): Node => {
  const items: Array<{ marker: string; node: Node }> = [];
  for (let item = LIST_ITEM.exec(reader.lines[reader.at]!.trim()); item !== null; item = LIST_ITEM.exec(reader.lines[reader.at + 1]?.trim() ?? '')) {
    if (items.length > 0) reader.at += 1;
    if (/^\[[ x]?\]/i.test(item[2]!)) reader.exact = false;
    items.push({ marker: item[1]!.replace(/-/g, '*'), node: paragraphOf(reader, item[2]!) });
  }
  return listOf(items, 0);
};

const lineBlock = (reader: Reader, line: string): Node | null => {
  if (line === '----') return { type: 'rule' };
  if (/^h[1-6]\.\s/.test(line)) return { ...paragraphOf(reader, line.slice(4)), type: 'heading' };
  if (line.startsWith('bq. ')) return { type: 'blockquote', content: [paragraphOf(reader, line.slice(4))] };
  return line === '' ? null : paragraphOf(reader, line);
};

/** Lines of wiki markup as ADF blocks, the way Jira's converter writes them from ADF. */
const parse = (lines: ReadonlyArray<string>, names: AccountNames): Parsed => {
  const reader: Reader = { lines, names, at: 0, exact: true };
  const blocks: Node[] = [];
  for (; reader.at < lines.length; reader.at += 1) {
    const line = lines[reader.at]!.trim();
    const fence = FENCES.find(([pattern]) => pattern.test(line));
    const last = blocks.at(-1);
    if (fence !== undefined) blocks.push(fencedBlock(reader, fence));
    else if (line.startsWith('|') && last?.type === 'table') (last.content as Node[]).push(tableRow(reader));
    else if (line.startsWith('|')) blocks.push({ type: 'table', content: [tableRow(reader)] });
    else if (LIST_ITEM.test(line) && line !== '----') blocks.push(listBlock(reader));
    else {
      const block = lineBlock(reader, line);
      if (block !== null) blocks.push(block);
    }
  }
  return { blocks, exact: reader.exact };
};

/**
 * Jira wiki markup rendered to the text `adfToText` gives the ADF it was converted from: webhooks
 * carry REST v2's wiki markup while search gives ADF, and one issue version must read the same
 * either way. Mentions take the display names known (`names`); `exact` is false when the markup
 * holds something whose ADF text cannot be known from it (an unknown mention, an image, an emoticon,
 * an unfamiliar macro), so the caller can read the issue from REST v3 instead.
 */
export const wikiToText = (wiki: string, names: AccountNames): WikiText => {
  const { blocks, exact } = parse(wiki.replace(/\\\\/g, '\n').split(/\r?\n/), names);
  return { text: adfToText({ type: 'doc', content: blocks }, names), exact };
};
