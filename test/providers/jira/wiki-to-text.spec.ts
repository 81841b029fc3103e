import { expect } from 'chai';
import { adfToText, wikiToText } from '../../../adapters/providers/jira/index.js';

const text = (t: string, marks?: unknown) => ({ type: 'text', text: t, ...(marks === undefined ? {} : { marks }) });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const item = (...content: unknown[]) => ({ type: 'listItem', content });
const ADA = '5b10ac8d82e05b22cc7d4ef5';
const names = new Map([[ADA, 'Ada Lovelace']]);

// Search (REST v3) gives a description as ADF; webhooks carry REST v2's wiki markup (the Zulip
// capture's "Fix That"; `[~accountid:…]`, `*bold*` and `{code}` in OSBot-Jira's deliveries). Each
// pair is one description in both forms, as Jira converts ADF to wiki markup; both must read alike.
describe('wikiToText: the text of a webhook description is the text of the same ADF', () => {
  const same = (adf: unknown, wiki: string) => {
    const fromWiki = wikiToText(wiki, names);
    expect(fromWiki.text).to.equal(adfToText(adf, names));
    expect(fromWiki.exact, 'nothing uncertain in it').to.equal(true);
    return fromWiki.text;
  };

  it('reads headings, text effects, lists and nested lists alike', () => {
    const adf = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Steps')] },
      paragraph(text('Open the '), text('login', [{ type: 'strong' }]), text(' page, '), text('quickly', [{ type: 'em' }]), text(' via e-mail')),
      { type: 'bulletList', content: [item(paragraph(text('wait')), { type: 'orderedList', content: [item(paragraph(text('retry', [{ type: 'code' }])))] }), item(paragraph(text('give up')))] },
    );
    expect(same(adf, 'h2. Steps\n\nOpen the *login* page, _quickly_ via e-mail\n\n* wait\n*# {{retry}}\n* give up')).to.equal('Steps\nOpen the login page, quickly via e-mail\n- wait\n  1. retry\n- give up');
  });

  it('reads known mentions, links, smart links, code and tables with lists in cells alike', () => {
    const link = (t: string, href: string) => text(t, [{ type: 'link', attrs: { href } }]);
    const adf = doc(
      paragraph(text('Reported by '), { type: 'mention', attrs: { id: ADA, text: '@Ada Lovelace', accessLevel: '' } }, text(', see the '), link('runbook', 'https://wiki.example.com/rb'), text(' and '), { type: 'inlineCard', attrs: { url: 'https://status.example.com/i/7' } }),
      { type: 'codeBlock', attrs: { language: 'bash' }, content: [text('curl -s https://api.example.com/health\nexit 1')] },
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', content: [paragraph(text('Region'))] }, { type: 'tableHeader', content: [paragraph(text('Symptoms'))] }] },
          { type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('EU'))] }, { type: 'tableCell', content: [{ type: 'bulletList', content: [item(paragraph(text('timeouts'))), item(paragraph(link('5% errors', 'https://grafana.example.com/d/1')))] }] }] },
        ],
      },
      { type: 'blockquote', content: [paragraph(text('as seen'))] },
      { type: 'rule' },
    );
    const wiki = [
      'Reported by [~accountid:5b10ac8d82e05b22cc7d4ef5], see the [runbook|https://wiki.example.com/rb] and [https://status.example.com/i/7|https://status.example.com/i/7|smart-link]',
      '{code:bash}',
      'curl -s https://api.example.com/health',
      'exit 1',
      '{code}',
      '||Region||Symptoms||',
      '|EU|* timeouts',
      '* [5% errors|https://grafana.example.com/d/1]|',
      '{quote}',
      'as seen',
      '{quote}',
      '----',
    ].join('\n');
    expect(same(adf, wiki)).to.include('@Ada Lovelace').and.include('EU | - timeouts; - 5% errors (https://grafana.example.com/d/1)');
  });

  it('drops text effects, colours and escapes as the ADF has none of them', () => {
    expect(wikiToText('-gone- +under+ ^sup^ ~sub~ ??cite?? {color:#ff0000}red{color} \\*literal\\* [docs|https://x.test] line\\\\next', names)).to.deep.equal({
      text: 'gone under sup sub cite red *literal* docs (https://x.test) line\nnext',
      exact: true,
    });
  });

  it('says when the wiki markup cannot tell what the ADF says: an unknown mention, an image, an attachment, an emoticon, a task, an unfamiliar macro', () => {
    for (const wiki of ['cc [~accountid:712020:someone-else]', '!screenshot.png|thumbnail!', 'see [^har-export.har]', 'works (y)', 'done :smile:', '* [x] Reproduce', '{expand:Logs}\nERROR\n{expand}', '{status:colour=Green|title=DONE}']) {
      expect(wikiToText(wiki, names).exact, wiki).to.equal(false);
    }
  });
});
