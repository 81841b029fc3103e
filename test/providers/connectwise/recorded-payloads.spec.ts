import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import {
  CONNECTWISE_SIM_MEMBER,
} from '../../../apps/simulator/connectwise/index.js';
import {
  checkConnectWiseBaseUrl,
  connectWiseDefaultMappings,
  connectWiseSaid,
  decodeConnectWiseCallback,
  keyUrlRefusal,
  nextPageOf,
  TicketCodec,
  toSourceIssue,
} from '../../../adapters/providers/connectwise/index.js';
import { mapPriority, mapStatus, type FieldMappings } from '../../../core/index.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/connectwise/${name}`, import.meta.url), 'utf8');
const at = new Date('2026-06-10T00:00:00Z');
const connection = { baseUrl: 'https://api-na.myconnectwise.net', site: 'api-na.myconnectwise.net/cobalt', settings: { clientId: CONNECTWISE_SIM_MEMBER.clientId } };

describe('ConnectWise decoders against recorded payloads', () => {
  it('reads a recorded service ticket list into SourceIssues', () => {
    const tickets = JSON.parse(fixture('service-tickets-list.json')) as unknown[];
    const decoded = tickets.map((t) => TicketCodec.decode(t));
    expect(decoded.every(E.isRight)).to.equal(true);
    const first = decoded[0];
    if (first === undefined || E.isLeft(first)) return expect.fail('the first ticket did not decode');
    const issue = toSourceIssue({ kind: 'service', boardStatuses: [], ownerEmail: null, prioritySort: null, ticketUrl: (id) => `https://na.myconnectwise.net/t/${id}` })(first.right);
    expect(issue).to.include({ externalId: 'service:3186', key: '#3186', title: 'Daily Tenable Reports', rawStatus: 'Network Security - South/>Closed', statusCategory: 'done', rawPriority: 'P5', board: 'Network Security - South', company: 'Example', assigneeExternalId: 'User', projectKey: null });
    expect(mapPriority(connectWiseDefaultMappings(), issue.rawPriority)).to.equal('low');
  });

  it('turns recorded callbacks into events: contacts are ignored; a ticket update is fetched again, a deletion marks it', () => {
    const contact = decodeConnectWiseCallback(() => at)(Buffer.from(fixture('callback-payload-contact-updated.json')));
    expect(E.isRight(contact) && contact.right).to.deep.equal({ deliveryId: (JSON.parse(fixture('callback-payload-contact-updated.json')) as { MessageId: string }).MessageId, event: { kind: 'ignored', name: 'contact:updated' } });
    const ticket = (action: string, entity: string | null) => Buffer.from(JSON.stringify({ ...JSON.parse(fixture('callback-payload-contact-deleted.json')), Type: 'ticket', Action: action, ID: 42, Entity: entity }));
    const deleted = decodeConnectWiseCallback(() => at)(ticket('deleted', null));
    expect(E.isRight(deleted) && deleted.right.event).to.deep.equal({
      kind: 'delete',
      externalId: 'service:42',
      occurredAt: at,
    });
    const project = decodeConnectWiseCallback(() => at)(ticket('updated', JSON.stringify({ id: 42, recordType: 'ProjectTicket' })));
    expect(E.isRight(project) && project.right.event).to.deep.equal({ kind: 'refetch', externalId: 'project:42' });
    const garbled = decodeConnectWiseCallback(() => at)(ticket('updated', '{"id":'));
    expect(E.isRight(garbled) && garbled.right.event).to.deep.equal({ kind: 'refetch', externalId: 'service:42' });
  });

  it('quotes ConnectWise’s own error words', () => {
    expect(connectWiseSaid(fixture('error-400-invalid-conditions.json'))).to.include('ApiFindCondition: ticket is not a recognized name.');
    expect(connectWiseSaid(fixture('error-400-invalid-object.json'))).to.include('url Invalid URL');
  });

  it('follows only rel="next" in a Link header', () => {
    expect(nextPageOf('<https://x/t?page=3&pageSize=10>; rel="next", <https://x/t?page=9>; rel="last"')).to.equal(3);
    expect(nextPageOf('<https://x/t?page=1>; rel="first", <https://x/t?page=1>; rel="prev"')).to.equal(null);
    expect(nextPageOf(null)).to.equal(null);
  });

  it('maps a status per board through `<board>/<status>`, before the category', () => {
    const mappings: FieldMappings = { ...connectWiseDefaultMappings(), status: { ...connectWiseDefaultMappings().status, 'Help Desk/Waiting on Customer': 'todo' } };
    expect(mapStatus(mappings, 'Help Desk/Waiting on Customer', 'in_progress')).to.equal('todo');
    expect(mapStatus(mappings, 'Network Security/Waiting on Customer', 'in_progress')).to.equal('in_progress');
  });
});

describe('ConnectWise base URLs', () => {
  const check = checkConnectWiseBaseUrl({ allowPrivateNetwork: false, allowedHosts: ['psa.msp.example'] });
  it('takes https on the cloud, staging and operator-allowed hosts only; loopback only under the private-network flag', () => {
    expect(E.isRight(check('https://api-na.myconnectwise.net'))).to.equal(true);
    expect(E.isRight(check('https://api-staging.connectwisedev.com'))).to.equal(true);
    expect(E.isRight(check('https://psa.msp.example'))).to.equal(true);
    expect(E.isLeft(check('http://api-na.myconnectwise.net'))).to.equal(true);
    expect(E.isLeft(check('https://other.example'))).to.equal(true);
    expect(E.isLeft(check('http://127.0.0.1:4000'))).to.equal(true);
    expect(E.isRight(checkConnectWiseBaseUrl({ allowPrivateNetwork: true })('http://127.0.0.1:4000'))).to.equal(true);
  });
});

describe('ConnectWise callback key URLs (from an untrusted body)', () => {
  const refusal = (url: string, allowPrivateNetwork = false, baseUrl = connection.baseUrl) => keyUrlRefusal(url, { ...connection, baseUrl }, allowPrivateNetwork);

  it('fetches keys only over https from the connection’s host or a ConnectWise cloud host', () => {
    expect(refusal('https://api-na.myconnectwise.net/v4_6_release/system/callbackkey/index.rails?id=1')).to.equal(null);
    expect(refusal('https://sandbox-na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1')).to.equal(null);
    expect(refusal('http://api-na.myconnectwise.net/key')).to.equal('must use https');
    expect(refusal('https://attacker.example/key')).to.match(/neither the connection's host/);
    expect(refusal('https://myconnectwise.net.attacker.example/key')).to.match(/neither/);
    expect(refusal('https://user:pw@na.myconnectwise.net/key')).to.equal('must not carry credentials');
    expect(refusal('https://169.254.169.254/latest/meta-data')).to.match(/neither/);
    expect(refusal('not a url')).to.equal('is not a URL');
  });

  it('allows the loopback simulator over http only under the private-network flag, and only its own host', () => {
    expect(refusal('http://127.0.0.1:4000/key', false, 'http://127.0.0.1:4000')).to.equal('must use https');
    expect(refusal('http://127.0.0.1:4000/key', true, 'http://127.0.0.1:4000')).to.equal(null);
    expect(refusal('http://127.0.0.1:9999/key', true, 'http://127.0.0.1:4000')).to.not.equal(null);
  });
});
