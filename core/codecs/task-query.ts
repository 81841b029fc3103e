import * as t from 'io-ts';
import { UnifiedStatusCodec } from '../domain/field-mappings.js';
import { ProviderNameCodec } from '../domain/provider.js';
import { dateFromIsoString, emailString, intFromString, nonEmptyString, uuidString } from './primitives.js';
import { strictObject } from './strict-object.js';

/** Query string of "list tasks": every value arrives as a string. */
export const TaskListQueryCodec = strictObject(
  'TaskListQuery',
  {},
  {
    connectionId: uuidString,
    source: ProviderNameCodec,
    status: UnifiedStatusCodec,
    assignee: emailString,
    resourceId: uuidString,
    projectKey: nonEmptyString(100),
    board: nonEmptyString(200),
    company: nonEmptyString(200),
    updatedSince: dateFromIsoString,
    includeDeleted: t.keyof({ true: null, false: null }, 'IncludeDeleted'),
    limit: intFromString(1, 500),
    cursor: nonEmptyString(500),
  },
);
export type TaskListQuery = t.TypeOf<typeof TaskListQueryCodec>;
