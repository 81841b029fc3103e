import { parseJiraTimestamp } from './jira-time.js';
import type { JiraIssue } from './to-domain.js';

type Fields = Record<string, unknown>;

// io-ts's UnknownRecord: a plain object, not an array, a Date or null.
const isRecord = (u: unknown): u is Fields => Object.prototype.toString.call(u) === '[object Object]';
const isOptionalString = (u: unknown): boolean => u === undefined || typeof u === 'string';

const isDescription = (u: unknown): boolean => u === null || typeof u === 'string' || (isRecord(u) && u.type === 'doc' && Array.isArray(u.content));
const isStatus = (u: unknown): boolean =>
  isRecord(u) && typeof u.name === 'string' && isOptionalString(u.id) && (u.statusCategory === undefined || (isRecord(u.statusCategory) && isOptionalString(u.statusCategory.key)));
const isPriority = (u: unknown): boolean => isRecord(u) && typeof u.name === 'string' && isOptionalString(u.id);
const isUser = (u: unknown): boolean =>
  isRecord(u) && isOptionalString(u.accountId) && isOptionalString(u.displayName) && (u.emailAddress === null || isOptionalString(u.emailAddress));
const isProject = (u: unknown): boolean => isRecord(u) && typeof u.key === 'string';
const isNamed = (u: unknown): boolean => isRecord(u) && isOptionalString(u.name);
const isLabels = (u: unknown): boolean => {
  if (!Array.isArray(u)) return false;
  // Indexed, as io-ts reads arrays: `every` would skip the holes of a sparse one.
  for (let i = 0; i < u.length; i += 1) if (typeof u[i] !== 'string') return false;
  return true;
};
const isText = (u: unknown): boolean => typeof u === 'string';
const orNull = (is: (u: unknown) => boolean) => (u: unknown) => u === null || is(u);

/** The optional fields and what each must be when present (the codec's `t.partial`). */
const OPTIONAL: ReadonlyArray<readonly [string, (u: unknown) => boolean]> = [
  ['description', isDescription],
  ['status', orNull(isStatus)],
  ['priority', orNull(isPriority)],
  ['assignee', orNull(isUser)],
  ['reporter', orNull(isUser)],
  ['creator', orNull(isUser)],
  ['project', orNull(isProject)],
  ['created', orNull(isText)],
  ['duedate', orNull(isText)],
  ['issuetype', orNull(isNamed)],
  ['labels', isLabels],
  ['resolution', orNull(isNamed)],
];

/**
 * The common case of JiraIssueCodec, read by hand: a sync decodes every issue it reads, and io-ts's
 * intersections and unions cost about 12 µs an issue, the hand reading a tenth of it. It accepts
 * exactly what the codec accepts, or answers undefined (the codec then decodes it and names what
 * is wrong), and keeps only the fields the mapping reads.
 */
export const readJiraIssue = (u: unknown): JiraIssue | undefined => {
  if (!isRecord(u) || typeof u.id !== 'string' || typeof u.key !== 'string' || !isRecord(u.fields)) return undefined;
  const given = u.fields;
  const updated = typeof given.updated === 'string' ? parseJiraTimestamp(given.updated) : null;
  if (typeof given.summary !== 'string' || updated === null) return undefined;
  const fields: Fields = { summary: given.summary, updated };
  for (const [name, isValid] of OPTIONAL) {
    const value = given[name];
    if (value === undefined) continue;
    if (!isValid(value)) return undefined;
    fields[name] = value;
  }
  return { id: u.id, key: u.key, fields: fields as JiraIssue['fields'] };
};
