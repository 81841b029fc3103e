import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { ConnectionTestResult, SettingsScope, SourceConnection, SourceError } from '../../../core/index.js';
import type { jiraCall, jiraExchange } from './jira-call.js';
import { configurationRefusal } from './jira-refusals.js';
import { jqlParseRequest, myselfRequest, quoteJql, type Target } from './requests.js';
import { decodeBody, JqlParseCodec, MyselfCodec } from './responses.js';
import { jiraSettingsOf } from './settings.js';

export const MYSELF = 'the account check (GET /rest/api/3/myself)';
const PARSE = 'the filter check (POST /rest/api/3/jql/parse)';

export interface CheckDeps {
  readonly call: ReturnType<typeof jiraCall>;
  readonly exchange: ReturnType<typeof jiraExchange>;
  readonly targetOf: (connection: SourceConnection) => Target;
  readonly testConnectionAttempts: number;
}

/**
 * Jira answers bad credentials on some endpoints as an anonymous user, who sees no issue and no
 * project: an empty result or a refused project is believed only once `/myself` says who asked.
 */
export const confirmedIdentity = (deps: CheckDeps, connection: SourceConnection): TE.TaskEither<SourceError, void> =>
  pipe(
    deps.call(connection, myselfRequest(deps.targetOf(connection)), MyselfCodec, MYSELF),
    TE.map(() => undefined),
  );

/** Who the credentials belong to; a renamed site still answers (its redirect is followed), and the person is told its new URL. */
export const testJiraConnection = (deps: CheckDeps) => (connection: SourceConnection) => async (): Promise<ConnectionTestResult> => {
  try {
    const answer = await deps.exchange(connection, myselfRequest(deps.targetOf(connection)), MYSELF, { maxAttempts: deps.testConnectionAttempts })();
    const me = E.chainW(decodeBody(MyselfCodec, MYSELF))(answer);
    if (E.isLeft(me)) return { connected: false, message: me.left.message };
    const movedTo = E.isRight(answer) ? answer.right.redirectedTo?.origin : undefined;
    const moved = movedTo === undefined ? '' : `; the site has moved to ${movedTo}: change the connection's base URL to it`;
    return { connected: true, message: `Connected as ${me.right.displayName}${moved}` };
  } catch {
    // The port promises an answer, never a rejection; every expected failure is handled above.
    return { connected: false, message: 'The connection test failed unexpectedly; try again, and report it if it persists' };
  }
};

/**
 * The JQL filter and the projects of the scope, checked by Jira's own parser in the account's context
 * (strict validation names a project that does not exist or is hidden), so a mistake is found
 * when the connection is saved or tested rather than when a sync fails. Nothing to check, no call.
 */
export const checkJiraSettings =
  (deps: CheckDeps) =>
  (connection: SourceConnection, scope: SettingsScope): TE.TaskEither<SourceError, void> =>
    pipe(
      TE.fromEither(jiraSettingsOf(connection.settings)),
      TE.chainW((settings) => {
        const filter = settings.jqlFilter?.trim() ?? '';
        const queries = [...(filter === '' ? [] : [filter]), ...(scope.projectKeys.length === 0 ? [] : [`project in (${scope.projectKeys.map(quoteJql).join(', ')})`])];
        if (queries.length === 0) return TE.right(undefined);
        return pipe(
          deps.call(connection, jqlParseRequest(deps.targetOf(connection), queries), JqlParseCodec, PARSE),
          TE.chainW((parsed) => {
            const errors = [...new Set(parsed.queries.flatMap((query) => query.errors ?? []))];
            if (errors.length === 0) return TE.right(undefined);
            return pipe(
              confirmedIdentity(deps, connection),
              TE.chainW(() => TE.left(configurationRefusal(errors, { projectKeys: scope.projectKeys }))),
            );
          }),
        );
      }),
    );
