import * as TE from 'fp-ts/lib/TaskEither.js';
import type { DomainError } from '../../errors.js';
import type { SourceConnection } from '../../ports/issue-source.js';
import type { Provider, SettingsScope } from '../../ports/provider.js';

/** The provider's check of a connection's settings and projects against the tracker, where it has one. */
export const checkedSettings = (provider: Provider, connection: SourceConnection, scope: SettingsScope): TE.TaskEither<DomainError, void> =>
  provider.checkSettings === undefined ? TE.right(undefined) : provider.checkSettings(connection, scope);
