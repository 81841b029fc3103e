import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { jiraWebhooks } from '../../../adapters/providers/jira/index.js';
import type { WebhookEnvelope } from '../../../core/index.js';
import { jiraFixture } from './recorded-fixtures.js';

const handler = jiraWebhooks();
const SITE = { baseUrl: 'https://zulipp.atlassian.net', site: 'zulipp.atlassian.net', settings: {} };
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const capture = () => jiraFixture('webhook-issue-updated-status.json') as Record<string, unknown>;

/** What the full decoder says of a delivery, as an envelope: what `identify` must answer alike. */
const fromDecode = (body: Buffer, headers: Record<string, string>): E.Either<string, WebhookEnvelope> =>
  E.bimap(
    (error: { _tag: string }) => error._tag,
    ({ deliveryId, event }: { deliveryId: string; event: { kind: string; name?: string } }) => ({ deliveryId, ignored: event.kind === 'ignored' ? event.name! : null }),
  )(handler.decode(body, headers, SITE));
const identify = (body: Buffer, headers: Record<string, string>) => E.mapLeft((error: { _tag: string }) => error._tag)(handler.identify!(body, headers, SITE));

describe('Jira webhook envelope (what the answer reads)', () => {
  it('answers what the full decoder would of every readable delivery: its identifier, and whether it is used', () => {
    const id = { 'x-atlassian-webhook-identifier': 'd-1' };
    const bodies = [
      capture(),
      { ...capture(), webhookEvent: 'jira:issue_created' },
      { ...capture(), webhookEvent: 'comment_created' },
      { webhookEvent: 'jira:issue_deleted', timestamp: 1_700_000_000_000, issue: { id: '10000', fields: {} } },
      { webhookEvent: 'sprint_started' },
    ];
    for (const body of bodies) {
      for (const headers of [id, {}]) expect(identify(bytes(body), headers), JSON.stringify(body).slice(0, 80)).to.deep.equal(fromDecode(bytes(body), headers));
    }
  });

  it('refuses what the decoder refuses before the issue: not JSON, no event name, a bad identifier', () => {
    const cases: Array<[unknown, Record<string, string>]> = [
      ['<xml/>', {}],
      [{ issue: {} }, {}],
      [capture(), { 'x-atlassian-webhook-identifier': 'has space' }],
    ];
    for (const [body, headers] of cases) expect(identify(bytes(body), headers)).to.deep.equal(E.left('WebhookPayloadInvalid'));
  });

  it('leaves the issue to the decoder: an issue it cannot read is only refused when applied', () => {
    const broken = { ...capture(), issue: { id: 10000, fields: { summary: ['not', 'text'] } } };
    expect(identify(bytes(broken), {})).to.deep.include({ _tag: 'Right' });
    expect(fromDecode(bytes(broken), {})).to.deep.equal(E.left('WebhookPayloadInvalid'));
  });
});
