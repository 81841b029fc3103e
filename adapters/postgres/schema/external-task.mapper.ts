import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { asEntityId, asOrganizationId, type ExternalTask, type PersistenceFailure } from '../../../core/index.js';
import type { TaskRecord } from './external-task.schema.js';
import { decodeDataNotes, decodeSourceData } from './json-columns.js';

export const toExternalTask = (r: TaskRecord): E.Either<PersistenceFailure, ExternalTask> =>
  pipe(
    E.Do,
    E.apS('sourceData', decodeSourceData(r.sourceData)),
    E.apS('dataNotes', decodeDataNotes(r.dataNotes)),
    E.map(({ sourceData, dataNotes }) => ({
      ...r,
      id: asEntityId(r.id),
      organizationId: asOrganizationId(r.organizationId),
      connectionId: asEntityId(r.connectionId),
      sourceData,
      dataNotes,
    })),
  );

export const toExternalTasks = (records: ReadonlyArray<TaskRecord>): E.Either<PersistenceFailure, ReadonlyArray<ExternalTask>> =>
  E.traverseArray(toExternalTask)(records);
