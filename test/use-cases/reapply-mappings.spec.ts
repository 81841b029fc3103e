import { expect } from 'chai';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { aConnectionInput, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, ORG_B, createHarness, id, right, type Harness, requester } from '../builders/harness.js';
import { anIssue, someIssues, trackerStatuses } from '../builders/source-issue-builder.js';
import { REMAP_BATCH_SIZE, TASK_CONTENT_FIELDS, remapTasks, type ExternalTask, type OrganizationId, type UnitOfWork } from '../../core/index.js';

const RESOURCE_ANA = 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11';
const RESOURCE_BO = 'b6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a22';

/** Items that exercise every raw value a mapping reads: names, categories, boards in names, priorities, projects, assignees. */
const varietyOfIssues = () => [
  anIssue(1, { rawStatus: 'Waiting for vendor', statusCategory: 'active', rawPriority: 'Blocker', projectKey: 'OPS', assigneeEmail: 'Ana@Acme.example' }),
  anIssue(2, { ...trackerStatuses.todo, rawPriority: 'P1', projectKey: 'WEB', assigneeExternalId: 'acc-bo' }),
  anIssue(3, { ...trackerStatuses.done, rawPriority: null, projectKey: null }),
  anIssue(4, { rawStatus: 'Support/Waiting', statusCategory: 'active', rawPriority: 'P4', board: 'Support', assigneeEmail: 'carl@acme.example' }),
  anIssue(5, { rawStatus: 'Triage', statusCategory: null, rawPriority: 'p2', projectKey: 'ops' }),
];

const NEW_RULES = {
  status: { 'Waiting for vendor': 'cancelled', 'support/waiting': 'todo', 'category:open': null, 'category:closed': 'cancelled', Triage: 'todo', default: 'todo' },
  priority: { blocker: 'urgent', p1: 'high', default: 'low' },
  projects: [
    { projectKey: 'OPS', internalProjectId: 'p-ops' },
    { projectKey: 'WEB', internalProjectId: 'p-web' },
  ],
};

const content = (task: ExternalTask) => Object.fromEntries(TASK_CONTENT_FIELDS.map((field) => [field, task[field]]));

const tasksOf = (h: Harness, organizationId: OrganizationId) =>
  [...h.adapters.state.tasks.values()].filter((t) => t.organizationId === organizationId).sort((a, b) => a.externalId.localeCompare(b.externalId));

