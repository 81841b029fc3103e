import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { serviceNowWebhooks } from '../../../adapters/providers/servicenow/index.js';
import type { WebhookConnection } from '../../../core/index.js';

const SECRET = 'whsec-servicenow';
const handler = serviceNowWebhooks();
const connection = (settings: Record<string, unknown> = {}): WebhookConnection => ({ baseUrl: 'https://acme.service-now.com', site: 'acme.service-now.com', settings: { tables: ['incident', 'sc_task'], ...settings } });
const SYS_ID = '0123456789abcdef0123456789abcdef';

const RECORD = {
  sys_id: SYS_ID,
  number: 'SCTASK0010001',
  short_description: 'Install the monitor',
  state: '3',
  priority: '2',
  assigned_to: '',
  assignment_group: 'fedcba9876543210fedcba9876543210',
  sys_updated_on: '2026-05-04 10:11:12',
  sys_mod_count: '7',
  'assignment_group.name': 'Hardware',
};

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const decode = (value: unknown, headers: Record<string, string> = {}, settings?: Record<string, unknown>) => handler.decode(body(value), headers, connection(settings));
const eventOf = (value: unknown, settings?: Record<string, unknown>) => {
  const decoded = decode(value, {}, settings);
  return E.isRight(decoded) ? decoded.right.event : expect.fail(JSON.stringify(decoded.left));
};

