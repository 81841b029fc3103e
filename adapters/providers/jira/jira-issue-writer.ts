import type * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import {
  transitionUnavailable,
  writeRejected,
  type AssigneeTarget,
  type IssueWriteError,
  type IssueWriter,
  type SourceConnection,
  type SourceError,
  type SourceIssue,
  type StatusTarget,
} from '../../../core/index.js';
import { createHttpClient, type HttpClientOptions, type HttpRequest, type HttpResponse } from '../../net/index.js';
import { followsSiteRename, JIRA_RATE_LIMIT_HEADERS, JIRA_REFUSAL_SCOPES, JIRA_WRITES } from './facts.js';
import { jiraCall, jiraExchange } from './jira-call.js';
import { apiTarget, ATLASSIAN_API_GATEWAY, searchRequest } from './requests.js';
import { decodeBody, decodeIssues, SearchPageCodec } from './responses.js';
import { JiraIssueCodec, toSourceIssue } from './to-domain.js';
import { createIssueRequest, editIssueRequest, issueRequest, jiraFields, markerSearchBody, transitionRequest, transitionsRequest, userSearchRequest } from './write-requests.js';
import { CreatedIssueCodec, TransitionsCodec, UserSearchCodec, writeRefusalOf, type JiraTransition } from './write-responses.js';

export interface JiraIssueWriterOptions extends HttpClientOptions {
  /** JIRA_API_GATEWAY_URL: where OAuth connections' calls go; https://api.atlassian.com by default. */
  readonly apiGatewayUrl?: string;
}

export interface JiraIssueWriter extends IssueWriter {
  /** Closes the kept-alive sockets. */
  readonly close: () => void;
}

type Assignee = { readonly accountId: string } | null | undefined;

const CREATE = 'the issue create (POST /rest/api/3/issue)';
const EDIT = 'the issue edit (PUT /rest/api/3/issue/{id})';
const TRANSITION = 'the transition (POST /rest/api/3/issue/{id}/transitions)';

const lower = (values: ReadonlyArray<string>) => values.map((v) => v.toLowerCase());

/**
 * The transition of the issue's own workflow to take: the first of the target's statuses it offers,
 * else one into a target category. Null when it offers neither.
 */
export const chooseTransition = (transitions: ReadonlyArray<JiraTransition>, target: StatusTarget): JiraTransition | null => {
  for (const status of lower(target.statuses)) {
    const found = transitions.find((t) => t.to.name.toLowerCase() === status);
    if (found !== undefined) return found;
  }
  const categories = lower(target.categories);
  return transitions.find((t) => categories.includes((t.to.statusCategory?.key ?? '').toLowerCase())) ?? null;
};

/** The e-mail's user among those the user search finds: the one showing it, else the only one found (privacy can hide it). */
const userWithEmail = (users: ReadonlyArray<{ accountId: string; emailAddress?: string | null }>, email: string) =>
  users.find((u) => (u.emailAddress ?? '').toLowerCase() === email.toLowerCase()) ?? (users.length === 1 && !users[0]?.emailAddress ? users[0] : undefined);

/**
 * Jira Cloud's writes (REST v3): a create with the marker as a label, an edit, a transition of the
 * issue's own workflow. Each answers the issue read back and mapped as the source maps it, so the
 * webhook that echoes the write carries the same version and text. Writes are never resent by the
 * HTTP client (a lost answer is core's to resolve through `findCreated`); reads are.
 */