describe('mappings applied again to stored tasks', () => {
  let h: Harness;
  let connectionId: string;
  beforeEach(async () => {
    h = createHarness({ pageSize: 2 });
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput()))).id;
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, varietyOfIssues());
    await right(h.sync(ORG_A, connectionId));
  });

  it('gives the stored tasks exactly what a fresh sync with the new mappings gives, without asking the tracker', async () => {
    const searchesBefore = h.adapters.issueSource.calls.length;
    const { remap } = await right(h.patchMappings(requester(ORG_A), id(connectionId), NEW_RULES));
    await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'ana@acme.example', resourceId: RESOURCE_ANA }));
    await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'bo@acme.example', externalUserId: 'acc-bo', resourceId: RESOURCE_BO }));
    expect(h.adapters.issueSource.calls.length).to.equal(searchesBefore);
    expect(remap).to.deep.equal({ tasksExamined: 5, tasksRemapped: 5 });

    // The same items synced afresh into a connection of another organization that starts with the new mappings.
    const fresh = (await right(h.createConnection(requester(ORG_B), aConnectionInput()))).id;
    await right(h.patchMappings(requester(ORG_B), id(fresh), NEW_RULES));
    await right(h.createUserMapping(requester(ORG_B), { externalSystem: 'tracker', externalEmail: 'ana@acme.example', resourceId: RESOURCE_ANA }));
    await right(h.createUserMapping(requester(ORG_B), { externalSystem: 'tracker', externalEmail: 'bo@acme.example', externalUserId: 'acc-bo', resourceId: RESOURCE_BO }));
    await right(h.sync(ORG_B, fresh));

    const remapped = tasksOf(h, ORG_A);
    expect(remapped.map(content)).to.deep.equal(tasksOf(h, ORG_B).map(content));
    expect(remapped.map((t) => [t.status, t.priority, t.internalProjectId, t.resourceId])).to.deep.equal([
      ['cancelled', 'urgent', 'p-ops', RESOURCE_ANA],
      ['todo', 'high', 'p-web', RESOURCE_BO],
      ['cancelled', 'low', null, null],
      ['todo', 'low', null, null],
      ['todo', 'high', 'p-ops', null],
    ]);
  });

  it('tells the product of each task it changed, naming the fields, as a sync does, in the outbox with its own cause', async () => {
    const before = h.adapters.domainEvents.published.length;
    const outboxBefore = h.adapters.state.outbox.size;
    await right(h.patchMappings(requester(ORG_A), id(connectionId), { priority: { blocker: 'urgent' } }));
    const events = h.adapters.domainEvents.published.slice(before);
    expect(events).to.have.length(1);
    expect(events[0]).to.deep.include({ type: 'external_task.updated', change: 'updated', organizationId: ORG_A, changedFields: ['priority'] });
    expect(events[0]!.task).to.include({ key: 'PROJ-1', priority: 'urgent', rawPriority: 'Blocker' });
    const written = [...h.adapters.state.outbox.values()].sort((a, b) => a.seq - b.seq).slice(outboxBefore).map((row) => row.event);
    expect(written.map((e) => [e.type, e.cause, e.taskId])).to.deep.equal([['external_task.updated', 'mapping', tasksOf(h, ORG_A)[0]!.id]]);
    expect(written[0]!.data).to.have.deep.property('changedFields', ['priority']);
  });

  it('is idempotent: the same mappings again change nothing and announce nothing', async () => {
    expect((await right(h.patchMappings(requester(ORG_A), id(connectionId), NEW_RULES))).remap.tasksRemapped).to.equal(5);
    const stored = tasksOf(h, ORG_A).map((t) => ({ ...t }));
    const before = h.adapters.domainEvents.published.length;
    expect((await right(h.patchMappings(requester(ORG_A), id(connectionId), {}))).remap).to.deep.equal({ tasksExamined: 5, tasksRemapped: 0 });
    expect((await right(h.patchMappings(requester(ORG_A), id(connectionId), NEW_RULES))).remap).to.deep.equal({ tasksExamined: 5, tasksRemapped: 0 });
    expect(tasksOf(h, ORG_A)).to.deep.equal(stored);
    expect(h.adapters.domainEvents.published).to.have.length(before);
  });

  it('applies a replacement (PUT) too, and project mappings changed with the connection', async () => {
    const { remap } = await right(h.replaceMappings(requester(ORG_A), id(connectionId), { status: { default: 'cancelled' }, priority: { default: 'urgent' } }));
    expect(remap).to.deep.equal({ tasksExamined: 5, tasksRemapped: 5 });
    expect(new Set(tasksOf(h, ORG_A).map((t) => `${t.status}/${t.priority}`))).to.deep.equal(new Set(['cancelled/urgent']));
    await right(h.updateConnection(requester(ORG_A), id(connectionId), { projectMappings: [{ projectKey: 'WEB', internalProjectId: 'p-web' }] }));
    expect(tasksOf(h, ORG_A).map((t) => t.internalProjectId)).to.deep.equal([null, 'p-web', null, null, null]);
  });

  it("keeps the stored task when a sync wrote a newer version of it: the tracker's latest content wins", async () => {
    const later = new Date('2026-05-01T00:00:00.000Z');
    const { id: _id, createdAt: _c, updatedAt: _u, ...first } = tasksOf(h, ORG_A)[0]!;
    const newer = { ...first, rawStatus: 'Closed', statusCategory: 'closed', status: 'done' as const, externalUpdatedAt: later, sourceVersion: later.toISOString() };
    let raced = false;
    // A sync's page lands between the remapping's read of a batch and its write.
    const racing: UnitOfWork = {
      transaction: (work) =>
        h.adapters.unitOfWork.transaction((ports) =>
          work({
            ...ports,
            tasks: {
              ...ports.tasks,
              list: (...args) => pipe(ports.tasks.list(...args), TE.chainFirst(() => (raced ? TE.right([]) : ((raced = true), ports.tasks.upsertMany(ORG_A, [newer]))))),
            },
          }),
        ),
    };
    const connection = (await right(h.adapters.connections.findById(ORG_A, id(connectionId))))!;
    const report = await right(remapTasks({ ...h.adapters, unitOfWork: racing })({ organizationId: ORG_A, externalSystem: 'tracker', filter: { site: connection.site }, mappings: { ...connection.mappings, status: { default: 'cancelled' } } }));
    expect(report.tasksRemapped).to.equal(4);
    expect(tasksOf(h, ORG_A)[0]).to.include({ status: 'done', rawStatus: 'Closed', sourceVersion: later.toISOString() });
    expect(tasksOf(h, ORG_A).slice(1).map((t) => t.status)).to.deep.equal(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('reads and writes in batches of a bounded size, however many tasks there are', async () => {
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(REMAP_BATCH_SIZE * 2 + 7));
    await right(h.sync(ORG_A, connectionId, { mode: 'full' }));
    const pages: number[] = [];
    const counting: UnitOfWork = {
      transaction: (work) =>
        h.adapters.unitOfWork.transaction((ports) =>
          work({ ...ports, tasks: { ...ports.tasks, list: (organizationId, filter, page) => pipe(ports.tasks.list(organizationId, filter, page), TE.map((found) => (pages.push(found.items.length), found))) } }),
        ),
    };
    const connection = (await right(h.adapters.connections.findById(ORG_A, id(connectionId))))!;
    const report = await right(remapTasks({ ...h.adapters, unitOfWork: counting })({ organizationId: ORG_A, externalSystem: 'tracker', filter: { site: connection.site }, mappings: { ...connection.mappings, priority: { default: 'urgent' } } }));
    expect(pages).to.deep.equal([REMAP_BATCH_SIZE, REMAP_BATCH_SIZE, 7]);
    expect(report).to.deep.equal({ tasksExamined: REMAP_BATCH_SIZE * 2 + 7, tasksRemapped: REMAP_BATCH_SIZE * 2 + 7 - 1 });
  });
});

