import * as E from 'fp-ts/lib/Either.js';
import { persistenceFailure, type UnitOfWork } from '../../core/index.js';

const turns = async (count: number) => {
  for (let i = 0; i < count; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

export interface SlowUpsertOptions {
  /** The upsert of this number (1-based) fails as an outage would. */
  readonly failing?: number;
  /** Held until `release` is called. */
  readonly gated?: boolean;
}

/**
 * `unitOfWork` with each task upsert held for a few turns of the event loop (so that fetched batches
 * arrive while it runs and wait to be written), or until `release` when gated; `upserts` lists the
 * drafts each upsert was given, in the order they began.
 */
export const slowTaskUpserts = (unitOfWork: UnitOfWork, options: SlowUpsertOptions = {}) => {
  const upserts: number[] = [];
  let open = options.gated !== true;
  const slowed: UnitOfWork = {
    transaction: (work, lane) =>
      unitOfWork.transaction(
        (ports) =>
          work({
            ...ports,
            tasks: {
              ...ports.tasks,
              upsertMany: (organizationId, drafts) => async () => {
                upserts.push(drafts.length);
                await turns(20);
                while (!open) await turns(1);
                return upserts.length === options.failing ? E.left(persistenceFailure('The database went away')) : ports.tasks.upsertMany(organizationId, drafts)();
              },
            },
          }),
        lane,
      ),
  };
  return { unitOfWork: slowed, upserts, release: () => void (open = true) };
};
