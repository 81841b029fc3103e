import { expect } from 'chai';
import { CONNECTWISE_SIM_MEMBER, startConnectWiseSimulator, type ConnectWiseSimulator } from '../../apps/simulator/connectwise/index.js';
import type { SnRecord } from '../../apps/simulator/servicenow/index.js';
import { emptyTestDatabase } from '../support/test-database.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, tokenFor } from './support/tokens.js';

const a = tokenFor(ORG_A);

/**
 * The reconciliation sweep of ServiceNow and ConnectWise connections, asked for with
 * `{ "mode": "sweep" }` over real HTTP, against their simulators (test/http/sync-jobs.spec.ts has Jira's).
 */
describe('HTTP sweeps of ServiceNow and ConnectWise connections', () => {
  let api: TestApi;
  let cw: ConnectWiseSimulator;
  before(async () => {
    api = await startTestApi({ issues: 2, latencyMs: 0, servicenow: { incidents: 40, tasks: 5, seed: 9 } });
    cw = await startConnectWiseSimulator({ serviceTickets: 14, projectTickets: 8, seed: 11 });
  });
  after(async () => {
    await api.close();
    await cw.close();
  });
  // Tasks outlive their connection and a site's versions are recorded once: each test starts empty.
  beforeEach(() => emptyTestDatabase());

  const count = async (sql: string, params: unknown[]) => Number((await api.orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from external_tasks where ${sql}`, params))[0]!.n);
  const liveTasks = (id: string) => count('deleted_at is null and out_of_scope_at is null and connection_id = ?', [id]);
  const taskRow = async (externalId: string) =>
    (await api.orm.em.fork().execute('select key, project_key, board, deleted_at, out_of_scope_at from external_tasks where external_id = ?', [externalId]))[0] as Record<string, unknown>;
  const connect = async (body: Record<string, unknown>) => {
    const created = await api.http.call('POST', '/api/integrations', { token: a, body });
    expect(created.status, created.text).to.equal(201);
    const id = created.json.data.id as string;
    const full = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'full' } });
    expect(full.status, full.text).to.equal(200);
    return id;
  };
  /** The task events of the connection's sweeps in its outbox (every task was created by its first sync): type and item. */
  const sweepEvents = async (id: string) =>
    (
      await api.orm.em
        .fork()
        .execute<Array<{ type: string; external_id: string }>>(
          `select o.type, t.external_id from outbox_events o join external_tasks t on t.id = o.task_id
           where o.connection_id = ? and o.type like 'external_task.%' and o.type <> 'external_task.created' order by o.type, t.external_id`,
          [id],
        )
    ).map((row) => [row.type, row.external_id]);
  const sweep = (id: string) => api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'sweep' } });

  /** Refused credentials fail the sweep as such, change no task, and pause the schedule with the reason. */
  const expectNothingChanged = async (id: string, before: number) => {
    const swept = await sweep(id);
    expect([swept.status, swept.json.error.code]).to.deep.equal([422, 'integration/invalid-credentials']);
    expect(await liveTasks(id)).to.equal(before);
    expect(await count('deleted_at is not null or out_of_scope_at is not null', [])).to.equal(0);
    const connection = (await api.http.call('GET', `/api/integrations/${id}`, { token: a })).json.data;
    expect(connection.syncState.lastSyncStatus).to.equal('failed');
    expect(connection.schedule.pausedReason).to.be.a('string');
  };

  describe('ServiceNow', () => {
    const sn = () => api.servicenow!.simulator;
    /** The group with the most incidents: the connection's filter selects it alone. */
    const busiestGroup = () => {
      const counts = new Map<string, number>();
      for (const record of sn().store.all('incident')) if (record.assignment_group !== '') counts.set(record.assignment_group!, (counts.get(record.assignment_group!) ?? 0) + 1);
      const [groupId] = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]!;
      return sn().store.get('sys_user_group', groupId)!;
    };
    let id: string;
    let group: SnRecord;
    beforeEach(async () => {
      group = busiestGroup();
      const { baseUrl, username, password } = api.servicenow!;
      id = await connect({ type: 'servicenow', baseUrl, username, password, tables: ['incident'], filter: `assignment_group.name=${group.name}` });
    });
    afterEach(() => {
      const integration = sn().store.all('sys_user').find((user) => user.user_name === api.servicenow!.username)!;
      sn().store.update('sys_user', integration.sys_id!, { active: 'true' });
    });
    const inGroup = () => sn().store.all('incident').filter((record) => record.assignment_group === group.sys_id);

    it('marks deleted a record deleted in the instance, and out of scope one reassigned to another group, under its new group', async () => {
      const before = await liveTasks(id);
      expect(before).to.equal(inGroup().length);
      const [gone, moved] = inGroup();
      const other = sn().store.all('sys_user_group').find((g) => g.sys_id !== group.sys_id)!;
      sn().store.remove('incident', gone!.sys_id!);
      sn().store.update('incident', moved!.sys_id!, { assignment_group: other.sys_id! });
      const swept = await sweep(id);
      expect(swept.status, swept.text).to.equal(200);
      expect(swept.json.data.sweep).to.deep.equal({ deleted: 1, outOfScope: 1, backInScope: 0 });
      const movedTask = await taskRow(moved!.sys_id!);
      expect(movedTask).to.deep.include({ key: moved!.number, project_key: other.name, deleted_at: null });
      expect(movedTask.out_of_scope_at).to.not.equal(null);
      expect((await taskRow(gone!.sys_id!)).deleted_at).to.not.equal(null);
      expect(await liveTasks(id)).to.equal(before - 2);
      expect(await sweepEvents(id)).to.deep.equal([
        ['external_task.deleted', gone!.sys_id!],
        ['external_task.out_of_scope', moved!.sys_id!],
      ]);
    });

    it('marks out of scope, not deleted, the records of a table taken off the connection, past a table the account may not read', async () => {
      for (const record of sn().store.all('sc_task')) sn().store.update('sc_task', record.sys_id!, { assignment_group: group.sys_id! });
      const patch = (tables: string[]) => api.http.call('PATCH', `/api/integrations/${id}`, { token: a, body: { tables } });
      expect((await patch(['incident', 'sc_task'])).status).to.equal(200);
      expect((await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token: a, body: { mode: 'full' } })).status).to.equal(200);
      const catalogTasks = sn().store.all('sc_task').map((record) => record.sys_id!).sort();
      expect(catalogTasks).to.have.length(5);
      expect(await liveTasks(id)).to.equal(inGroup().length + 5);
      expect((await patch(['incident'])).status).to.equal(200);
      sn().acl.refuseTables(['problem']);
      try {
        const swept = await sweep(id);
        expect(swept.status, swept.text).to.equal(200);
        expect(swept.json.data.sweep).to.deep.equal({ deleted: 0, outOfScope: 5, backInScope: 0 });
      } finally {
        sn().acl.reset();
      }
      expect(await count('deleted_at is not null', [])).to.equal(0);
      expect((await sweepEvents(id)).filter(([type]) => type === 'external_task.out_of_scope').map(([, item]) => item)).to.deep.equal(catalogTasks);
    });

    it('marks nothing deleted when the integration user is deactivated (401), and the connection says why', async () => {
      const before = await liveTasks(id);
      const integration = sn().store.all('sys_user').find((user) => user.user_name === api.servicenow!.username)!;
      sn().store.update('sys_user', integration.sys_id!, { active: 'false' });
      await expectNothingChanged(id, before);
    });
  });

  describe('ConnectWise', () => {
    let id: string;
    beforeEach(async () => {
      id = await connect({ type: 'connectwise', baseUrl: cw.url, ...CONNECTWISE_SIM_MEMBER, boards: ['Help Desk', 'Professional Services'] });
    });
    afterEach(() => cw.keys.restore());
    const helpDesk = () => cw.store.all('service').filter((t) => t.boardId === 1);

    it('marks deleted a deleted project ticket, and out of scope a service ticket moved to a board the connection does not sync', async () => {
      const before = await liveTasks(id);
      expect(before).to.equal(helpDesk().length + cw.store.all('project').length);
      const [moved] = helpDesk();
      const [gone] = cw.store.all('project');
      const auth = { authorization: `Basic ${Buffer.from(`${CONNECTWISE_SIM_MEMBER.companyId}+${CONNECTWISE_SIM_MEMBER.publicKey}:${CONNECTWISE_SIM_MEMBER.privateKey}`).toString('base64')}`, clientid: CONNECTWISE_SIM_MEMBER.clientId };
      const api30 = `${cw.url}/${CONNECTWISE_SIM_MEMBER.codebase}/apis/3.0`;
      const patched = await fetch(`${api30}/service/tickets/${moved!.id}`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([{ op: 'replace', path: '/board', value: { id: 2 } }]) });
      expect(patched.status).to.equal(200);
      expect((await fetch(`${api30}/project/tickets/${gone!.id}`, { method: 'DELETE', headers: auth })).status).to.equal(204);
      const swept = await sweep(id);
      expect(swept.status, swept.text).to.equal(200);
      expect(swept.json.data.sweep).to.deep.equal({ deleted: 1, outOfScope: 1, backInScope: 0 });
      const movedTask = await taskRow(`service:${moved!.id}`);
      expect(movedTask).to.deep.include({ key: `#${moved!.id}`, board: 'Network Security', deleted_at: null });
      expect(movedTask.out_of_scope_at).to.not.equal(null);
      expect((await taskRow(`project:${gone!.id}`)).deleted_at).to.not.equal(null);
      expect(await liveTasks(id)).to.equal(before - 2);
    });

    it('marks nothing deleted when the API member’s keys are revoked (401), and the connection says why', async () => {
      const before = await liveTasks(id);
      cw.keys.revoke();
      await expectNothingChanged(id, before);
    });
  });
});
