import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { asEntityId, asOrganizationId, bindUseCases, type ConnectionId, type OrganizationId, type Requester } from '../../core/index.js';
import { createInMemoryAdapters, type InMemoryOptions } from '../../adapters/memory/index.js';

export const ORG_A: OrganizationId = asOrganizationId('org-a');
export const ORG_B: OrganizationId = asOrganizationId('org-b');

/** A person of `organizationId` asking for a change (the `sub` of their token), outside any HTTP request. */
export const requester = (organizationId: OrganizationId, actor = 'user-1', requestId: string | null = null): Requester => ({ organizationId, actor, requestId });

/**
 * Every use case wired to the in-memory adapters and the fake tracker provider (`tracker`): the
 * harness of core's tests, which depend on no real provider.
 */
export const createHarness = (options: InMemoryOptions = {}) => {
  const adapters = createInMemoryAdapters(options);
  const useCases = bindUseCases(adapters);
  adapters.syncQueue.attach(useCases.runSyncJob, adapters.syncRuns);
  adapters.writeQueue.attach(useCases.runWriteJob, adapters.writes);
  return {
    adapters,
    ...useCases,
    sync: (organizationId: OrganizationId, connectionId: string, options?: unknown) =>
      useCases.syncNow({ organizationId, connectionId: asEntityId(connectionId), options }),
  };
};

export type Harness = ReturnType<typeof createHarness>;

export const id = (value: string): ConnectionId => asEntityId(value);

/** Runs a TaskEither that must succeed and returns its value. */
export const right = async <E, A>(task: TE.TaskEither<E, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected Right, got Left ${JSON.stringify(result.left)}`);
  return result.right;
};

/** Runs a TaskEither that must fail and returns its error. */
export const left = async <E, A>(task: TE.TaskEither<E, A>): Promise<E> => {
  const result = await task();
  if (E.isRight(result)) throw new Error(`expected Left, got Right ${JSON.stringify(result.right)}`);
  return result.left;
};
