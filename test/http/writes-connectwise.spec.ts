import { expect } from 'chai';
import { CONNECTWISE_SIM_MEMBER, OWN_COMPANY, startConnectWiseSimulator, type ConnectWiseSimulator, type SimTicket } from '../../apps/simulator/connectwise/index.js';
import { patchTicket } from '../providers/connectwise/connectwise-harness.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('HTTP: writing back to ConnectWise PSA (the simulator, callbacks registered)', () => {
  let api: TestApi;
  let sim: ConnectWiseSimulator;
  let connectionId: string;
  const a = tokenFor(ORG_A);

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => api.http.call(method, path, { token: a, headers, ...(body === undefined ? {} : { body }) });
  /** A write, answered once settled. */
  const write = async (method: 'POST' | 'PATCH', path: string, body: unknown, headers: Record<string, string> = {}): Promise<Json> => {
    const answer = await call(method, `${path}?wait=true`, body, headers);
    expect(answer.status, answer.text).to.equal(202);
    return answer.json.data as Json;
  };
  const tasks = async (): Promise<Json[]> => (await call('GET', '/api/external-tasks?limit=500')).json.data as Json[];
  const taskOf = async (ticket: SimTicket): Promise<Json> => (await tasks()).find((t) => t.externalId === `${ticket.kind}:${ticket.id}`)!;
  const serviceTicket = (n: number) => sim.store.all('service')[n]!;
  const updatesOf = async (taskId: string): Promise<number> => {
    await api.webhooks.drain();
    await api.events.drain();
    const events = (await call('GET', '/api/events?types=external_task.updated&limit=1000')).json.data as Json[];
    return events.filter((e) => e.taskId === taskId).length;
  };

  before(async () => {
    api = await startTestApi({ issues: 2, latencyMs: 0 });
    sim = await startConnectWiseSimulator({ serviceTickets: 8, projectTickets: 3, seed: 17 });
    const created = await call('POST', '/api/integrations', { type: 'connectwise', baseUrl: sim.url, ...CONNECTWISE_SIM_MEMBER, registerCallbacks: true });
    expect(created.status, created.text).to.equal(201);
    connectionId = created.json.data.id;
    expect((await call('POST', `/api/integrations/${connectionId}/sync-now`)).status).to.equal(200);
  });
  after(async () => {
    await api.close();
    await sim.close();
  });

  it('creates a service ticket on the board, with priority, owner by e-mail, due date, status and the marker in externalXRef', async () => {
    const body = { connectionId, projectKey: 'Help Desk', title: 'Made by taskport', description: 'Printer on fire', priority: 'high', assigneeEmail: 'ann.lee@msp.test', dueDate: '2026-08-01', status: 'in_progress' };
    const written = await write('POST', '/api/external-tasks', body);

    expect(written).to.deep.include({ status: 'succeeded', kind: 'create', attempts: 1, error: null });
    const ticket = sim.store.all('service').find((t) => t.externalXRef === `taskport-${String(written.writeId)}`)!;
    expect(ticket).to.include({ summary: 'Made by taskport', boardId: 1, companyId: OWN_COMPANY.id, priorityId: 8, ownerId: 246, requiredDate: '2026-08-01T00:00:00Z', statusId: 102 });
    expect(written.result).to.include({ externalId: `service:${ticket.id}`, key: `#${ticket.id}`, version: new Date(ticket.lastUpdated).toISOString() });
    expect(await taskOf(ticket)).to.include({ title: 'Made by taskport', status: 'in_progress', priority: 'high', dueDate: '2026-08-01', assigneeEmail: 'ann.lee@msp.test' });
  });

  it('edits only the fields given, by JSON Patch, and the task reads the new version at once', async () => {
    const ticket = serviceTicket(0);
    const before = { statusId: ticket.statusId, companyId: ticket.companyId };
    const task = await taskOf(ticket);

    const written = await write('PATCH', `/api/external-tasks/${String(task.id)}`, { title: 'Renamed from the product', priority: 'urgent', assigneeEmail: 'bob.smith@msp.test', dueDate: '2026-09-15' });

    expect(written).to.deep.include({ status: 'succeeded', error: null });
    expect(sim.store.find('service', ticket.id)).to.include({ summary: 'Renamed from the product', priorityId: 15, ownerId: 245, requiredDate: '2026-09-15T00:00:00Z', ...before });
    const now = await taskOf(ticket);
    expect(now).to.include({ title: 'Renamed from the product', priority: 'urgent', assigneeEmail: 'bob.smith@msp.test', dueDate: '2026-09-15' });
    expect(written.result.version).to.equal(new Date(sim.store.find('service', ticket.id)!.lastUpdated).toISOString());
  });

  it('edits a project ticket at /project/tickets, and refuses to create one (a project id as projectKey)', async () => {
    const ticket = sim.store.all('project')[0]!;
    const task = await taskOf(ticket);

    const edited = await write('PATCH', `/api/external-tasks/${String(task.id)}`, { title: 'Project task renamed' });
    expect(edited).to.deep.include({ status: 'succeeded', error: null });
    expect(sim.store.find('project', ticket.id)!.summary).to.equal('Project task renamed');

    const count = sim.store.size();
    const refused = await write('POST', '/api/external-tasks', { connectionId, projectKey: String(ticket.projectId), title: 'Not here' });
    expect(refused.error.code).to.equal('write/rejected');
    expect(refused.error.details[0].path).to.equal('projectKey');
    expect(sim.store.size()).to.equal(count);
  });

  it("closes a ticket with its board's closed status, and lists the reachable statuses for one no mapping names", async () => {
    const ticket = serviceTicket(1);
    const task = await taskOf(ticket);

    const closed = await write('PATCH', `/api/external-tasks/${String(task.id)}`, { status: 'done' });
    expect(closed).to.deep.include({ status: 'succeeded', error: null });
    expect(sim.store.find('service', ticket.id)).to.include({ closedFlag: true, statusId: ticket.boardId * 100 + 4 });
    expect(await taskOf(ticket)).to.include({ status: 'done' });

    const cancelled = await write('PATCH', `/api/external-tasks/${String(task.id)}`, { status: 'cancelled' });
    expect(cancelled.status).to.equal('failed');
    expect(cancelled.error.code).to.equal('write/transition-unavailable');
    const board = ticket.boardId === 1 ? 'Help Desk' : 'Network Security';
    expect(cancelled.error.details.map((d: Json) => d.message)).to.include(`can move to ${board}/In Progress`);
  });

  it('fails at once with write/rejected and the field errors when ConnectWise refuses the fields', async () => {
    const task = await taskOf(serviceTicket(2));
    const tooLong = await write('PATCH', `/api/external-tasks/${String(task.id)}`, { title: 'x'.repeat(150) });
    expect(tooLong).to.deep.include({ status: 'failed', attempts: 1 });
    expect(tooLong.error).to.deep.include({ code: 'write/rejected', details: [{ path: 'title', message: 'summary may not be more than 100 characters' }] });

    const stranger = await write('PATCH', `/api/external-tasks/${String(task.id)}`, { assigneeEmail: 'nobody@msp.test' });
    expect(stranger.error.code).to.equal('write/rejected');
    expect(stranger.error.details[0].path).to.equal('assignee');
    expect(sim.store.find('service', serviceTicket(2).id)!.summary).to.not.equal('x'.repeat(150));
  });

  it('treats the callback of its own change as an echo (no external_task.updated), and a person\'s change as news', async () => {
    const ticket = serviceTicket(3);
    const task = await taskOf(ticket);
    const updatesBefore = await updatesOf(String(task.id));
    sim.callbacks.hold();
    const written = await write('PATCH', `/api/external-tasks/${String(task.id)}`, { title: 'Our own change', status: 'done' });
    expect(written.status).to.equal('succeeded');
    const sentBefore = sim.callbacks.sent().length;
    await sim.callbacks.release();

    expect(sim.callbacks.sent().length - sentBefore).to.equal(2);
    expect(await updatesOf(String(task.id))).to.equal(updatesBefore);
    expect(await taskOf(ticket)).to.include({ title: 'Our own change', sourceVersion: written.result.version });

    sim.callbacks.hold();
    await patchTicket(sim.url, 'service', ticket.id, '/summary', 'Changed by a person');
    await sim.callbacks.release();
    expect(await updatesOf(String(task.id))).to.equal(updatesBefore + 1);
  });

  it('makes one ticket when the answer to a create is lost and the write is retried', async () => {
    sim.writes.loseNextCreateAnswer();
    const written = await write('POST', '/api/external-tasks', { connectionId, projectKey: 'Network Security', title: 'Answer lost on the way' });

    expect(written).to.deep.include({ status: 'succeeded', attempts: 2, retries: 1 });
    const made = sim.store.all('service').filter((t) => t.summary === 'Answer lost on the way');
    expect(made.map((t) => t.externalXRef)).to.deep.equal([`taskport-${String(written.writeId)}`]);
    expect(written.result.externalId).to.equal(`service:${made[0]!.id}`);
    expect((await tasks()).filter((t) => t.externalId === written.result.externalId)).to.have.length(1);
  });

  it('answers the same write for a replayed Idempotency-Key, and ConnectWise gets one ticket', async () => {
    const headers = { 'idempotency-key': 'cw-replay-1' };
    const body = { connectionId, projectKey: 'Help Desk', title: 'Once only' };
    const first = await write('POST', '/api/external-tasks', body, headers);
    const again = await write('POST', '/api/external-tasks', body, headers);

    expect(again.writeId).to.equal(first.writeId);
    expect(again.status).to.equal('succeeded');
    expect(sim.store.all('service').filter((t) => t.summary === 'Once only')).to.have.length(1);
  });

  describe('a field someone changed in ConnectWise since the product read it', () => {
    const theirs = (ticket: SimTicket, summary: string) => sim.store.edit('service', ticket.id, (t) => (t.summary = summary));

    it('fails with write/conflict and both values under tracker-wins (the default), writing nothing', async () => {
      const ticket = serviceTicket(4);
      const task = await taskOf(ticket);
      theirs(ticket, 'Theirs in ConnectWise');

      const written = await write('PATCH', `/api/external-tasks/${String(task.id)}`, { title: 'Ours from the product', dueDate: '2026-10-01' });

      expect(written.status).to.equal('failed');
      expect(written.error).to.deep.include({ code: 'write/conflict', conflicts: { title: { product: 'Ours from the product', tracker: 'Theirs in ConnectWise' } } });
      expect(sim.store.find('service', ticket.id)).to.include({ summary: 'Theirs in ConnectWise', requiredDate: ticket.requiredDate });
    });

    it('writes anyway under product-wins and records the overwritten field', async () => {
      expect((await call('PATCH', `/api/integrations/${connectionId}`, { writeConflictPolicy: 'product-wins' })).status).to.equal(200);
      const ticket = serviceTicket(5);
      const task = await taskOf(ticket);
      theirs(ticket, 'Theirs again');

      const written = await write('PATCH', `/api/external-tasks/${String(task.id)}`, { title: 'Ours wins', dueDate: '2026-10-02' });

      expect(written).to.deep.include({ status: 'succeeded', error: null });
      expect(written.result.overwritten).to.deep.equal(['title']);
      expect(sim.store.find('service', ticket.id)).to.include({ summary: 'Ours wins', requiredDate: '2026-10-02T00:00:00Z' });
    });
  });
});