describe('user mappings applied again to stored tasks', () => {
  let h: Harness;
  beforeEach(async () => {
    h = createHarness();
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, varietyOfIssues());
    for (const organizationId of [ORG_A, ORG_B]) {
      const { id: connectionId } = await right(h.createConnection(requester(organizationId), aConnectionInput()));
      await right(h.sync(organizationId, connectionId));
    }
  });
  const resources = (organizationId: OrganizationId) => tasksOf(h, organizationId).map((t) => t.resourceId);

  it("gives the organization's tasks of that e-mail the resource, and no other task", async () => {
    const { remap } = await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'ANA@acme.example', resourceId: RESOURCE_ANA }));
    expect(remap).to.deep.equal({ tasksExamined: 1, tasksRemapped: 1 });
    expect(resources(ORG_A)).to.deep.equal([RESOURCE_ANA, null, null, null, null]);
    expect(resources(ORG_B)).to.deep.equal([null, null, null, null, null]);
  });

  it("reaches tasks that name the person only by the tracker's user id when the mapping has it", async () => {
    const { remap } = await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'bo@acme.example', externalUserId: 'acc-bo', resourceId: RESOURCE_BO }));
    expect(remap).to.deep.equal({ tasksExamined: 1, tasksRemapped: 1 });
    expect(resources(ORG_A)).to.deep.equal([null, RESOURCE_BO, null, null, null]);
  });

  it('takes the resource away again when the mapping is deleted, and says how many tasks lost it', async () => {
    const { mapping } = await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'ana@acme.example', resourceId: RESOURCE_ANA }));
    const before = h.adapters.domainEvents.published.length;
    expect(await right(h.deleteUserMapping(requester(ORG_A), mapping.id))).to.deep.equal({ tasksExamined: 1, tasksRemapped: 1 });
    expect(resources(ORG_A)).to.deep.equal([null, null, null, null, null]);
    expect(h.adapters.domainEvents.published.slice(before).map((e) => e.changedFields)).to.deep.equal([['resourceId']]);
  });
});
