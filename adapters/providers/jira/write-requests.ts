import type { IssueFields } from '../../../core/index.js';
import { quoteJql, request, SEARCH_FIELDS, searchBody, type SearchBody, type Target } from './requests.js';

/** Plain text as ADF: a paragraph per non-blank line (Jira's own editor answers the same text back). */
export const textToAdf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
});

/** The `fields` of a create or an edit; the assignee already resolved to an accountId (null: unassigned). */
export const jiraFields = (fields: IssueFields, assignee: { readonly accountId: string } | null | undefined): Record<string, unknown> => ({
  ...(fields.title === undefined ? {} : { summary: fields.title }),
  ...(fields.description === undefined ? {} : { description: fields.description === null || fields.description.trim() === '' ? null : textToAdf(fields.description) }),
  ...(fields.priority?.priorities[0] === undefined ? {} : { priority: { name: fields.priority.priorities[0] } }),
  ...(assignee === undefined ? {} : { assignee: assignee === null ? null : { accountId: assignee.accountId } }),
  ...(fields.dueDate === undefined ? {} : { duedate: fields.dueDate }),
});

const issuePath = (id: string) => `/rest/api/3/issue/${encodeURIComponent(id)}`;

export const createIssueRequest = (target: Target, fields: Record<string, unknown>) => request(target, 'POST', '/rest/api/3/issue', { fields });

/** An edit: Jira answers 204; the status is not a field here (transitions move it). */
export const editIssueRequest = (target: Target, id: string, fields: Record<string, unknown>) => request(target, 'PUT', issuePath(id), { fields });

/** One issue as it is now, with the fields search reads, so it maps exactly as a sync maps it. */
export const issueRequest = (target: Target, id: string) => request(target, 'GET', `${issuePath(id)}?fields=${SEARCH_FIELDS.join(',')}`);

export const transitionsRequest = (target: Target, id: string) => request(target, 'GET', `${issuePath(id)}/transitions`);

export const transitionRequest = (target: Target, id: string, transitionId: string) => request(target, 'POST', `${issuePath(id)}/transitions`, { transition: { id: transitionId } });

export const userSearchRequest = (target: Target, email: string, limit: number) =>
  request(target, 'GET', `/rest/api/3/user/search?query=${encodeURIComponent(email)}&maxResults=${limit}`);

/**
 * The issue a create labelled with `marker` made, wherever it is now: not narrowed to the project
 * (it may have been moved since) nor by the connection's filter (which may not select it).
 */
export const markerSearchBody = (marker: string): SearchBody => searchBody(`labels = ${quoteJql(marker)} ORDER BY created ASC`, 1, null);
