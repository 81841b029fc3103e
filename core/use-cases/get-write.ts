import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { EntityId, OrganizationId } from '../domain/ids.js';
import type { Write } from '../domain/write.js';
import { writeNotFound, type PersistenceFailure, type WriteNotFound } from '../errors.js';
import type { WriteQueue } from '../ports/write-queue.js';
import type { WriteRepository } from '../ports/write-repository.js';

export interface GetWriteDeps {
  readonly writes: WriteRepository;
  readonly writeQueue: WriteQueue;
}

/** The longest a caller may wait for a write's outcome (`?wait=true`); then it sees the write as it stands. */
export const MAX_WRITE_WAIT_MS = 20_000;

/** One write of the organization; with `waitMs`, once it is finished or that time has passed. Another organization's is not found. */
export const getWrite =
  (deps: GetWriteDeps) =>
  (organizationId: OrganizationId, id: EntityId, waitMs = 0): TE.TaskEither<WriteNotFound | PersistenceFailure, Write> =>
    pipe(
      waitMs > 0 ? deps.writeQueue.settled({ organizationId, writeId: id }, Math.min(waitMs, MAX_WRITE_WAIT_MS)) : deps.writes.findById(organizationId, id),
      TE.chainW((write) => (write === null ? TE.left(writeNotFound(id)) : TE.right(write))),
    );
