import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  decodeBody,
  decodeEach,
  decodeServiceNowDelivery,
  errorForStatus,
  linkRelations,
  ListCodec,
  servicenowDefaultMappings,
  ServiceNowRecordCodec,
  tableSchema,
  toSourceIssue,
  type ListCall,
} from '../../../adapters/providers/servicenow/index.js';
import type { HttpResponse } from '../../../adapters/net/index.js';
import { mapPriority, mapStatus } from '../../../core/index.js';
import { recordedFixture, recordedFixtureNames } from '../../fixtures/recorded.js';
import { connectionTo } from './servicenow-harness.js';

const fixture = (name: string) => recordedFixture('servicenow', name);
const response = (body: unknown, status = 200, headers: Record<string, string> = {}): HttpResponse => ({ status, header: (name) => headers[name.toLowerCase()] ?? null, body: JSON.stringify(body) });

const right = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) expect.fail(`expected a decoded value, got ${JSON.stringify(either.left)}`);
  return either.right;
};

const recordsOf = (name: string) => right(decodeEach(ServiceNowRecordCodec, right(decodeBody(ListCodec, 'a list')(response(fixture(name)))).result, 'a list'));

const NO_NAMES = { assigneeEmail: null, groupName: null };
const BASE = 'https://instance.service-now.com';

// Each recorded file and where it is exercised; a new file fails this suite until it gets a decision.
const COVERAGE: Readonly<Record<string, string>> = {
  'business-rule-delivery.taskport-contract.json': 'this suite, docs/servicenow.md',
  'error-404-no-record.json': 'this suite and servicenow-rate-limits.spec.ts (an empty list)',
  'error-429-rate-limit.docs-example.json': 'this suite and servicenow-rate-limits.spec.ts',
  'incident-list.assembled-from-docs.json': 'this suite',
  'incident-list-page-headers.written-shape.json': 'this suite',
  'oauth-token-response.json': 'servicenow-oauth.spec.ts (a refresh answered in this shape)',
  'sn-si-incident-list-sanitized.json': 'this suite',
  'sys-db-object-rows.written-shape.json': 'this suite',
  'sys-dictionary-rows.written-shape.json': 'this suite',
  'table-get-problem-limit1.docs-example.json': 'this suite',
};

