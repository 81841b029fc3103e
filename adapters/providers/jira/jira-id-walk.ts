import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { IdPage, IdWalkScope, SourceConnection, SourceError } from '../../../core/index.js';
import { JIRA_PAGING } from './facts.js';
import type { jiraCall } from './jira-call.js';
import { buildJql, idSearchBody, searchRequest, type Target } from './requests.js';
import { IdPageCodec } from './responses.js';
import { decodeCursor, encodeCursor } from './search-cursor.js';
import { jiraSettingsOf } from './settings.js';

const SEARCH = 'the id walk (POST /rest/api/3/search/jql, fields=id)';

/**
 * The sweep's walk: the ids of the issues the connection syncs (its JQL filter and the projects),
 * up to 5,000 a page because only `id` is asked for, in the sync's order.
 */
export const jiraIdWalk =
  (call: ReturnType<typeof jiraCall>, targetOf: (connection: SourceConnection) => Target, pageSize: number = JIRA_PAGING.idPageSize) =>
  (connection: SourceConnection, scope: IdWalkScope, cursor: string | null): TE.TaskEither<SourceError, IdPage> =>
    pipe(
      TE.fromEither(jiraSettingsOf(connection.settings)),
      TE.bindTo('settings'),
      TE.bindW('pageToken', () => (cursor === null ? TE.right(null) : pipe(TE.fromEither(decodeCursor(cursor)), TE.map((c) => c.pageToken)))),
      TE.chainW(({ settings, pageToken }) => {
        const jql = buildJql({ filter: settings.jqlFilter ?? null, projectKeys: scope.projectKeys, updatedFrom: null });
        return call(connection, searchRequest(targetOf(connection), idSearchBody(jql, pageSize, pageToken)), IdPageCodec, SEARCH, { maxAttempts: JIRA_PAGING.byIdAttempts });
      }),
      TE.map((page) => {
        // Jira ends paging with the token absent, null or "", or with isLast.
        const token = page.nextPageToken ?? '';
        return { ids: page.issues.map((issue) => issue.id), nextCursor: page.isLast === true || token === '' ? null : encodeCursor({ pageToken: token, updatedFrom: null }) };
      }),
    );
