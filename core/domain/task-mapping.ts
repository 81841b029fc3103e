import type { ExternalTask, TaskContent } from './external-task.js';
import { mapPriority, mapProject, mapStatus, type FieldMappings } from './field-mappings.js';

/** The raw values of an item that a connection's mappings read; every task keeps them. */
export type MappingInputs = Pick<TaskContent, 'rawStatus' | 'statusCategory' | 'rawPriority' | 'projectKey'>;

/** What a connection's field mappings decide. */
export type MappedFields = Pick<TaskContent, 'status' | 'priority' | 'internalProjectId'>;

/** The one place raw values become unified ones, for a sync and for mappings applied again alike. */
export const mappedFields = (mappings: FieldMappings, raw: MappingInputs): MappedFields => ({
  status: mapStatus(mappings, raw.rawStatus, raw.statusCategory),
  priority: mapPriority(mappings, raw.rawPriority),
  internalProjectId: mapProject(mappings, raw.projectKey),
});

/** A stored task with its mapped fields worked out again, or null when they would not change. */
export const remappedTask = (task: ExternalTask, mappings: FieldMappings | null, resourceId: string | null): ExternalTask | null => {
  const mapped = mappings === null ? {} : mappedFields(mappings, task);
  const next: ExternalTask = { ...task, ...mapped, resourceId };
  const changed = next.status !== task.status || next.priority !== task.priority || next.internalProjectId !== task.internalProjectId || next.resourceId !== task.resourceId;
  return changed ? next : null;
};

/** What applying mappings again to stored tasks did: how many tasks it read and how many changed. */
export interface RemapReport {
  readonly tasksExamined: number;
  readonly tasksRemapped: number;
}

export const noRemap: RemapReport = { tasksExamined: 0, tasksRemapped: 0 };

export const addRemaps = (a: RemapReport, b: RemapReport): RemapReport => ({
  tasksExamined: a.tasksExamined + b.tasksExamined,
  tasksRemapped: a.tasksRemapped + b.tasksRemapped,
});
