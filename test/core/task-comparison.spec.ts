import { expect } from 'chai';
import { compareTask, type ExternalTask, type TaskDraft } from '../../core/index.js';

const draft: TaskDraft = {
  organizationId: 'org-a' as TaskDraft['organizationId'],
  connectionId: 'c-1' as TaskDraft['connectionId'],
  externalSystem: 'jira',
  externalId: '10001',
  key: 'PROJ-1',
  url: 'https://acme.atlassian.net/browse/PROJ-1',
  title: 'A task',
  description: null,
  status: 'todo',
  rawStatus: 'To Do',
  priority: 'medium',
  rawPriority: 'Medium',
  projectKey: 'PROJ',
  internalProjectId: null,
  assigneeEmail: null,
  assigneeExternalId: null,
  resourceId: null,
  dueDate: '2025-03-01',
  externalCreatedAt: new Date('2025-01-01T00:00:00Z'),
  externalUpdatedAt: new Date('2025-01-02T00:00:00Z'),
  sourceData: { labels: ['a', 'b'], issueType: 'Task' },
  deletedAt: null,
  lastSyncedAt: new Date('2025-01-03T00:00:00Z'),
};
const stored: ExternalTask = { ...draft, id: 't-1' as ExternalTask['id'], createdAt: new Date(), updatedAt: new Date() };

describe('compareTask', () => {
  it('creates what is not stored', () => {
    expect(compareTask(undefined, draft).outcome).to.equal('created');
  });

  it('sees no change when only key order of the JSON or the sync time differ', () => {
    const same = { ...draft, sourceData: { issueType: 'Task', labels: ['a', 'b'] }, lastSyncedAt: new Date() };
    expect(compareTask(stored, same)).to.deep.equal({ outcome: 'unchanged', changedFields: [] });
  });

  it('lists the fields that changed', () => {
    const changed = { ...draft, title: 'Renamed', sourceData: { issueType: 'Bug', labels: ['a', 'b'] } };
    expect(compareTask(stored, changed)).to.deep.equal({ outcome: 'updated', changedFields: ['title', 'sourceData'] });
  });

  it('ignores a draft older than the stored task', () => {
    const older = { ...draft, title: 'Old', externalUpdatedAt: new Date('2025-01-01T12:00:00Z') };
    expect(compareTask(stored, older)).to.deep.equal({ outcome: 'unchanged', changedFields: [] });
  });
});
