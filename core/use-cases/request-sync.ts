import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeInput } from '../codecs/decode.js';
import { SyncNowInputCodec } from '../codecs/sync-input.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import type { RequestOrigin } from '../domain/requester.js';
import type { SyncRun, SyncTrigger } from '../domain/sync-run.js';
import { connectionDisabled, type DomainError } from '../errors.js';
import type { ConnectionRepository } from '../ports/connection-repository.js';
import { loadConnection } from './load-connection.js';
import { reachSource, type ReachSourceDeps } from './source-connection.js';
import { openRun, type OpenRunDeps } from './sync/open-run.js';

export interface RequestSyncDeps extends OpenRunDeps, ReachSourceDeps {
  readonly connections: ConnectionRepository;
}

export interface SyncNowCommand {
  readonly organizationId: OrganizationId;
  readonly connectionId: ConnectionId;
  readonly trigger?: SyncTrigger;
  /** Optional body: `{ mode: 'incremental' | 'full' }`. Incremental is the default; full re-reads everything and sweeps. */
  readonly options?: unknown;
  /** Who asked (audited with the run); a scheduled run without one is `system:scheduler`'s. */
  readonly origin?: RequestOrigin;
}

/**
 * Queues a sync of a connection of the organization and answers its run (status `queued`). Fails
 * at once, before any run is recorded, when the connection is disabled or its source cannot be
 * reached (reauthorization needed, no adapter); `SyncInProgress` while another run is open.
 */
export const requestSync =
  (deps: RequestSyncDeps) =>
  (command: SyncNowCommand): TE.TaskEither<DomainError, SyncRun> =>
    pipe(
      TE.fromEither(decodeInput(SyncNowInputCodec)(command.options ?? {})),
      TE.bindTo('options'),
      TE.bindW('connection', () => loadConnection(deps.connections)(command.organizationId, command.connectionId)),
      TE.chainFirstW(({ connection }) => (connection.enabled ? TE.right(connection) : TE.left(connectionDisabled(connection.id)))),
      TE.chainFirstW(({ connection }) => reachSource(deps)(connection)),
      TE.chainW(({ options, connection }) =>
        openRun(deps)({
          organizationId: connection.organizationId,
          connectionId: connection.id,
          trigger: command.trigger ?? 'manual',
          mode: options.mode ?? 'incremental',
          ...(command.origin === undefined ? {} : { origin: command.origin }),
        }),
      ),
    );
