import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { DomainError } from '../errors.js';
import type { Cipher } from '../ports/cipher.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import type { ConnectionTestResult, IssueSourceRegistry } from '../ports/issue-source.js';
import { loadConnection } from './load-connection.js';
import { reachSource } from './source-connection.js';

export interface TestConnectionDeps {
  readonly connections: ConnectionRepository;
  readonly sources: IssueSourceRegistry;
  readonly cipher: Cipher;
}

/** Asks the tracker whether the stored credentials work. Syncs nothing. */
export const testConnection =
  (deps: TestConnectionDeps) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<DomainError, ConnectionTestResult> =>
    pipe(
      loadConnection(deps.connections)(organizationId, id),
      TE.chainW(reachSource(deps)),
      TE.chainW(({ source, connection }) => TE.fromTask(source.testConnection(connection))),
    );
