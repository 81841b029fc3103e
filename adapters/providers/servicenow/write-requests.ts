import * as E from 'fp-ts/lib/Either.js';
import { sourceUnavailable, writeRejected, type IssueFields, type PriorityTarget, type SourceUnavailable, type WriteRejected } from '../../../core/index.js';
import type { HttpRequest } from '../../net/index.js';
import type { ApiTarget } from './requests.js';
import { RECORD_FIELDS } from './to-domain.js';
import { derivesPriority, SERVICENOW_WRITES } from './write-facts.js';

/** What a write answers with: the fields a sync reads, and the two names the business rule carries (so no look-up follows). */
export const WRITE_ANSWER_FIELDS: ReadonlyArray<string> = [...RECORD_FIELDS, 'assigned_to.email', 'assignment_group.name'];

/** One Table API write: a create (`POST /api/now/table/{table}`) or a change (`PATCH .../{sys_id}`). */
export interface RecordWrite {
  readonly table: string;
  /** null for a create. */
  readonly sysId: string | null;
  readonly body: Readonly<Record<string, string>>;
}

/** Raw values in, raw values and plain sys_ids out, so the answer maps exactly as a sync and the business rule map it. */
export const recordWriteRequest = (target: ApiTarget, write: RecordWrite): E.Either<SourceUnavailable, HttpRequest> =>
  E.tryCatch(
    (): HttpRequest => {
      const path = `/api/now/table/${encodeURIComponent(write.table)}${write.sysId === null ? '' : `/${encodeURIComponent(write.sysId)}`}`;
      const url = new URL(`${target.baseUrl.replace(/\/+$/, '')}${path}`);
      const params = { sysparm_fields: WRITE_ANSWER_FIELDS.join(','), sysparm_display_value: 'false', sysparm_input_display_value: 'false', sysparm_exclude_reference_link: 'true' };
      Object.entries(params).forEach(([name, value]) => url.searchParams.set(name, value));
      return {
        method: write.sysId === null ? 'POST' : 'PATCH',
        url,
        headers: { authorization: target.authorization, accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(write.body),
      };
    },
    () => sourceUnavailable(`The connection's base URL is not a valid URL: ${target.baseUrl}`),
  );

/** A priority as the table takes it: the first raw priority 1-5 of the target, through impact and urgency where the table derives it. */
const priorityFields = (table: string, target: PriorityTarget): E.Either<WriteRejected, Record<string, string>> => {
  const code = target.priorities.find((priority) => SERVICENOW_WRITES.impactUrgencyOf[priority] !== undefined);
  if (code === undefined) return E.left(writeRejected(`No ServiceNow priority maps to '${target.unified}'`, [{ path: 'priority', message: `map '${target.unified}' to a priority 1-5` }]));
  const derived = SERVICENOW_WRITES.impactUrgencyOf[code]!;
  const fields: Record<string, string> = derivesPriority(table) ? { impact: derived.impact, urgency: derived.urgency } : { priority: code };
  return E.right(fields);
};

/** A due day as the instance stores date-times (UTC, `yyyy-MM-dd HH:mm:ss`): the start of that day. */
const dueDateTime = (day: string): string => `${day} 00:00:00`;

/**
 * The body of a write of `fields` to a record of `table`; the assignee is already a sys_id (or null
 * to clear it). Fields left out are not sent; a cleared one is sent empty, as the instance clears.
 */
export const recordBody = (table: string, fields: IssueFields, assignee: string | null | undefined): E.Either<WriteRejected, Record<string, string>> =>
  E.map((priority: Record<string, string>) => ({
    ...(fields.title === undefined ? {} : { short_description: fields.title }),
    ...(fields.description === undefined ? {} : { description: fields.description ?? '' }),
    ...(fields.dueDate === undefined ? {} : { due_date: fields.dueDate === null ? '' : dueDateTime(fields.dueDate) }),
    ...(assignee === undefined ? {} : { assigned_to: assignee ?? '' }),
    ...priority,
  }))(fields.priority === undefined ? E.right({}) : priorityFields(table, fields.priority));
