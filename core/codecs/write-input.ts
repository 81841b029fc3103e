import * as t from 'io-ts';
import { UnifiedPriorityCodec, UnifiedStatusCodec } from '../domain/field-mappings.js';
import { calendarDateString, emailString, nonEmptyString, uuidString } from './primitives.js';
import { strictObject } from './strict-object.js';

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/** The fields both a create and an update may set; `null` clears one. */
const writableFields = {
  description: nullable(nonEmptyString(32_000)),
  priority: UnifiedPriorityCodec,
  assigneeEmail: nullable(emailString),
  assigneeExternalId: nullable(nonEmptyString(200)),
  dueDate: nullable(calendarDateString),
  status: UnifiedStatusCodec,
};

/** `POST /api/external-tasks`: a new item in the connection's project (table, board). */
export const CreateTaskInputCodec = strictObject(
  'CreateTaskInput',
  { connectionId: uuidString, projectKey: nonEmptyString(100), title: nonEmptyString(255) },
  writableFields,
);
export type CreateTaskInput = t.TypeOf<typeof CreateTaskInputCodec>;

/** `PATCH /api/external-tasks/:id`: the fields to change, and the version the change is based on. */
export const UpdateTaskInputCodec = strictObject(
  'UpdateTaskInput',
  {},
  { title: nonEmptyString(255), ...writableFields, baseVersion: nonEmptyString(200) },
);
export type UpdateTaskInput = t.TypeOf<typeof UpdateTaskInputCodec>;

/** `?wait=true` on the write routes. */
export const WriteWaitQueryCodec = strictObject('WriteWaitQuery', {}, { wait: t.keyof({ true: null, false: null }) });