describe('ServiceNow business-rule webhooks', () => {
  it('accepts the HMAC-SHA256 of the raw body in base64 (as generateMac writes it) or lowercase hex, and nothing else', async () => {
    const raw = body({ table: 'incident', sys_id: SYS_ID, operation: 'update' });
    const verify = (signature: string, secrets = [SECRET]) => handler.verify(raw, { 'x-servicenow-signature': signature }, { secrets, connection: connection() })();
    const mac = (encoding: 'hex' | 'base64') => createHmac('sha256', SECRET).update(raw).digest(encoding);
    expect(await verify(mac('base64'))).to.deep.equal(E.right(true));
    expect(await verify(mac('hex'))).to.deep.equal(E.right(true));
    expect(await verify(mac('hex'), ['another-secret', SECRET])).to.deep.equal(E.right(true));
    expect(await verify(createHmac('sha256', 'wrong').update(raw).digest('base64'))).to.deep.equal(E.right(false));
    expect(await verify(`sha256=${mac('hex')}`)).to.deep.equal(E.right(false));
    expect(await handler.verify(raw, {}, { secrets: [SECRET], connection: connection() })()).to.deep.equal(E.right(false));
  });

  it('upserts the record a delivery carries, keyed by table, sys_id, sys_mod_count and operation', () => {
    const decoded = decode({ table: 'sc_task', sys_id: SYS_ID, operation: 'update', sys_mod_count: '7', record: RECORD });
    const delivery = E.isRight(decoded) ? decoded.right : expect.fail(JSON.stringify(decoded));
    expect(delivery.deliveryId).to.equal(`sc_task:${SYS_ID}:7:update`);
    expect(delivery.event.kind === 'upsert' && delivery.event.issue).to.deep.include({ key: 'SCTASK0010001', rawStatus: 'sc_task:3', statusCategory: 'task:3', projectKey: 'Hardware', assigneeEmail: null, version: '7' });
  });

  it('prefers X-Taskport-Delivery for the delivery id, and refuses one that is not visible ASCII', () => {
    const delivery = decode({ table: 'incident', sys_id: SYS_ID, operation: 'insert' }, { 'x-taskport-delivery': 'run-42' });
    expect(E.isRight(delivery) && delivery.right.deliveryId).to.equal('run-42');
    expect(E.isLeft(decode({ table: 'incident', sys_id: SYS_ID, operation: 'insert' }, { 'x-taskport-delivery': 'has space' }))).to.equal(true);
  });

  it('fetches the record by sys_id when the delivery carries none, lacks a name it needs, or a filter must decide', () => {
    const refetch = { kind: 'refetch', externalId: SYS_ID };
    expect(eventOf({ table: 'incident', sys_id: SYS_ID, operation: 'update' })).to.deep.equal(refetch);
    expect(eventOf({ table: 'sc_task', sys_id: SYS_ID, operation: 'update', record: { ...RECORD, 'assignment_group.name': undefined } })).to.deep.equal(refetch);
    expect(eventOf({ table: 'sc_task', sys_id: SYS_ID, operation: 'update', record: RECORD }, { filter: 'active=true' })).to.deep.equal(refetch);
  });

  it('marks a deletion at occurred_at (UTC), ignores tables the connection does not sync, and names what is wrong', () => {
    expect(eventOf({ table: 'incident', sys_id: SYS_ID, operation: 'delete', occurred_at: '2026-05-04 10:11:12' })).to.deep.equal({
      kind: 'delete',
      externalId: SYS_ID,
      occurredAt: new Date('2026-05-04T10:11:12Z'),
    });
    expect(eventOf({ table: 'problem', sys_id: SYS_ID, operation: 'update' })).to.deep.equal({ kind: 'ignored', name: 'problem.update' });
    const noTime = decode({ table: 'incident', sys_id: SYS_ID, operation: 'delete' });
    expect(E.isLeft(noTime) && noTime.left.message).to.match(/occurred_at/);
    const badRecord = decode({ table: 'sc_task', sys_id: SYS_ID, operation: 'update', record: { ...RECORD, sys_updated_on: '04/05/2026' } });
    expect(E.isLeft(badRecord) && badRecord.left.message).to.match(/sys_updated_on must be a date-time/);
    const otherRecord = decode({ table: 'sc_task', sys_id: SYS_ID, operation: 'update', record: { ...RECORD, sys_id: 'ffff' } });
    expect(E.isLeft(otherRecord)).to.equal(true);
    expect(E.isLeft(decode({ table: 'incident', sys_id: SYS_ID, operation: 'merge' }))).to.equal(true);
  });

  it('answers from the envelope what the full decoder would: the delivery id, and whether its table is synced', () => {
    const identify = (value: unknown, headers: Record<string, string> = {}) => E.mapLeft((error: { _tag: string }) => error._tag)(handler.identify!(body(value), headers, connection()));
    const asEnvelope = (value: unknown, headers: Record<string, string> = {}) =>
      E.bimap(
        (error: { _tag: string }) => error._tag,
        ({ deliveryId, event }: { deliveryId: string; event: { kind: string; name?: string } }) => ({ deliveryId, ignored: event.kind === 'ignored' ? event.name! : null }),
      )(decode(value, headers));
    const readable = [
      { table: 'sc_task', sys_id: SYS_ID, operation: 'update', sys_mod_count: '7', record: RECORD },
      { table: 'incident', sys_id: SYS_ID, operation: 'insert' },
      { table: 'incident', sys_id: SYS_ID, operation: 'delete', occurred_at: '2026-05-04 10:11:12' },
      { table: 'problem', sys_id: SYS_ID, operation: 'update' },
      '{"table": ',
      { table: 'incident', sys_id: SYS_ID, operation: 'merge' },
      { table: 'incident', sys_id: SYS_ID, operation: 'delete' },
    ];
    for (const value of readable) {
      for (const headers of [{}, { 'x-taskport-delivery': 'run-42' }, { 'x-taskport-delivery': 'has space' }] as ReadonlyArray<Record<string, string>>) expect(identify(value, headers)).to.deep.equal(asEnvelope(value, headers));
    }
    // The record is read when the delivery is applied: one the decoder refuses is acknowledged, then dead-lettered with the reason.
    const badRecord = { table: 'sc_task', sys_id: SYS_ID, operation: 'update', record: { ...RECORD, sys_updated_on: '04/05/2026' } };
    expect(identify(badRecord)).to.deep.equal(E.right({ deliveryId: `sc_task:${SYS_ID}:7:update`, ignored: null }));
    expect(asEnvelope(badRecord)).to.deep.equal(E.left('WebhookPayloadInvalid'));
  });
});
