import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { DomainError } from '../errors.js';
import type { ConnectionTestResult } from '../ports/issue-source.js';
import { loadConnection } from './load-connection.js';
import { reachSource, type ReachSourceDeps } from './source-connection.js';

export type TestConnectionDeps = ReachSourceDeps;

/** Asks the tracker whether the stored credentials work. Syncs nothing. */
export const testConnection =
  (deps: TestConnectionDeps) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<DomainError, ConnectionTestResult> =>
    pipe(
      loadConnection(deps.connections)(organizationId, id),
      TE.chainW(reachSource(deps)),
      TE.chainW(({ provider, connection }) => TE.fromTask(provider.issues.testConnection(connection))),
    );
