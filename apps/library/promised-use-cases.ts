import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { DomainError, UseCases } from '../../core/index.js';
import { TaskportError } from './taskport-error.js';

/** The use cases a host calls; the rest (running jobs, publishing events, applying webhooks) are the worker's and the router's. */
export const HOST_USE_CASES = [
  'listProviders',
  'createConnection',
  'listConnections',
  'getConnection',
  'updateConnection',
  'deleteConnection',
  'testConnection',
  'syncNow',
  'requestSync',
  'getSyncRun',
  'listSyncRuns',
  'cancelSyncRun',
  'getMappings',
  'replaceMappings',
  'patchMappings',
  'createUserMapping',
  'listUserMappings',
  'deleteUserMapping',
  'listTasks',
  'getTask',
  'resolveTaskReferences',
  'createTask',
  'updateTask',
  'getWrite',
  'listWorkspaceModules',
  'getWorkspaceModule',
  'updateWorkspaceModule',
  'createEventEndpoint',
  'listEventEndpoints',
  'getEventEndpoint',
  'updateEventEndpoint',
  'deleteEventEndpoint',
  'listEventDeliveries',
  'retryEventDelivery',
  'listEvents',
  'listAuditEvents',
  'startOAuth',
  'selectOAuthSite',
  'getSiteSelection',
] as const satisfies ReadonlyArray<keyof UseCases>;

export type HostUseCaseName = (typeof HOST_USE_CASES)[number];

/** A use case of core with its TaskEither turned into a Promise: the same arguments, the right value, a TaskportError for the left. */
export type Promised<F> = F extends (...args: infer A) => TE.TaskEither<DomainError, infer R> ? (...args: A) => Promise<R> : never;

/** Core's use cases for a host, Promise-based: each rejects with a `TaskportError` carrying the tagged error. */
export type TaskportUseCases = { readonly [K in HostUseCaseName]: Promised<UseCases[K]> };

const promised =
  <A extends ReadonlyArray<unknown>, R>(useCase: (...args: A) => TE.TaskEither<DomainError, R>) =>
  async (...args: A): Promise<R> => {
    const result = await useCase(...args)();
    if (E.isLeft(result)) throw new TaskportError(result.left);
    return result.right;
  };

/** Wraps the host's use cases; a thrown error (a bug) passes through as it is. */
export const promisedUseCases = (useCases: UseCases): TaskportUseCases =>
  Object.fromEntries(
    HOST_USE_CASES.map((name) => [name, promised(useCases[name] as (...args: ReadonlyArray<unknown>) => TE.TaskEither<DomainError, unknown>)]),
  ) as unknown as TaskportUseCases;
