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
    expect(adfToText(document)).to.equal(['Steps', 'Ask @Mia then', 'retry', '3. open', '4. pay', '   - card', '---', 'exit 1', '😄https://x.test/1', 'a | b'].join('\n'));
  });

  it('skips malformed nodes instead of failing the issue', () => {
    expect(adfToText(doc(null, 42, { text: 'no type' }, paragraph(text('kept'), { type: 'text' }), { type: 'panel', content: 'oops' }))).to.equal('kept');
    expect(adfToText('not a node')).to.equal('');
  });
});
