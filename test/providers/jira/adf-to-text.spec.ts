import { expect } from 'chai';
import { adfToText } from '../../../adapters/providers/jira/index.js';
import { jiraFixture } from './recorded-fixtures.js';

const text = (t: string, marks?: unknown) => ({ type: 'text', text: t, ...(marks === undefined ? {} : { marks }) });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });

describe('adfToText', () => {
  it('flattens the recorded create-issue description', () => {
    const request = jiraFixture('create-issue-request.openapi-example.json') as { fields: { description: unknown; environment: unknown } };
    expect(adfToText(request.fields.description)).to.equal('Order entry fails when selecting supplier.');
    expect(adfToText(request.fields.environment)).to.equal('UAT');
  });

  it('keeps one line per block, list markers, breaks and inline nodes', () => {
    const document = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Steps')] },
      paragraph(text('Ask '), { type: 'mention', attrs: { id: 'abc', text: '@Mia' } }, text(' then'), { type: 'hardBreak' }, text('retry', [{ type: 'strong' }])),
      {
        type: 'orderedList',
        attrs: { order: 3 },
        content: [
          { type: 'listItem', content: [paragraph(text('open'))] },
          { type: 'listItem', content: [paragraph(text('pay')), { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('card'))] }] }] },
        ],
      },
      { type: 'rule' },
      { type: 'codeBlock', content: [text('exit 1')] },
      paragraph({ type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } }, { type: 'inlineCard', attrs: { url: 'https://x.test/1' } }),
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('a'))] }, { type: 'tableCell', content: [paragraph(text('b'))] }] }] },
      { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'x' } }] },
    );
    expect(adfToText(document)).to.equal(['Steps', 'Ask @Mia then', 'retry', '3. open', '4. pay', '   - card', '---', 'exit 1', '😄 https://x.test/1', 'a | b', '[image]'].join('\n'));
  });

  // What the editor writes, in the shapes of real REST v3 descriptions (adf-tools and jira-cli's ADF
  // fixtures): none of it may vanish from the text.
  it('keeps link targets, smart links apart from words, mentions without text, and dates in seconds or milliseconds', () => {
    const link = (t: string, href: string) => text(t, [{ type: 'link', attrs: { href } }]);
    const names = new Map([['5b10ac8d82e05b22cc7d4ef5', 'Ada Lovelace']]);
    const document = doc(
      paragraph(text('See the '), link('run', 'https://wiki.example.com/rb'), link('book', 'https://wiki.example.com/rb'), text(' or '), link('https://example.com/x', 'https://example.com/x'), text('.')),
      paragraph(text('Status:'), { type: 'inlineCard', attrs: { url: 'https://status.example.com/i/1' } }, text('now')),
      paragraph({ type: 'mention', attrs: { id: '5b10ac8d82e05b22cc7d4ef5' } }, text(' and '), { type: 'mention', attrs: { id: '712020:unknown', text: '' } }, text(' and '), { type: 'mention', attrs: { id: 'x', text: 'Grace' } }),
      paragraph(text('due '), { type: 'date', attrs: { timestamp: '1582152559000' } }, text(' or '), { type: 'date', attrs: { timestamp: 1582152559 } }),
    );
    expect(adfToText(document, names)).to.equal(
      ['See the runbook (https://wiki.example.com/rb) or https://example.com/x.', 'Status: https://status.example.com/i/1 now', '@Ada Lovelace and @712020:unknown and @Grace', 'due 2020-02-19 or 2020-02-19'].join('\n'),
    );
  });

  it('keeps expand titles, task and decision items, lists inside table cells, and images and attachments as placeholders', () => {
    const item = (...content: unknown[]) => ({ type: 'listItem', content });
    const document = doc(
      { type: 'expand', attrs: { title: 'Logs' }, content: [paragraph(text('ERROR upstream'))] },
      {
        type: 'taskList',
        attrs: { localId: 't' },
        content: [
          { type: 'taskItem', attrs: { localId: 'a', state: 'DONE' }, content: [text('Reproduce')] },
          { type: 'taskItem', attrs: { localId: 'b', state: 'TODO' }, content: [text('Fix')] },
        ],
      },
      { type: 'decisionList', attrs: { localId: 'd' }, content: [{ type: 'decisionItem', attrs: { localId: 'e', state: 'DECIDED' }, content: [text('Roll back')] }] },
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', content: [paragraph(text('Region'))] }, { type: 'tableHeader', content: [paragraph(text('Symptoms'))] }] },
          { type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text('EU'))] }, { type: 'tableCell', content: [{ type: 'bulletList', content: [item(paragraph(text('timeouts'))), item(paragraph(text('5% errors')))] }] }] },
        ],
      },
      { type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { id: 'f1', type: 'file', collection: '', alt: 'screenshot.png', width: 1280, height: 720 } }] },
      { type: 'mediaGroup', content: [{ type: 'media', attrs: { id: 'f2', type: 'file', collection: '' } }] },
      { type: 'blockquote', content: [paragraph(text('quoted'))] },
    );
    expect(adfToText(document)).to.equal(
      ['Logs', 'ERROR upstream', '[x] Reproduce', '[ ] Fix', 'Decision: Roll back', 'Region | Symptoms', 'EU | - timeouts; - 5% errors', '[image: screenshot.png]', '[attachment]', '> quoted'].join('\n'),
    );
  });

  it('keeps a description that is only an attachment, instead of leaving it empty', () => {
    expect(adfToText(doc({ type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'f', type: 'file', collection: '', alt: 'design.pdf' } }] }))).to.equal('[image: design.pdf]');
  });

  it('skips malformed nodes instead of failing the issue', () => {
    expect(adfToText(doc(null, 42, { text: 'no type' }, paragraph(text('kept'), { type: 'text' }), { type: 'panel', content: 'oops' }))).to.equal('kept');
    expect(adfToText('not a node')).to.equal('');
  });
});
