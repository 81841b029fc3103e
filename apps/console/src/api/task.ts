import * as t from 'io-ts';
import { nullable } from './codecs';

export const TaskCodec = t.intersection([
  t.type({
    id: t.string,
    connectionId: t.string,
    externalSystem: t.string,
    key: t.string,
    url: t.string,
    title: t.string,
    status: t.string,
    priority: t.string,
    externalUpdatedAt: t.string,
  }),
  t.partial({
    description: nullable(t.string),
    rawStatus: nullable(t.string),
    rawPriority: nullable(t.string),
    projectKey: nullable(t.string),
    internalProjectId: nullable(t.string),
    assigneeEmail: nullable(t.string),
    resourceId: nullable(t.string),
    dueDate: nullable(t.string),
    externalCreatedAt: nullable(t.string),
    deletedAt: nullable(t.string),
    lastSyncedAt: t.string,
  }),
]);
export type Task = t.TypeOf<typeof TaskCodec>;

export const TaskPageCodec = t.type({ data: t.array(TaskCodec), meta: t.type({ nextCursor: nullable(t.string) }) });
export type TaskPage = t.TypeOf<typeof TaskPageCodec>;

/** The filters of the task list, as the API's query names them. */
export interface TaskFilters {
  readonly source?: string;
  readonly status?: string;
  readonly assignee?: string;
  readonly projectKey?: string;
  readonly updatedSince?: string;
  readonly connectionId?: string;
}
