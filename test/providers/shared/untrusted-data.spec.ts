import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { JiraIssueCodec, toSourceIssue as jiraIssue } from '../../../adapters/providers/jira/index.js';
import { ServiceNowRecordCodec, toSourceIssue as serviceNowIssue } from '../../../adapters/providers/servicenow/index.js';
import { TicketCodec, toSourceIssue as connectWiseIssue } from '../../../adapters/providers/connectwise/index.js';
import { dataNotes, storableIssue } from '../../../adapters/providers/shared/untrusted-data.js';
import { isStorableJson, isStorableText, type SourceIssue } from '../../../core/index.js';
import { anIssue } from '../../builders/source-issue-builder.js';
import { recordedFixture } from '../../fixtures/recorded.js';

const right = <A>(either: E.Either<unknown, A>): A => (E.isRight(either) ? either.right : expect.fail(`did not decode: ${JSON.stringify(either.left)}`));
const HALF = '\ud83d';
const REPAIRED = 'held NUL characters or unpaired UTF-16 surrogates: NUL dropped, each surrogate replaced with U+FFFD';

/** Every string of the item, sourceData included, is text PostgreSQL takes. */
const expectStorable = (issue: SourceIssue) => {
  for (const [field, value] of Object.entries(issue)) if (typeof value === 'string') expect(isStorableText(value), field).to.equal(true);
  expect(isStorableJson(issue.sourceData)).to.equal(true);
};

