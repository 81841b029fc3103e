import { expect } from 'chai';
import { applyDraft, compareTask, isStaleDraft, taskOf, type ExternalTask, type TaskDraft } from '../../core/index.js';

const draft: TaskDraft = {
  organizationId: 'org-a' as TaskDraft['organizationId'],
  connectionId: 'c-1' as TaskDraft['connectionId'],
  externalSystem: 'tracker',
  site: 'acme.tracker.test',
  externalId: '10001',
  key: 'PROJ-1',
  url: 'https://acme.tracker.test/browse/PROJ-1',
  title: 'A task',
  description: null,
  status: 'todo',
  rawStatus: 'Open',
  statusCategory: null,
  priority: 'medium',
  rawPriority: 'P3',
  projectKey: 'PROJ',
  internalProjectId: null,
  board: null,
  company: null,
  phase: null,
  assigneeEmail: null,
  assigneeExternalId: null,
  resourceId: null,
  dueDate: '2025-03-01',
  externalCreatedAt: new Date('2025-01-01T00:00:00Z'),
  externalUpdatedAt: new Date('2025-01-02T00:00:00Z'),
  sourceVersion: '2025-01-02T00:00:00.000Z',
  sourceData: { labels: ['a', 'b'], issueType: 'Task' },
  dataNotes: [],
  deletedAt: null,
  outOfScopeAt: null,
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
    const older = { ...draft, title: 'Old', externalUpdatedAt: new Date('2025-01-01T12:00:00Z'), sourceVersion: '2025-01-01T12:00:00.000Z' };
    expect(compareTask(stored, older)).to.deep.equal({ outcome: 'unchanged', changedFields: [] });
  });
});

describe('isStaleDraft: versions of the same update time', () => {
  const numbered = (version: string, title = `version ${version}`): TaskDraft => ({ ...draft, sourceVersion: version, title });
  const storedAt = (version: string): ExternalTask => ({ ...stored, ...numbered(version) });

  it('finds a lower numeric version stale, comparing numbers rather than text', () => {
    expect(isStaleDraft(storedAt('12'), numbered('7'))).to.equal(true);
    expect(isStaleDraft(storedAt('7'), numbered('12'))).to.equal(false);
    expect(isStaleDraft(storedAt('100000000000000000001'), numbered('100000000000000000000'))).to.equal(true);
    expect(compareTask(storedAt('12'), numbered('7'))).to.deep.equal({ outcome: 'unchanged', changedFields: [] });
    expect(compareTask(storedAt('7'), numbered('12'))).to.deep.equal({ outcome: 'updated', changedFields: ['title', 'sourceVersion'] });
  });

  it('does not order versions that are not both numbers, nor numbers of different update times', () => {
    expect(isStaleDraft(storedAt('b'), numbered('a'))).to.equal(false);
    expect(isStaleDraft(storedAt('12'), numbered('rev-7'))).to.equal(false);
    const laterButLower = { ...numbered('3'), externalUpdatedAt: new Date('2025-01-02T00:00:01Z') };
    expect(isStaleDraft(storedAt('12'), laterButLower)).to.equal(false);
  });
});

describe('taskOf and applyDraft: a draft stored as a task', () => {
  const id = 'task-1' as ExternalTask['id'];
  const created = new Date('2025-01-01T00:00:00Z');
  const now = new Date('2025-02-01T00:00:00Z');

  it('holds every member of the draft, the identity and the times given, and nothing else', () => {
    const withExtra = { ...draft, notATaskMember: 'left out' } as TaskDraft;
    const task = taskOf(withExtra, draft.organizationId, id, created, now);
    expect(task).to.deep.equal({ ...draft, id, createdAt: created, updatedAt: now });
  });

  it('keeps the stored identity and creation time when applying a newer draft', () => {
    const kept = taskOf(draft, draft.organizationId, id, created, created);
    const changed = applyDraft(kept, { ...draft, title: 'Renamed' }, now);
    expect(changed).to.deep.equal({ ...draft, title: 'Renamed', id, createdAt: created, updatedAt: now });
  });
});
