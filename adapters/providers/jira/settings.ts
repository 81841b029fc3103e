import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { sourceUnavailable, type ProviderSettings, type SourceConnection, type SourceUnavailable } from '../../../core/index.js';

/** A Jira connection's settings as the connection codec stored them. */
export const JiraSettingsCodec = t.partial({ email: t.string, jqlFilter: t.string }, 'JiraSettings');
export type JiraSettings = t.TypeOf<typeof JiraSettingsCodec>;

export const jiraSettingsOf = (settings: ProviderSettings): E.Either<SourceUnavailable, JiraSettings> =>
  E.mapLeft(() => sourceUnavailable('The stored Jira settings of this connection are unreadable; save the connection again'))(JiraSettingsCodec.decode(settings));

/** The cloudId an OAuth grant names: calls go to the API gateway with it. */
export const cloudIdOf = (connection: SourceConnection): string | null => connection.oauth?.details.cloudId ?? null;