export const jiraIssueWriter = (options: JiraIssueWriterOptions): JiraIssueWriter => {
  const http = createHttpClient({ rateLimitHeaders: JIRA_RATE_LIMIT_HEADERS, refusalScopes: JIRA_REFUSAL_SCOPES, followRedirect: followsSiteRename, ...options });
  const context = { ...(options.logger === undefined ? {} : { logger: options.logger }), sharedBudget: options.budget !== undefined };
  const call = jiraCall(http, context);
  const exchange = jiraExchange(http, context);
  const targetOf = (connection: SourceConnection) => apiTarget(connection, options.apiGatewayUrl ?? ATLASSIAN_API_GATEWAY);

  /** A write sent once: Jira's refusals (400 field errors, 404) become `WriteRejected`. */
  const send = (connection: SourceConnection, request: E.Either<SourceError, HttpRequest>, what: string): TE.TaskEither<IssueWriteError, HttpResponse> =>
    pipe(
      exchange(connection, request, what, { idempotent: false, answersRefusals: true }),
      TE.chainW((response) => (response.status === 400 || response.status === 404 ? TE.left(writeRefusalOf(response, what)) : TE.right(response))),
    );

  const readBack = (connection: SourceConnection, id: string): TE.TaskEither<SourceError, SourceIssue> =>
    pipe(call(connection, issueRequest(targetOf(connection), id), JiraIssueCodec, `the issue read (GET /rest/api/3/issue/${id})`), TE.map(toSourceIssue(connection.baseUrl)));

  const assigneeOf = (connection: SourceConnection, assignee: AssigneeTarget | null | undefined): TE.TaskEither<IssueWriteError, Assignee> => {
    if (assignee === undefined || assignee === null) return TE.right(assignee);
    if ('externalId' in assignee) return TE.right({ accountId: assignee.externalId });
    return pipe(
      call(connection, userSearchRequest(targetOf(connection), assignee.email, JIRA_WRITES.userSearchLimit), UserSearchCodec, 'the user search (GET /rest/api/3/user/search)'),
      TE.chainW((users) => {
        const user = userWithEmail(users, assignee.email);
        return user === undefined
          ? TE.left(writeRejected('Jira has no user with the assignee e-mail that the account can see', [{ path: 'assignee', message: 'no Jira user has this e-mail' }]))
          : TE.right({ accountId: user.accountId });
      }),
    );
  };

  const changeStatus = (connection: SourceConnection, id: string, target: StatusTarget): TE.TaskEither<IssueWriteError, SourceIssue> =>
    pipe(
      call(connection, transitionsRequest(targetOf(connection), id), TransitionsCodec, 'the transitions (GET /rest/api/3/issue/{id}/transitions)'),
      TE.chainW(({ transitions }) => {
        const chosen = chooseTransition(transitions, target);
        if (chosen === null) return TE.left(transitionUnavailable(target.unified, [...new Set(transitions.map((t) => t.to.name))]));
        return send(connection, transitionRequest(targetOf(connection), id, chosen.id), TRANSITION);
      }),
      TE.chainW(() => readBack(connection, id)),
    );

  return {
    createIssue: (connection, draft) =>
      pipe(
        assigneeOf(connection, draft.assignee),
        TE.map((assignee) => ({ project: { key: draft.projectKey }, issuetype: { name: JIRA_WRITES.issueType }, labels: [draft.marker], ...jiraFields(draft, assignee) })),
        TE.chainW((fields) => send(connection, createIssueRequest(targetOf(connection), fields), CREATE)),
        TE.chainEitherKW(decodeBody(CreatedIssueCodec, CREATE)),
        // A status the new issue cannot reach leaves it where its workflow starts: the create stands.
        TE.chainFirstW((created) =>
          draft.status === undefined ? TE.right(undefined) : pipe(changeStatus(connection, created.id, draft.status), TE.map(() => undefined), TE.orElseW(() => TE.right(undefined))),
        ),
        TE.chainW((created) => readBack(connection, created.id)),
      ),
    findCreated: (connection, _projectKey, marker) =>
      pipe(
        call(connection, searchRequest(targetOf(connection), markerSearchBody(marker)), SearchPageCodec, 'the search for a created issue (POST /rest/api/3/search/jql)'),
        TE.chainEitherKW((page) => decodeIssues(page.issues, 'the search for a created issue')),
        TE.map((issues) => (issues[0] === undefined ? null : toSourceIssue(connection.baseUrl)(issues[0]))),
      ),
    updateIssue: (connection, id, fields) =>
      pipe(
        assigneeOf(connection, fields.assignee),
        TE.map((assignee) => jiraFields(fields, assignee)),
        TE.chainW((body) => (Object.keys(body).length === 0 ? TE.right(undefined) : pipe(send(connection, editIssueRequest(targetOf(connection), id, body), EDIT), TE.map(() => undefined)))),
        TE.chainW(() => readBack(connection, id)),
      ),
    changeStatus,
    close: http.close,
  };
};
