import type { ManualClock } from '../../adapters/memory/index.js';
import type { TaskRepository } from '../../core/index.js';
import { describeTaskDeletion } from './task-repository-deletion.js';
import { describeTaskListing } from './task-repository-listing.js';
import { describeTaskUpserts } from './task-repository-upserts.js';

export interface TaskRepositorySubject {
  readonly tasks: TaskRepository;
  /** The clock the repository stamps createdAt/updatedAt with. */
  readonly clock: ManualClock;
}

export const describeTaskRepositoryContract = (name: string, setup: () => Promise<TaskRepositorySubject>) =>
  describe(`TaskRepository contract (${name})`, () => {
    describeTaskUpserts(setup);
    describeTaskListing(setup);
    describeTaskDeletion(setup);
  });