describe('ServiceNow decoders and mapping against the recorded payloads', () => {
  it('has a decision for every recorded ServiceNow payload', () => {
    expect(recordedFixtureNames('servicenow')).to.deep.equal(Object.keys(COVERAGE).sort());
  });

  it('reads the documented incidents: strings everywhere, references as { link, value }, UTC date-times', () => {
    const [inc46] = recordsOf('incident-list.assembled-from-docs.json');
    const issue = toSourceIssue(BASE, 'incident', inc46!, { assigneeEmail: null, groupName: 'Software' });
    expect(issue).to.deep.include({
      externalId: 'a9e30c7dc61122760116894de7bcc7bd',
      key: 'INC0000046',
      title: "Can't access SFA software",
      description: null,
      rawStatus: 'incident:1',
      statusCategory: 'incident:1',
      rawPriority: '3',
      projectKey: 'Software',
      assigneeExternalId: null,
      dueDate: null,
      version: '4',
      url: `${BASE}/nav_to.do?uri=incident.do%3Fsys_id%3Da9e30c7dc61122760116894de7bcc7bd`,
    });
    expect(issue.updatedAt.toISOString()).to.equal('2015-11-01T22:37:27.000Z');
    expect(issue.sourceData).to.deep.include({ assignmentGroupId: '8a4dde73c6112278017a6a4baf547aa7', active: true, impact: '1' });
    const mappings = servicenowDefaultMappings();
    expect([mapStatus(mappings, issue.rawStatus, issue.statusCategory), mapPriority(mappings, issue.rawPriority)]).to.deep.equal(['todo', 'medium']);
    expect(recordsOf('incident-list.assembled-from-docs.json')).to.have.length(3);
  });

  it('keys a problem’s state by its table, so its own meaning can be mapped over the task family’s', () => {
    const [problem] = recordsOf('table-get-problem-limit1.docs-example.json');
    const issue = toSourceIssue(BASE, 'problem', problem!, NO_NAMES);
    expect(issue).to.deep.include({ key: 'PRB0000050', rawStatus: 'problem:4', statusCategory: 'task:4', rawPriority: '4', version: '1' });
    const defaults = servicenowDefaultMappings();
    expect(mapStatus(defaults, issue.rawStatus, issue.statusCategory)).to.equal('cancelled');
    // This closed problem was resolved (an older problem state model): one table's code can be mapped alone.
    expect(mapStatus({ ...defaults, status: { ...defaults.status, 'problem:4': 'done' } }, issue.rawStatus, issue.statusCategory)).to.equal('done');
  });

  it('reads the sanitised security incidents once they carry a version, and names the field they lack', () => {
    const list = fixture('sn-si-incident-list-sanitized.json') as { result: Array<Record<string, unknown>> };
    // The sanitiser dropped sys_mod_count, which taskport always asks for: without a version a record is refused, by name.
    const refused = decodeEach(ServiceNowRecordCodec, list.result, 'a list');
    expect(E.isLeft(refused) && refused.left.message).to.include('result.0.sys_mod_count');
    const records = right(decodeEach(ServiceNowRecordCodec, list.result.map((r) => ({ ...r, sys_mod_count: '2' })), 'a list'));
    expect(records).to.have.length(3);
    expect(records[0]).to.deep.include({ sys_id: 'g123456', assigned_to: '1234', assignment_group: '1234', state: '3' });
  });

  it('turns the documented error bodies into core’s errors, with ServiceNow’s words', () => {
    expect(errorForStatus(response(fixture('error-429-rate-limit.docs-example.json'), 429), 30_000, 'a read', 'basic')).to.deep.equal({
      _tag: 'SourceRateLimited',
      message: 'ServiceNow is rate limiting this account (429); try again in 30 s. ServiceNow said: Rate limit exceeded: Rate limit of 100 requests per hour for Table API exceeded',
      retryAfterMs: 30_000,
    });
    expect(errorForStatus(response(fixture('error-404-no-record.json'), 404), null, 'a read', 'basic').message).to.include(
      "ServiceNow said: No Record found: Record doesn't exist or ACL restricts the record retrieval",
    );
    expect(errorForStatus(response({}, 401, { 'x-mfa_token': 'invalid' }), null, 'a read', 'basic').message).to.include('multi-factor authentication');
  });

  it('reads the paging headers: rel="next" on the first page (its prev offset negative), none on the last', () => {
    const headers = fixture('incident-list-page-headers.written-shape.json') as { headers: { Link: string }; lastPageHeaders: { Link: string } };
    expect([...linkRelations(headers.headers.Link)]).to.deep.equal(['first', 'prev', 'next', 'last']);
    expect(linkRelations(headers.lastPageHeaders.Link).has('next')).to.equal(false);
  });

  it('reads table definitions and dictionary rows, with and without reference links', async () => {
    const rows: Readonly<Record<string, unknown>> = { sys_db_object: fixture('sys-db-object-rows.written-shape.json'), sys_dictionary: fixture('sys-dictionary-rows.written-shape.json') };
    const call: ListCall = (_connection, read) => TE.right({ records: (rows[read.table] as { result: unknown[] }).result, more: false });
    const schema = tableSchema(call, connectionTo(BASE));
    expect(right(await schema.lineage(['incident'])()).get('incident')).to.deep.equal(['incident', 'task']);
    const field = right(await schema.fields(['incident'], ['assignment_group', 'caller_id', 'short_description', 'nope'])());
    expect(field('incident', 'assignment_group')).to.deep.equal({ table: 'task', type: 'reference', reference: 'sys_user_group' });
    expect(field('incident', 'caller_id')).to.deep.equal({ table: 'incident', type: 'reference', reference: 'sys_user' });
    expect(field('incident', 'short_description')).to.deep.equal({ table: 'task', type: 'string', reference: null });
    expect(field('incident', 'nope')).to.equal(undefined);
  });

  it('reads taskport’s business-rule delivery: the record it carries, named, keyed by the change', () => {
    const raw = Buffer.from(JSON.stringify(fixture('business-rule-delivery.taskport-contract.json')));
    const delivery = right(decodeServiceNowDelivery(raw, {}, { baseUrl: BASE, site: 'instance.service-now.com', settings: { tables: ['incident'] } }));
    expect(delivery.deliveryId).to.equal('incident:a9e30c7dc61122760116894de7bcc7bd:5:update');
    expect(delivery.event.kind === 'upsert' && delivery.event.issue).to.deep.include({
      key: 'INC0000046',
      rawStatus: 'incident:2',
      assigneeEmail: 'beth.anglin@example.com',
      assigneeExternalId: '46c6f9efa9fe198101ddf5eed9adf6e7',
      projectKey: 'Software',
      version: '5',
    });
  });
});
