import * as E from 'fp-ts/lib/Either.js';
import {
  sourceAuthRejected,
  sourceConfigurationInvalid,
  type FieldIssue,
  type SourceAuthRejected,
  type SourceConfigurationInvalid,
} from '../../../core/index.js';
import type { HttpResponse } from '../../net/index.js';
import { ErrorCollectionCodec } from './responses.js';

/** Jira's own sentences in an ErrorCollection body, if it is one. */
export const jiraMessages = (body: string): ReadonlyArray<string> => {
  const parsed = E.tryCatch(() => JSON.parse(body) as unknown, () => null);
  const collection = E.isRight(parsed) ? ErrorCollectionCodec.decode(parsed.right) : E.left([]);
  if (E.isLeft(collection)) return [];
  return [...(collection.right.errorMessages ?? []), ...Object.entries(collection.right.errors ?? {}).map(([field, message]) => `${field}: ${message}`)];
};

/**
 * Jira's login filter (Seraph) tells, on any status, that the credentials were not accepted:
 * `AUTHENTICATED_FAILED` when a revoked or expired token goes on as the anonymous user with 200 or
 * 400 (jira.js#418, raycast#27550), `AUTHENTICATION_DENIED` when failed logins locked the account
 * behind a CAPTCHA (gioboa/jira-plugin#26, go-jira#8). Null when the header says neither.
 */
export const loginRefusal = (response: HttpResponse): SourceAuthRejected | null => {
  const reason = (response.header('x-seraph-loginreason') ?? '').toUpperCase();
  if (reason.includes('AUTHENTICATION_DENIED')) {
    const denied = response.header('x-authentication-denied-reason') ?? '';
    const loginUrl = /login-url=(\S+)/.exec(denied)?.[1];
    return sourceAuthRejected(
      `Jira has locked the account behind a CAPTCHA after failed logins (${denied.split(';')[0]?.trim() || 'AUTHENTICATION_DENIED'}): sign in to the site once in a browser${loginUrl === undefined ? '' : ` (${loginUrl})`} as the connection's account and answer the CAPTCHA, then test the connection again.`,
    );
  }
  if (reason.includes('AUTHENTICATED_FAILED')) {
    return sourceAuthRejected(
      'Jira did not accept the credentials and answered as an anonymous user (X-Seraph-LoginReason: AUTHENTICATED_FAILED): the API token may be revoked or expired; create a new one and save it on the connection.',
    );
  }
  return null;
};

/** Anonymous callers are told a field "cannot be viewed by anonymous users": credentials that did not count. */
export const anonymousRefusal = (messages: ReadonlyArray<string>): SourceAuthRejected | null =>
  messages.some((m) => /anonymous users/i.test(m))
    ? sourceAuthRejected(`Jira treated the request as anonymous: the credentials were not accepted; check the account e-mail and replace the API token if it was revoked. Jira said: ${messages.join('; ').slice(0, 500)}`)
    : null;

const MISSING_PROJECT = /^The value '(.+)' does not exist for the field 'project'\.?$/;

/** What a connection's search is built from besides Jira's own words: its filter, and the projects its scope names. */
export interface SearchSettings {
  readonly projectKeys: ReadonlyArray<string>;
}

/**
 * Jira refuses the whole search when one project is missing or hidden from the account, or when the
 * filter is wrong; ours are always valid, so the connection's settings are at fault. Each problem
 * is named by the setting it comes from: a project of the scope, else the filter.
 */
export const configurationRefusal = (messages: ReadonlyArray<string>, settings: SearchSettings): SourceConfigurationInvalid => {
  const scoped = new Set(settings.projectKeys.map((key) => key.toUpperCase()));
  const details: FieldIssue[] = messages.map((message) => {
    const project = MISSING_PROJECT.exec(message)?.[1];
    if (project === undefined) return { path: 'jqlFilter', message };
    return { path: scoped.has(project.toUpperCase()) ? 'projectScope' : 'jqlFilter', message: `names the project ${project}, which does not exist or which the account cannot see` };
  });
  const projects = messages.flatMap((m) => MISSING_PROJECT.exec(m)?.[1] ?? []);
  const summary =
    projects.length > 0
      ? `Jira has no project ${projects.join(', ')} that the account can see; remove ${projects.length === 1 ? 'it' : 'them'} from the connection's project scope or JQL filter, or grant the account access`
      : "Jira refused the connection's JQL filter";
  return sourceConfigurationInvalid(`${summary}. Jira said: ${messages.join('; ').slice(0, 500)}`, details);
};
