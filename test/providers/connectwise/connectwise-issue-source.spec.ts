import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../../apps/simulator/connectwise/index.js';
import { connectionTo, readAll, virtualTimeSource } from './connectwise-harness.js';

const DAY = 86_400_000;

describe('ConnectWise issue source over the simulator', () => {
  let sim: ConnectWiseSimulator;
  beforeEach(async () => (sim = await startConnectWiseSimulator({ serviceTickets: 25, projectTickets: 15, seed: 5, spanDays: 90 })));
  afterEach(() => sim.close());
  const everything = { closedTicketsDays: '36500' };

  it('reads service then project tickets, ids kept apart by kind, with board, company, project and phase', async () => {
    const { source } = virtualTimeSource({ pageSize: 4 });
    const read = await readAll(source, connectionTo(sim.url, everything));
    expect(read.map((i) => i.externalId).sort()).to.deep.equal([...sim.store.all('service').map((t) => `service:${t.id}`), ...sim.store.all('project').map((t) => `project:${t.id}`)].sort());
    const project = read.find((i) => i.externalId.startsWith('project:'))!;
    const ticket = sim.store.find('project', Number(project.externalId.split(':')[1]))!;
    expect(project).to.include({ key: `#${ticket.id}`, projectKey: String(ticket.projectId), board: 'Professional Services', description: null, version: ticket.lastUpdated.replace('Z', '.000Z') });
    expect(project.phase).to.be.a('string');
    expect(['ACME', 'Globex']).to.include(project.company);
    expect(read.filter((i) => i.externalId.startsWith('service:')).every((i) => i.projectKey === null && i.phase === null)).to.equal(true);
    source.close();
  });

  it('maps statuses per board and priorities by level, with the owner e-mail from the member record', async () => {
    const { source } = virtualTimeSource();
    const read = await readAll(source, connectionTo(sim.url, everything));
    const byStatus = (name: string) => read.filter((i) => i.rawStatus?.endsWith(`/${name}`)).map((i) => i.statusCategory);
    expect(new Set(byStatus('New'))).to.deep.equal(new Set(['todo']));
    expect(new Set(byStatus('>Closed'))).to.deep.equal(new Set(['done']));
    expect(new Set(byStatus('Waiting on Customer'))).to.deep.equal(new Set(['in_progress']));
    expect(read.every((i) => ['P1', 'P2', 'P3', 'P5'].includes(i.rawPriority ?? ''))).to.equal(true);
    const owned = read.find((i) => i.assigneeExternalId === 'jdoe')!;
    expect(owned.assigneeEmail).to.equal('jane.doe@msp.test');
    source.close();
  });

  it('takes open tickets and those closed within the configured days on a first sync, and every change after', async () => {
    const { source } = virtualTimeSource();
    const firstSync = await readAll(source, connectionTo(sim.url, { closedTicketsDays: '30' }));
    const expected = [...sim.store.all('service'), ...sim.store.all('project')].filter((t) => !t.closedFlag || new Date(t.closedDate!).getTime() >= Date.now() - 30 * DAY);
    expect(firstSync.map((i) => i.externalId.split(':')[1]).sort()).to.deep.equal(expected.map((t) => String(t.id)).sort());
    expect(expected.length).to.be.lessThan(sim.store.size());
    const since = new Date(Date.now() - 45 * DAY);
    const later = await readAll(source, connectionTo(sim.url, { closedTicketsDays: '30' }), { updatedSince: since, projectKeys: [] });
    expect(later.some((i) => i.statusCategory === 'done' && i.updatedAt.getTime() < Date.now() - 30 * DAY)).to.equal(true);
    source.close();
  });

  it('leaves project tickets out when told, and narrows to boards and a member', async () => {
    const { source } = virtualTimeSource();
    const serviceOnly = await readAll(source, connectionTo(sim.url, { ...everything, includeProjectTickets: false }));
    expect(serviceOnly.every((i) => i.externalId.startsWith('service:'))).to.equal(true);
    const onBoard = await readAll(source, connectionTo(sim.url, { ...everything, boards: ['Help Desk'] }));
    expect(onBoard.length).to.be.greaterThan(0);
    expect(onBoard.every((i) => i.board === 'Help Desk')).to.equal(true);
    const mine = await readAll(source, connectionTo(sim.url, { ...everything, memberIdentifier: 'bsmith' }));
    const expected = [...sim.store.all('service'), ...sim.store.all('project')].filter((t) => t.resources.includes('bsmith'));
    expect(mine.map((i) => i.externalId.split(':')[1]).sort()).to.deep.equal(expected.map((t) => String(t.id)).sort());
    source.close();
  });

  it('waits for a small request budget and resumes, never failing for it', async () => {
    const { source, waitedMs } = virtualTimeSource({ pageSize: 5 });
    const read = await readAll(source, connectionTo(sim.url, { ...everything, requestsPerHour: '3' }));
    expect(read).to.have.length(sim.store.size());
    // 8 pages plus metadata reads, 3 an hour after a burst of 3: hours of (virtual) waiting.
    expect(waitedMs()).to.be.greaterThan(2 * 3_600_000);
    source.close();
  });

  it('honours 429 with Retry-After and goes on', async () => {
    const { source, waitedMs } = virtualTimeSource();
    sim.faults.failNext('rate-limit', 2);
    sim.faults.set({ retryAfterSeconds: 7 });
    const read = await readAll(source, connectionTo(sim.url, everything));
    expect(read).to.have.length(sim.store.size());
    expect(waitedMs()).to.be.at.least(14_000);
    source.close();
  });

  it('says the connection is not reachable without the clientId, and refuses unknown fields in the filter', async () => {
    const { source } = virtualTimeSource();
    expect(await source.testConnection(connectionTo(sim.url, { clientId: '' }))()).to.deep.include({ connected: false });
    const page = await source.searchIssues(connectionTo(sim.url, { filter: 'ticket = 1' }), { updatedSince: null, projectKeys: [] }, null)();
    expect(E.isLeft(page) && page.left.message).to.include('ApiFindCondition: ticket is not a recognized name.');
    source.close();
  });
});
