import { expect } from 'chai';
import { startTestApi, type TestApi } from './support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from './support/tokens.js';
import { createJiraConnection } from './support/webhook-client.js';

interface Task {
  readonly id: string;
  readonly externalId: string;
  readonly status: string;
  readonly rawStatus: string | null;
  readonly statusCategory: string | null;
  readonly priority: string;
  readonly rawPriority: string | null;
  readonly projectKey: string | null;
  readonly internalProjectId: string | null;
  readonly assigneeEmail: string | null;
  readonly resourceId: string | null;
}

const RESOURCE = 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11';
const MAPPED_FIELDS = ['status', 'rawStatus', 'statusCategory', 'priority', 'rawPriority', 'projectKey', 'internalProjectId', 'assigneeEmail', 'resourceId'] as const;
const mapped = (task: Task) => [task.externalId, ...MAPPED_FIELDS.map((field) => task[field])];

describe('HTTP /api/integrations/:id/mappings and the tasks they map', () => {
  let api: TestApi;
  const a = tokenFor(ORG_A);
  const b = tokenFor(ORG_B);
  before(async () => {
    api = await startTestApi({ issues: 30, latencyMs: 0 });
  });
  after(() => api.close());
  afterEach(async () => {
    for (const token of [a, b]) {
      for (const c of (await api.http.call('GET', '/api/integrations', { token })).json.data) await api.http.call('DELETE', `/api/integrations/${c.id}`, { token });
      for (const m of (await api.http.call('GET', '/api/external-user-mappings', { token })).json.data) await api.http.call('DELETE', `/api/external-user-mappings/${m.id}`, { token });
    }
    await api.orm.em.fork().execute('truncate external_tasks, external_task_events');
  });

  const synced = async (token: string, organizationId: string, overrides: Record<string, unknown> = {}) => {
    const id = await createJiraConnection(api, organizationId, undefined, overrides);
    const sync = await api.http.call('POST', `/api/integrations/${id}/sync-now`, { token, body: { mode: 'full' } });
    expect(sync.status, sync.text).to.equal(200);
    return id;
  };
  const tasksOf = async (token: string, query = ''): Promise<Task[]> => {
    const listed = await api.http.call('GET', `/api/external-tasks?limit=100${query}`, { token });
    expect(listed.status, listed.text).to.equal(200);
    return [...(listed.json.data as Task[])].sort((x, y) => x.externalId.localeCompare(y.externalId));
  };
  const patch = (token: string, id: string, body: unknown) => api.http.call('PATCH', `/api/integrations/${id}/mappings`, { token, body });

  it('PATCH merges, re-maps the stored tasks at once and says how many changed: the same tasks a fresh sync with those mappings writes', async () => {
    const id = await synced(a, ORG_A);
    const before = await tasksOf(a);
    expect(before).to.have.length(30);
    expect(before.every((t) => t.statusCategory !== null)).to.equal(true);
    const project = before[0]!.projectKey!;
    const rules = { status: { 'In Review': 'cancelled', 'category:done': 'cancelled' }, priority: { High: 'urgent' }, projects: [{ projectKey: project, internalProjectId: 'p-1' }] };
    const changes = (t: Task) => t.rawStatus === 'In Review' || t.statusCategory === 'done' || t.rawPriority === 'High' || t.projectKey === project;

    const merged = await patch(a, id, rules);

    expect(merged.status, merged.text).to.equal(200);
    expect(merged.json.data.status).to.deep.include({ 'In Review': 'cancelled', 'category:done': 'cancelled', 'category:new': 'todo', default: 'backlog' });
    expect(merged.json.data.priority).to.deep.include({ High: 'urgent', highest: 'urgent', default: 'medium' });
    expect(merged.json.data.priority).not.to.have.property('high');
    expect(merged.json.meta.remap).to.deep.equal({ tasksExamined: 30, tasksRemapped: before.filter(changes).length });
    const after = await tasksOf(a);
    expect(after.filter((t) => t.rawStatus === 'In Review' || t.statusCategory === 'done').map((t) => t.status)).to.satisfy((s: string[]) => s.length > 0 && s.every((x) => x === 'cancelled'));
    expect(after.filter((t) => t.projectKey === project).every((t) => t.internalProjectId === 'p-1')).to.equal(true);

    const fresh = await createJiraConnection(api, ORG_B);
    expect((await patch(b, fresh, rules)).json.meta.remap).to.deep.equal({ tasksExamined: 0, tasksRemapped: 0 });
    await api.http.call('POST', `/api/integrations/${fresh}/sync-now`, { token: b, body: { mode: 'full' } });
    expect(after.map(mapped)).to.deep.equal((await tasksOf(b)).map(mapped));
  });

  it('PATCH never removes a default (a 400 naming it, nothing changed); PUT still replaces every rule it is given', async () => {
    const id = await synced(a, ORG_A);
    const refused = await patch(a, id, { status: { default: null, Blocked: 'todo' } });
    expect([refused.status, refused.json.error.code, refused.json.error.details]).to.deep.equal([
      400,
      'validation/invalid-body',
      [{ path: 'status.default', message: 'the default mapping cannot be removed; give it another value instead' }],
    ]);
    expect((await api.http.call('GET', `/api/integrations/${id}/mappings`, { token: a })).json.data.status).not.to.have.property('Blocked');

    const replaced = await api.http.call('PUT', `/api/integrations/${id}/mappings`, { token: a, body: { status: { default: 'todo' }, priority: { default: 'low' } } });
    expect(replaced.status, replaced.text).to.equal(200);
    expect(replaced.json.data).to.deep.equal({ status: { default: 'todo' }, priority: { default: 'low' }, projects: [] });
    expect(replaced.json.meta.remap.tasksExamined).to.equal(30);
    expect(new Set((await tasksOf(a)).map((t) => `${t.status}/${t.priority}`))).to.deep.equal(new Set(['todo/low']));
  });

  it("a user mapping gives the organization's tasks of that e-mail the resource at once, and deleting it takes the resource away", async () => {
    await synced(a, ORG_A);
    const email = (await tasksOf(a)).find((t) => t.assigneeEmail !== null)!.assigneeEmail!;
    const theirs = (await tasksOf(a)).filter((t) => t.assigneeEmail === email).length;

    const created = await api.http.call('POST', '/api/external-user-mappings', { token: a, body: { externalSystem: 'jira', externalEmail: email.toUpperCase(), resourceId: RESOURCE } });

    expect(created.status, created.text).to.equal(201);
    expect(created.json.data).to.include({ externalEmail: email, resourceId: RESOURCE });
    expect(created.json.meta.remap).to.deep.equal({ tasksExamined: theirs, tasksRemapped: theirs });
    expect((await tasksOf(a, `&resourceId=${RESOURCE}`)).length).to.equal(theirs);

    const deleted = await api.http.call('DELETE', `/api/external-user-mappings/${created.json.data.id}`, { token: a });
    expect([deleted.status, deleted.text, deleted.headers.get('taskport-tasks-examined'), deleted.headers.get('taskport-tasks-remapped')]).to.deep.equal([204, '', String(theirs), String(theirs)]);
    expect(await tasksOf(a, `&resourceId=${RESOURCE}`)).to.deep.equal([]);
  });

  it('limits syncs to the project scope alone: project mappings never narrow them', async () => {
    const mappedOnly = await synced(a, ORG_A, { projectMappings: [{ projectKey: 'OPS', internalProjectId: 'p-ops' }] });
    expect((await tasksOf(a)).length).to.equal(30);
    const scoped = await createJiraConnection(api, ORG_B, undefined, { projectScope: ['OPS'] });
    const shown = (await api.http.call('GET', `/api/integrations/${scoped}`, { token: b })).json.data;
    expect([shown.projectScope, shown.mappings.projects]).to.deep.equal([['OPS'], []]);
    await api.http.call('POST', `/api/integrations/${scoped}/sync-now`, { token: b, body: { mode: 'full' } });
    const opsOnly = await tasksOf(b);
    expect(opsOnly.length).to.be.within(1, 29);
    expect(new Set(opsOnly.map((t) => t.projectKey))).to.deep.equal(new Set(['OPS']));

    const widened = await api.http.call('PATCH', `/api/integrations/${scoped}`, { token: b, body: { projectScope: [] } });
    expect([widened.status, widened.json.data.projectScope]).to.deep.equal([200, []]);
    await api.http.call('POST', `/api/integrations/${scoped}/sync-now`, { token: b, body: { mode: 'full' } });
    expect((await tasksOf(b)).length).to.equal(30);
    expect((await api.http.call('GET', `/api/integrations/${mappedOnly}`, { token: a })).json.data.projectScope).to.deep.equal([]);
  });
});
