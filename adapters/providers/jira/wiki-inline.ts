import type { AccountNames } from './adf-nodes.js';

/** ADF inline nodes built from wiki markup, and whether they say exactly what the ADF Jira converted them from would. */
export interface InlineResult {
  readonly nodes: ReadonlyArray<Record<string, unknown>>;
  readonly exact: boolean;
}

const text = (value: string, href?: string) => ({ type: 'text', text: value, ...(href === undefined ? {} : { marks: [{ type: 'link', attrs: { href } }] }) });

// Each effect opens at a word start and closes at a word end, so "e-mail" keeps its hyphen.
const EFFECTS = ['\\*', '_', '-', '\\+', '\\^', '~', '\\?\\?'].map((m) => new RegExp(`(^|[\\s(\\[])${m}(\\S(?:.*?\\S)?)${m}(?=$|[\\s).,;:!?\\]])`, 'g'));

const plain = (segment: string): string => {
  let out = segment.replace(/\{\{(.+?)\}\}/g, '$1').replace(/\{color(?::[^}]*)?\}/g, '');
  for (let pass = 0; pass < 3; pass += 1) out = EFFECTS.reduce((s, effect) => s.replace(effect, '$1$2'), out);
  return out.replace(/\\(.)/g, '$1');
};

/**
 * What wiki markup can say that its conversion from ADF cannot be trusted to say alike (images and
 * attachments, emoticons, macros other than code, quote, panel and colour): such a description is
 * read from REST v3 instead.
 */
const UNCERTAIN = [/![^\s!][^!]*!/, /\[\^[^\]]+\]/, /(^|\s)(:\)|:\(|:P|:D|;\)|\((y|n|i|\/|x|!|\+|-|\?|on|off|\*[rgby]?|flag|flagoff)\))(?=\s|$)/i, /:[a-z0-9_+-]+:/i, /\{(?!\{|\}|color[:}])[a-z]+[:}]/i];

const LINK = /\[(?:([^|\]]*)\|)?([^|\]]+)(?:\|(smart-link|smart-card|smart-embed))?\]/g;

/** One line of wiki markup as inline nodes: mentions, links and smart links resolved, text effects dropped. */
export const wikiInline = (line: string, names: AccountNames): InlineResult => {
  const nodes: Array<Record<string, unknown>> = [];
  const outsideMonospace = line.replace(/\{\{.*?\}\}/g, '');
  let exact = !UNCERTAIN.some((pattern) => pattern.test(outsideMonospace));
  let at = 0;
  const pushText = (segment: string) => void (segment !== '' && nodes.push(text(plain(segment))));
  for (const match of line.matchAll(LINK)) {
    if (match.index > 0 && line[match.index - 1] === '\\') continue;
    pushText(line.slice(at, match.index));
    at = match.index + match[0].length;
    const [, label, target = '', smart] = match;
    const mentioned = /^~accountid:(.+)$/i.exec(target.trim())?.[1];
    if (mentioned !== undefined) {
      const name = names.get(mentioned);
      if (name === undefined) exact = false;
      nodes.push({ type: 'mention', attrs: { id: mentioned, ...(name === undefined ? {} : { text: `@${name}` }) } });
    } else if (target.startsWith('~')) {
      exact = false;
      nodes.push(text(target.slice(1)));
    } else if (smart !== undefined) nodes.push({ type: 'inlineCard', attrs: { url: target.trim() } });
    else nodes.push(text(plain(label ?? target.trim()), target.trim()));
  }
  pushText(line.slice(at));
  return { nodes, exact };
};
