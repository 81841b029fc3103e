import { expect } from 'chai';
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { jiraWebhooks } from '../../../adapters/providers/jira/index.js';
import { jiraIssueWebhook } from '../../builders/jira-webhook-builder.js';
import { jiraFixture } from './recorded-fixtures.js';

const decoder = jiraWebhooks();
const SITE = { baseUrl: 'https://zulipp.atlassian.net', site: 'zulipp.atlassian.net', settings: {} };
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const capture = () => jiraFixture('webhook-issue-updated-status.json') as { timestamp: number; issue: { fields: Record<string, unknown> } };
const decode = (body: unknown, headers: Record<string, string> = { 'x-atlassian-webhook-identifier': 'd-1' }) => decoder.decode(bytes(body), headers, SITE);
const right = <A>(e: E.Either<unknown, A>): A => (E.isRight(e) ? e.right : expect.fail(`expected Right, got ${JSON.stringify(e.left)}`));

describe('Jira webhook decoder', () => {
  it('reads the real capture as an upsert of its issue (REST v2 shape, wiki-text description)', () => {
    const { deliveryId, event } = right(decode(capture()));
    expect(deliveryId).to.equal('d-1');
    if (event.kind !== 'upsert') return expect.fail(`expected an upsert, got ${event.kind}`);
    expect(event.issue).to.deep.include({
      externalId: '10000',
      key: 'TEST-1',
      url: 'https://zulipp.atlassian.net/browse/TEST-1',
      title: 'Fix That',
      description: 'Fix That',
      rawStatus: 'In Progress',
      statusCategory: 'indeterminate',
      projectKey: 'ABC',
      updatedAt: new Date('2017-01-30T17:32:14.716Z'),
    });
  });

  it('falls back to the delivery timestamp as the version when the issue carries no updated time', () => {
    const trimmed = capture();
    delete trimmed.issue.fields.updated;
    const { event } = right(decode(trimmed));
    expect(event.kind === 'upsert' && event.issue.updatedAt).to.deep.equal(new Date(trimmed.timestamp));
  });

  it('reads a deletion as the issue id and the delivery time, and other events as ignored', () => {
    const version = { id: '10001', key: 'PROJ-1', summary: 'Gone', updated: '2026-01-01T09:00:00.000Z' };
    const deleted = { ...jiraIssueWebhook('jira:issue_deleted', version), timestamp: Date.parse('2026-01-01T10:00:00Z') };
    expect(right(decode(deleted)).event).to.deep.equal({ kind: 'delete', externalId: '10001', occurredAt: new Date('2026-01-01T10:00:00Z') });
    const { timestamp: _t, ...untimed } = deleted;
    expect(right(decode(untimed)).event).to.deep.include({ occurredAt: new Date('2026-01-01T09:00:00Z') });
    for (const name of ['comment_created', 'worklog_updated', 'jira:version_released', 'sprint_started']) {
      expect(right(decode({ webhookEvent: name, timestamp: 1 })).event).to.deep.equal({ kind: 'ignored', name });
    }
  });

  // Webhooks carry REST v2 wiki markup where search gives ADF (OSBot-Jira's and Zulip's deliveries).
  it('renders a wiki description to the text search gives, naming mentions of the people the issue names', () => {
    const body = jiraIssueWebhook('jira:issue_updated', {
      id: '10002',
      key: 'PROJ-2',
      summary: 'Wiki',
      updated: '2026-01-01T09:00:00.000Z',
      assignee: { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Ada Lovelace' },
      description: 'h2. Why\nAsk [~accountid:5b10ac8d82e05b22cc7d4ef5] about *this*:\n{code:java}\nthrow e;\n{code}',
    });
    const { event } = right(decode(body));
    expect(event.kind === 'upsert' && event.issue.description).to.equal('Why\nAsk @Ada Lovelace about this:\nthrow e;');
  });

  it('asks for the issue to be read back when the wiki cannot say what the ADF does, or the connection has a JQL filter', () => {
    const wiki = (description: string) => jiraIssueWebhook('jira:issue_updated', { id: '10003', key: 'PROJ-3', summary: 'Read back', updated: '2026-01-01T09:00:00.000Z', description });
    expect(right(decode(wiki('cc [~accountid:712020:unknown]'))).event).to.deep.equal({ kind: 'refetch', externalId: '10003' });
    expect(right(decode(wiki('!screenshot.png|thumbnail!'))).event).to.deep.equal({ kind: 'refetch', externalId: '10003' });
    const filtered = decoder.decode(bytes(wiki('plain')), { 'x-atlassian-webhook-identifier': 'd-2' }, { ...SITE, settings: { jqlFilter: 'project = PROJ' } });
    expect(E.isRight(filtered) && filtered.right.event).to.deep.equal({ kind: 'refetch', externalId: '10003' });
    expect(right(decode(wiki('plain'))).event.kind).to.equal('upsert');
  });

  it('keys a delivery without an identifier by a SHA-256 of its bytes', () => {
    const body = capture();
    const { deliveryId } = right(decoder.decode(bytes(body), {}, SITE));
    expect(deliveryId).to.equal(`sha256:${createHash('sha256').update(bytes(body)).digest('hex')}`);
  });

  it('refuses what is not a readable delivery, naming the problem', () => {
    const problems: Array<[unknown, Record<string, string> | undefined, RegExp]> = [
      ['{"webhookEvent":', undefined, /not JSON/],
      [Buffer.from([0x7b, 0xff, 0x7d]), undefined, /not JSON/],
      [[1, 2], undefined, /webhook body/],
      [{ timestamp: 1 }, undefined, /webhookEvent/],
      [{ webhookEvent: 'jira:issue_updated', issue: { id: '1', key: 'A-1', fields: {} } }, undefined, /summary/],
      [{ webhookEvent: 'jira:issue_deleted' }, undefined, /issue/],
      [capture(), { 'x-atlassian-webhook-identifier': 'x'.repeat(201) }, /Identifier/],
    ];
    for (const [body, headers, message] of problems) {
      const decoded = Buffer.isBuffer(body) ? decoder.decode(body, {}, SITE) : decode(body, headers);
      expect(decoded, String(message)).to.satisfy(E.isLeft);
      if (E.isLeft(decoded)) expect(decoded.left).to.include({ _tag: 'WebhookPayloadInvalid' }).and.have.property('message').that.matches(message);
    }
  });
});
