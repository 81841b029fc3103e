import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { SourceConnection, SourceError } from '../../../core/index.js';
import type { TicketScope } from './conditions.js';
import type { TicketKind } from './facts.js';
import { apiTarget, type ApiTarget } from './requests.js';
import { connectWiseSettingsOf, type ConnectWiseSettings } from './settings.js';

/** What every read of one connection shares: its settings, where calls go, and its scope. */
export interface ConnectionReach {
  readonly settings: ConnectWiseSettings;
  readonly target: ApiTarget;
}

export const reachOf = (connection: SourceConnection): E.Either<SourceError, ConnectionReach> =>
  pipe(
    connectWiseSettingsOf(connection.settings),
    E.chainW((settings) => E.map((target: ApiTarget) => ({ settings, target }))(apiTarget(connection, settings))),
  );

export const scopeOf = (settings: ConnectWiseSettings, projectIds: ReadonlyArray<string> = []): TicketScope => ({
  filter: settings.filter,
  boards: settings.boards,
  memberIdentifier: settings.memberIdentifier,
  projectIds,
});

/** No scope at all: a look-up finds a ticket wherever it now is, whatever the connection's conditions. */
export const UNSCOPED: TicketScope = { filter: null, boards: [], memberIdentifier: null, projectIds: [] };

/** The projects asked for, by id; null when keys were given but none is a project id (then nothing can match). */
export const projectIdsOf = (projectKeys: ReadonlyArray<string>): ReadonlyArray<string> | null => {
  const ids = projectKeys.filter((key) => /^\d{1,15}$/.test(key));
  return projectKeys.length > 0 && ids.length === 0 ? null : ids;
};

/** Service tickets have no project: when projects are asked for, only project tickets can match. */
export const kindsOf = (settings: ConnectWiseSettings, projectKeys: ReadonlyArray<string>): ReadonlyArray<TicketKind> => [
  ...(projectKeys.length === 0 ? (['service'] as const) : []),
  ...(settings.includeProjectTickets ? (['project'] as const) : []),
];