describe('Untrusted tracker data, made storable by every provider', () => {
  it('repairs text: NUL dropped, lone surrogates replaced, a pair left whole, keys of sourceData too, each field noted once', () => {
    const issue = storableIssue(() =>
      anIssue(1, { title: `cut ${HALF} here and \u{1F600} kept`, description: 'a\u0000b', sourceData: { [`k${HALF}`]: ['x\udc00y'], fine: 1 } }),
    );
    expect(issue).to.deep.include({ title: 'cut \uFFFD here and \u{1F600} kept', description: 'ab', sourceData: { 'k\uFFFD': ['x\uFFFDy'], fine: 1 } });
    expect(issue.dataNotes).to.deep.equal([
      { field: 'title', note: REPAIRED, value: null },
      { field: 'description', note: REPAIRED, value: null },
      { field: 'sourceData', note: REPAIRED, value: null },
    ]);
    expectStorable(issue);
  });

  it('leaves an ordinary item as it is, without notes', () => {
    const ordinary = anIssue(2);
    expect(storableIssue(() => ordinary)).to.equal(ordinary);
  });

  it('keeps real days and instants; an impossible or unholdable one is null with a note showing what was sent', () => {
    const notes = dataNotes();
    const parse = (text: string) => (Number.isNaN(Date.parse(text)) ? null : new Date(text));
    expect(notes.day('dueDate', '2024-02-29')).to.equal('2024-02-29');
    expect(notes.day('dueDate', '2026-03-01T10:00:00Z')).to.equal('2026-03-01');
    expect(notes.day('dueDate', '')).to.equal(null);
    expect(notes.day('dueDate', '2026-02-30')).to.equal(null);
    expect(notes.day('dueDate', '0000-01-01')).to.equal(null);
    expect(notes.day('dueDate', 'soon')).to.equal(null);
    expect(notes.instant('externalCreatedAt', '2026-01-31T23:59:59Z', parse)).to.deep.equal(new Date('2026-01-31T23:59:59Z'));
    expect(notes.instant('externalCreatedAt', '2025-02-29T10:00:00Z', parse)).to.equal(null);
    expect(notes.instant('externalCreatedAt', '0000-06-01T00:00:00Z', parse)).to.equal(null);
    expect(notes.instant('externalCreatedAt', 'yesterday', parse)).to.equal(null);
    expect(notes.list()).to.deep.equal([
      { field: 'dueDate', note: 'not a calendar date from the year 1 to 9999; kept as null', value: '2026-02-30' },
      { field: 'dueDate', note: 'not a calendar date from the year 1 to 9999; kept as null', value: '0000-01-01' },
      { field: 'dueDate', note: 'not a calendar date from the year 1 to 9999; kept as null', value: 'soon' },
      { field: 'externalCreatedAt', note: 'names a day its month does not have; kept as null', value: '2025-02-29T10:00:00Z' },
      { field: 'externalCreatedAt', note: 'not a date-time from the year 1 to 9999; kept as null', value: '0000-06-01T00:00:00Z' },
      { field: 'externalCreatedAt', note: 'not a date-time; kept as null', value: 'yesterday' },
    ]);
  });

  it('Jira: a lone surrogate in the summary, due date 2026-02-30 and a creation in year 0 decode to a storable issue with notes', () => {
    const raw = {
      id: '10001',
      key: 'OPS-1',
      fields: { summary: `Broken ${HALF} paste`, updated: '2026-02-01T10:00:00.000+0000', created: '0000-01-01T00:00:00.000+0000', duedate: '2026-02-30', labels: [`l${HALF}`] },
    };
    const issue = jiraIssue('https://acme.atlassian.net')(right(JiraIssueCodec.decode(raw)));
    expect(issue).to.deep.include({ title: 'Broken \uFFFD paste', dueDate: null, createdAt: null, updatedAt: new Date('2026-02-01T10:00:00.000Z') });
    expect(issue.dataNotes?.map((n) => [n.field, n.value])).to.deep.equal([
      ['dueDate', '2026-02-30'],
      ['externalCreatedAt', '0000-01-01T00:00:00.000+0000'],
      ['title', null],
      ['sourceData', null],
    ]);
    expectStorable(issue);
  });

  it('ServiceNow: an impossible due date and a creation in year 0 are null with notes; the description is repaired', () => {
    const [record] = (recordedFixture('servicenow', 'incident-list.assembled-from-docs.json') as { result: Array<Record<string, unknown>> }).result;
    const odd = { ...record, due_date: '2026-02-30 10:00:00', sys_created_on: '0000-01-01 00:00:00', description: `half ${HALF}\u0000` };
    const issue = serviceNowIssue('https://instance.service-now.com', 'incident', right(ServiceNowRecordCodec.decode(odd)), { assigneeEmail: null, groupName: null });
    expect(issue).to.deep.include({ dueDate: null, createdAt: null, description: 'half \uFFFD' });
    expect(issue.sourceData).to.include({ dueAt: null });
    expect(issue.dataNotes?.map((n) => [n.field, n.value])).to.deep.equal([
      ['dueDate', '2026-02-30 10:00:00'],
      ['externalCreatedAt', '0000-01-01 00:00:00'],
      ['description', null],
    ]);
    expectStorable(issue);
  });

  it('ConnectWise: an impossible required date and an unreadable entry date are null with notes; the summary is repaired', () => {
    const [ticket] = JSON.parse(readFileSync(new URL('../../fixtures/connectwise/service-tickets-list.json', import.meta.url), 'utf8')) as Array<Record<string, unknown>>;
    const odd = { ...ticket, summary: `NUL\u0000${HALF}`, requiredDate: '2026-02-30T00:00:00Z', _info: { ...(ticket!._info as object), dateEntered: 'never' } };
    const context = { kind: 'service' as const, boardStatuses: [], ownerEmail: null, prioritySort: null, ticketUrl: (id: number) => `https://na.myconnectwise.net/t/${id}` };
    const issue = connectWiseIssue(context)(right(TicketCodec.decode(odd)));
    expect(issue).to.deep.include({ title: 'NUL\uFFFD', dueDate: null, createdAt: null });
    expect(issue.dataNotes?.map((n) => [n.field, n.value])).to.deep.equal([
      ['dueDate', '2026-02-30T00:00:00Z'],
      ['externalCreatedAt', 'never'],
      ['title', null],
    ]);
    expectStorable(issue);
  });
});
