import * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionId, OrganizationId } from '../domain/ids.js';
import { describeError, type DomainError } from '../errors.js';
import type { ConnectionTestResult } from '../ports/issue-source.js';
import { loadConnection } from './load-connection.js';
import { checkedSettings } from './providers/checked-settings.js';
import { reachSource, type ReachableSource, type ReachSourceDeps } from './source-connection.js';

export type TestConnectionDeps = ReachSourceDeps;

/** Credentials that work are not enough: settings a sync would fail on (a project the account cannot see) fail the test too. */
const withSettingsChecked =
  ({ provider, connection, current }: ReachableSource) =>
  (reached: ConnectionTestResult): T.Task<ConnectionTestResult> =>
    reached.connected
      ? pipe(
          checkedSettings(provider, connection, { projectKeys: current.projectScope }),
          TE.match(
            (error): ConnectionTestResult => ({ connected: false, message: describeError(error) }),
            () => reached,
          ),
        )
      : T.of(reached);

/** Asks the tracker whether the stored credentials and settings work. Syncs nothing. */
export const testConnection =
  (deps: TestConnectionDeps) =>
  (organizationId: OrganizationId, id: ConnectionId): TE.TaskEither<DomainError, ConnectionTestResult> =>
    pipe(
      loadConnection(deps.connections)(organizationId, id),
      TE.chainW(reachSource(deps)),
      TE.chainW((reach) => TE.fromTask(pipe(reach.provider.issues.testConnection(reach.connection), T.chain(withSettingsChecked(reach))))),
    );
