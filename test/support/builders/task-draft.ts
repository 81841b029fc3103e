import { asOrganizationId, type TaskDraft } from '../../../core/index.js';
import { anId } from './ids.js';

let counter = 0;

export const aTaskDraft = (overrides: Partial<TaskDraft> = {}): TaskDraft => {
  counter += 1;
  const updatedAt = overrides.externalUpdatedAt ?? new Date('2026-01-15T09:30:00.123Z');
  return {
    organizationId: asOrganizationId('org-builder'),
    connectionId: anId(),
    externalSystem: 'tracker',
    site: 'acme.tracker.test',
    externalId: `${10000 + counter}`,
    key: `OPS-${counter}`,
    url: `https://acme.tracker.test/browse/OPS-${counter}`,
    title: `Task ${counter}`,
    description: 'Something to do',
    status: 'todo',
    rawStatus: 'To Do',
    statusCategory: 'new',
    priority: 'medium',
    rawPriority: 'Medium',
    projectKey: 'OPS',
    internalProjectId: null,
    board: null,
    company: null,
    phase: null,
    assigneeEmail: 'ann@acme.test',
    assigneeExternalId: 'acc-ann',
    resourceId: null,
    dueDate: '2026-03-31',
    externalCreatedAt: new Date('2026-01-10T08:00:00.000Z'),
    externalUpdatedAt: updatedAt,
    sourceVersion: updatedAt.toISOString(),
    sourceData: { fields: { summary: `Task ${counter}`, labels: ['a', 'b'] } },
    dataNotes: [],
    deletedAt: null,
    outOfScopeAt: null,
    lastSyncedAt: new Date('2026-01-20T00:00:00.000Z'),
    ...overrides,
  };
};
