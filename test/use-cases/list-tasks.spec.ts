import { expect } from 'chai';
import { aConnectionInput, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, createHarness, left, right, type Harness, requester } from '../builders/harness.js';
import { anIssue, trackerStatuses } from '../builders/source-issue-builder.js';

describe('listTasks', () => {
  let h: Harness;
  let connectionId: string;
  beforeEach(async () => {
    h = createHarness();
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput()))).id;
    await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'ana@acme.example', resourceId: 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11' }));
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, [
      anIssue(1, { ...trackerStatuses.done, assigneeEmail: 'ana@acme.example' }),
      anIssue(2, { projectKey: 'OPS', key: 'OPS-2', board: 'Help Desk', company: 'ACME', phase: 'Build' }),
      anIssue(3, { ...trackerStatuses.done }),
      anIssue(4),
      anIssue(5, { assigneeEmail: 'ana@acme.example' }),
    ]);
    await right(h.sync(ORG_A, connectionId));
  });

  const keys = async (query: Record<string, string>) => (await right(h.listTasks(ORG_A, query))).items.map((t) => t.key);

  it('lists newest change first and filters by status, assignee, resource, project, board, company, connection and time', async () => {
    expect(await keys({})).to.deep.equal(['PROJ-5', 'PROJ-4', 'PROJ-3', 'OPS-2', 'PROJ-1']);
    expect(await keys({ status: 'done' })).to.deep.equal(['PROJ-3', 'PROJ-1']);
    expect(await keys({ assignee: 'ANA@acme.example' })).to.deep.equal(['PROJ-5', 'PROJ-1']);
    expect(await keys({ resourceId: 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11', status: 'done' })).to.deep.equal(['PROJ-1']);
    expect(await keys({ projectKey: 'OPS' })).to.deep.equal(['OPS-2']);
    expect(await keys({ board: 'Help Desk', company: 'ACME' })).to.deep.equal(['OPS-2']);
    expect(await keys({ board: 'Service' })).to.deep.equal([]);
    expect(await keys({ connectionId, source: 'tracker' })).to.have.length(5);
    expect(await keys({ updatedSince: anIssue(4).updatedAt.toISOString() })).to.deep.equal(['PROJ-5', 'PROJ-4']);
  });

  it('pages with an opaque cursor until there is no more', async () => {
    const first = await right(h.listTasks(ORG_A, { limit: '2' }));
    expect(first.items.map((t) => t.key)).to.deep.equal(['PROJ-5', 'PROJ-4']);
    const second = await right(h.listTasks(ORG_A, { limit: '2', cursor: first.nextCursor! }));
    expect(second.items.map((t) => t.key)).to.deep.equal(['PROJ-3', 'OPS-2']);
    const third = await right(h.listTasks(ORG_A, { limit: '2', cursor: second.nextCursor! }));
    expect(third.items.map((t) => t.key)).to.deep.equal(['PROJ-1']);
    expect(third.nextCursor).to.equal(null);
  });

  it('refuses bad filters, naming them', async () => {
    const error = await left(h.listTasks(ORG_A, { status: 'open', limit: '0', cursor: 'garbage', organizationId: 'org-b' }));
    expect(error._tag === 'InvalidQuery' && error.details.map((d) => d.path)).to.have.members(['organizationId', 'status', 'limit']);
    const cursor = await left(h.listTasks(ORG_A, { cursor: 'garbage' }));
    expect(cursor).to.deep.include({ details: [{ path: 'cursor', message: 'is not a cursor this API returned' }] });
  });
});
