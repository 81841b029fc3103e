import type { AdfDocument, SimUser } from './model.js';
import type { Random } from './prng.js';

const text = (value: string, marks?: ReadonlyArray<unknown>) => ({ type: 'text', text: value, ...(marks === undefined ? {} : { marks }) });
const paragraph = (...content: ReadonlyArray<unknown>) => ({ type: 'paragraph', content });
const mention = (user: SimUser, withText = true) => ({ type: 'mention', attrs: { id: user.accountId, ...(withText ? { text: `@${user.displayName}` } : {}), accessLevel: '' } });
const link = (label: string, href: string) => text(label, [{ type: 'link', attrs: { href } }]);
const listItem = (...content: ReadonlyArray<unknown>) => ({ type: 'listItem', content });
const cell = (type: 'tableHeader' | 'tableCell', ...content: ReadonlyArray<unknown>) => ({ type, attrs: {}, content });

/**
 * A description written in Jira's new editor, in the shape REST v3 answers it, with every node a
 * description can lose in a careless flattening: a mention (and one without its text), a link, a
 * smart link, code, a table with a list in a cell, an expand, a task list, a decision, a date, an
 * image and an attachment. The seed picks who is mentioned and the numbers.
 */
export const richDescription = (random: Random, users: ReadonlyArray<SimUser>): AdfDocument => {
  const [reporter, helper] = [random.pick(users), random.pick(users)];
  const incident = random.int(100, 999);
  const day = Date.UTC(2026, 0, random.int(2, 28));
  const uuid = () => `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-8${random.hex(3)}-${random.hex(12)}`;
  return {
    type: 'doc',
    version: 1,
    content: [
      paragraph(text('Reported by '), mention(reporter), text(', see the '), link('runbook', 'https://wiki.example.com/runbooks/checkout'), text(' and '), { type: 'inlineCard', attrs: { url: `https://status.example.com/incidents/${incident}` } }),
      { type: 'codeBlock', attrs: { language: 'bash' }, content: [text(`curl -s https://api.example.com/health\nexit ${random.int(1, 3)}`)] },
      {
        type: 'table',
        attrs: { isNumberColumnEnabled: false, layout: 'default' },
        content: [
          { type: 'tableRow', content: [cell('tableHeader', paragraph(text('Region'))), cell('tableHeader', paragraph(text('Symptoms')))] },
          {
            type: 'tableRow',
            content: [
              cell('tableCell', paragraph(text('EU'))),
              cell('tableCell', { type: 'bulletList', content: [listItem(paragraph(text('timeouts'))), listItem(paragraph(text(`${random.int(2, 9)}% errors`)))] }),
            ],
          },
        ],
      },
      { type: 'expand', attrs: { title: 'Logs' }, content: [paragraph(text(`ERROR upstream closed after ${random.int(10, 60)} s`))] },
      {
        type: 'taskList',
        attrs: { localId: uuid() },
        content: [
          { type: 'taskItem', attrs: { localId: uuid(), state: 'DONE' }, content: [text('Reproduce')] },
          { type: 'taskItem', attrs: { localId: uuid(), state: 'TODO' }, content: [text('Fix and deploy')] },
        ],
      },
      { type: 'decisionList', attrs: { localId: uuid() }, content: [{ type: 'decisionItem', attrs: { localId: uuid(), state: 'DECIDED' }, content: [text('Roll back first')] }] },
      paragraph(text('Due '), { type: 'date', attrs: { timestamp: String(day) } }, text(', ask '), mention(helper, false)),
      { type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { id: uuid(), type: 'file', collection: '', alt: 'screenshot.png', width: 1280, height: 720 } }] },
      { type: 'mediaGroup', content: [{ type: 'media', attrs: { id: uuid(), type: 'file', collection: '', alt: 'har-export.har' } }] },
    ],
  };
};
