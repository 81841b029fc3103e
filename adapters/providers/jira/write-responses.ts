import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { writeRejected, type FieldIssue, type WriteRejected } from '../../../core/index.js';
import type { HttpResponse } from '../../net/index.js';
import { JIRA_WRITES } from './facts.js';
import { ErrorCollectionCodec } from './responses.js';

/** POST /rest/api/3/issue answers 201 with the new issue's id and key (and `self`). */
export const CreatedIssueCodec = t.type({ id: t.string, key: t.string }, 'CreatedIssue');

const TransitionCodec = t.type({
  id: t.string,
  name: t.string,
  to: t.intersection([t.type({ name: t.string }), t.partial({ id: t.string, statusCategory: t.partial({ key: t.string }) })]),
});
/** GET /rest/api/3/issue/{id}/transitions: what the issue's own workflow offers from where it is. */
export const TransitionsCodec = t.type({ transitions: t.array(TransitionCodec) }, 'Transitions');
export type JiraTransition = t.TypeOf<typeof TransitionCodec>;

/** GET /rest/api/3/user/search: users, the e-mail left out when the user's privacy setting hides it. */
export const UserSearchCodec = t.array(t.intersection([t.type({ accountId: t.string }), t.partial({ emailAddress: t.union([t.string, t.null]) })]), 'UserSearch');

const collectionOf = (body: string): t.TypeOf<typeof ErrorCollectionCodec> => {
  const parsed = E.tryCatch(() => JSON.parse(body) as unknown, () => null);
  const decoded = E.isRight(parsed) ? ErrorCollectionCodec.decode(parsed.right) : E.left([]);
  return E.isRight(decoded) ? decoded.right : {};
};

/**
 * A write Jira refused (400: its field errors, named as the write API names them; 404: the issue is
 * gone or hidden from the account). Never retried: the same request would be refused again.
 */
export const writeRefusalOf = (response: HttpResponse, what: string): WriteRejected => {
  const collection = collectionOf(response.body);
  const fieldErrors: FieldIssue[] = [
    ...Object.entries(collection.errors ?? {}).map(([field, message]) => ({ path: JIRA_WRITES.fieldNames[field] ?? field, message })),
    ...(collection.errorMessages ?? []).map((message) => ({ path: '', message })),
  ];
  const summary = response.status === 404 ? `Jira has no such issue, or the account cannot see it (404 for ${what})` : `Jira refused ${what} (${response.status})`;
  return writeRejected(summary, fieldErrors);
};
