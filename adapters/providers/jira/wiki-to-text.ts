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

/** Lines of wiki markup as ADF blocks, the way Jira's converter writes them from ADF. */
const parse = (lines: ReadonlyArray<string>, names: AccountNames): Parsed => {
  const blocks: Node[] = [];
  let exact = true;
  const inline = (line: string) => {
    const result = wikiInline(line, names);
    exact &&= result.exact;
    return { type: 'paragraph', content: result.nodes };
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    const fence = FENCES.find(([pattern]) => pattern.test(line));
    if (fence !== undefined) {
      const [, name = '', first = ''] = fence[0].exec(line) ?? [];
      const body = [first];
      const close = new RegExp(`^(.*)\\{${name}\\}$`);
      for (i += 1; i < lines.length && !close.test(lines[i]!.trim()); i += 1) body.push(lines[i]!);
      body.push(close.exec(lines[i]?.trim() ?? '')?.[1] ?? '');
      if (fence[1] === 'codeBlock') blocks.push({ type: 'codeBlock', content: [{ type: 'text', text: body.filter((l) => l !== '').join('\n') }] });
      else {
        const inner = parse(body, names);
        exact &&= inner.exact;
        blocks.push({ type: fence[1], content: inner.blocks });
      }
      continue;
    }
    if (line.startsWith('|')) {
      let row = line;
      while (!/[^\\]\|$/.test(row) && i + 1 < lines.length) row += `\n${lines[(i += 1)]!}`;
      const cells = cellsOf(row).map((cell) => {
        const inner = parse(cell.body.split('\n'), names);
        exact &&= inner.exact;
        return { type: cell.header ? 'tableHeader' : 'tableCell', content: inner.blocks };
      });
      const last = blocks.at(-1);
      if (last?.type === 'table') (last.content as Node[]).push({ type: 'tableRow', content: cells });
      else blocks.push({ type: 'table', content: [{ type: 'tableRow', content: cells }] });
      continue;
    }
    const item = /^([*#-]+)\s+(.*)$/.exec(line);
    if (item !== null && line !== '----') {
      const items: Array<{ marker: string; node: Node }> = [];
      for (let next: RegExpExecArray | null = item; next !== null; next = /^([*#-]+)\s+(.*)$/.exec(lines[i + 1]?.trim() ?? '')) {
        if (items.length > 0) i += 1;
        if (/^\[[ x]?\]/i.test(next[2]!)) exact = false;
        items.push({ marker: next[1]!.replace(/-/g, '*'), node: inline(next[2]!) });
      }
      blocks.push(listOf(items, 0));
      continue;
    }
    if (line === '----') blocks.push({ type: 'rule' });
    else if (/^h[1-6]\.\s/.test(line)) blocks.push({ ...inline(line.slice(4)), type: 'heading' });
    else if (line.startsWith('bq. ')) blocks.push({ type: 'blockquote', content: [inline(line.slice(4))] });
    else if (line !== '') blocks.push(inline(line));
  }
  return { blocks, exact };
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
