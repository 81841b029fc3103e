import * as E from 'fp-ts/lib/Either.js';
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
import type { HttpClient } from '../../net/index.js';
import { isPlainValue } from './encoded-query.js';
import { stateFamilyOf } from './facts.js';
import { listCall } from './servicenow-call.js';
import { serviceNowSettingsOf } from './settings.js';
import { answeredIssue, writeCall } from './write-call.js';
import { SERVICENOW_WRITES, stateCodesOf } from './write-facts.js';
import { recordBody, WRITE_ANSWER_FIELDS } from './write-requests.js';

/** Where a create goes: a table of the connection, and the assignment group (the tasks' project) by name. */
interface Place {
  readonly table: string;
  readonly group: string | null;
}

/** `incident` (a table), `incident/Network` (a table and a group) or `Network` (a group, in the connection's first table). */
const placeOf = (tables: ReadonlyArray<string>, projectKey: string): Place => {
  const slash = projectKey.indexOf('/');
  const prefix = slash < 0 ? projectKey : projectKey.slice(0, slash);
  if (tables.includes(prefix)) return { table: prefix, group: slash < 0 ? null : projectKey.slice(slash + 1) };
  return { table: tables[0]!, group: projectKey };
};

/** A state code of the item's table the target names: its raw statuses (`incident:6`) first, then its family's categories. */
const stateFor = (table: string, target: StatusTarget): string | null => {
  const codes = stateCodesOf(table);
  const named = (values: ReadonlyArray<string>, prefix: string) => values.filter((v) => v.startsWith(`${prefix}:`)).map((v) => v.slice(prefix.length + 1));
  return [...named(target.statuses, table), ...named(target.categories, stateFamilyOf(table))].find((code) => codes.includes(code)) ?? null;
};

/**
 * Writes ServiceNow records through the Table API: `POST`/`PATCH /api/now/table/{table}`, the state
 * code picked from the connection's mappings for the item's table, priority through impact and
 * urgency where the table derives it, the assignee found in sys_user by e-mail, and the create's
 * marker in `correlation_id`. Every answer is mapped as a sync maps the record, so its echo is equal.
 */
export const serviceNowIssueWriter = (http: HttpClient): IssueWriter => {
  const list = listCall(http);
  const write = writeCall(http);

  const tablesOf = (connection: SourceConnection): TE.TaskEither<SourceError, ReadonlyArray<string>> =>
    TE.fromEither(E.map((settings: { readonly tables: ReadonlyArray<string> }) => settings.tables)(serviceNowSettingsOf(connection.settings)));

  /** The sys_id of the first row of `table` whose `field` is `value` (and meeting `also`), or null. */
  const idWhere = (connection: SourceConnection, table: string, field: string, value: string, path: string, also = ''): TE.TaskEither<IssueWriteError, string | null> => {
    if (!isPlainValue(value)) return TE.left(writeRejected(`'${value.slice(0, 100)}' cannot be looked up in ServiceNow`, [{ path, message: 'cannot be written into a ServiceNow query' }]));
    return pipe(
      list(connection, { table, query: `${also}${field}=${value}`, fields: ['sys_id'], limit: 1, noCount: true }, `the ${table} look-up (GET /api/now/table/${table})`),
      TE.map((answer) => {
        const row = answer.records[0] as { readonly sys_id?: unknown } | undefined;
        return typeof row?.sys_id === 'string' ? row.sys_id : null;
      }),
    );
  };

  const required =
    (path: string, what: string) =>
    (id: string | null): TE.TaskEither<IssueWriteError, string> =>
      id === null ? TE.left(writeRejected(`ServiceNow has no ${what}`, [{ path, message: `no ${what}` }])) : TE.right(id);

  /** The assignee as a sys_user sys_id: given, or found by e-mail among active users; null clears. */
  const assigneeId = (connection: SourceConnection, assignee: AssigneeTarget | null | undefined): TE.TaskEither<IssueWriteError, string | null | undefined> => {
    if (assignee === undefined || assignee === null) return TE.right(assignee);
    if ('externalId' in assignee) return TE.right(assignee.externalId);
    return pipe(idWhere(connection, 'sys_user', 'email', assignee.email, 'assignee', 'active=true^'), TE.chain(required('assignee', `active user with the e-mail ${assignee.email}`)));
  };

  /** The first record with `query` in the connection's tables (ids and markers are unique across them), with its table. */
  const firstIn = (connection: SourceConnection, tables: ReadonlyArray<string>, query: string): TE.TaskEither<SourceError, { readonly table: string; readonly issue: SourceIssue } | null> => {
    const [table, ...rest] = tables;
    if (table === undefined) return TE.right(null);
    const what = `the ${table} read (GET /api/now/table/${table})`;
    return pipe(
      list(connection, { table, query, fields: WRITE_ANSWER_FIELDS, limit: 1, noCount: true }, what),
      TE.chain((answer) => (answer.records.length === 0 ? firstIn(connection, rest, query) : TE.fromEither(E.map((issue: SourceIssue) => ({ table, issue }))(answeredIssue(connection, table, answer.records[0], what))))),
    );
  };

  const located = (connection: SourceConnection, sysId: string): TE.TaskEither<IssueWriteError, { readonly table: string; readonly issue: SourceIssue }> =>
    pipe(
      isPlainValue(sysId) ? TE.mapLeft((e: SourceError): IssueWriteError => e)(tablesOf(connection)) : TE.left<IssueWriteError, ReadonlyArray<string>>(writeRejected(`'${sysId.slice(0, 64)}' is not a sys_id`)),
      TE.chainW((tables) => firstIn(connection, tables, `sys_id=${sysId}`)),
      TE.chainW((found) => (found === null ? TE.left(writeRejected(`ServiceNow has no record ${sysId} in this connection's tables`)) : TE.right(found))),
    );

  const moveTo = (connection: SourceConnection, table: string, issue: SourceIssue, target: StatusTarget): TE.TaskEither<IssueWriteError, SourceIssue> => {
    const code = stateFor(table, target);
    if (code === null) return TE.left(transitionUnavailable(target.unified, stateCodesOf(table).map((c) => `${table}:${c}`)));
    return write(connection, { table, sysId: issue.externalId, body: { state: code } });
  };

  return {
    createIssue: (connection, draft) =>
      pipe(
        TE.Do,
        TE.bindW('place', () => TE.map((tables: ReadonlyArray<string>) => placeOf(tables, draft.projectKey))(tablesOf(connection))),
        TE.bindW('group', ({ place }) => (place.group === null ? TE.right(null) : pipe(idWhere(connection, 'sys_user_group', 'name', place.group, 'projectKey'), TE.chain(required('projectKey', `assignment group named ${place.group}`))))),
        TE.bindW('assignee', () => assigneeId(connection, draft.assignee)),
        TE.bindW('body', ({ place, assignee }) => TE.fromEither(recordBody(place.table, draft, assignee))),
        TE.bindW('created', ({ place, group, body }) =>
          write(connection, { table: place.table, sysId: null, body: { ...body, [SERVICENOW_WRITES.markerField]: draft.marker, ...(group === null ? {} : { assignment_group: group }) } }),
        ),
        // A create that cannot then take its status is still made: the item answers as created.
        TE.chainW(({ place, created }) => (draft.status === undefined ? TE.right(created) : pipe(moveTo(connection, place.table, created, draft.status), TE.orElse(() => TE.right(created))))),
      ),
    findCreated: (connection, _projectKey, marker) =>
      pipe(
        isPlainValue(marker) ? tablesOf(connection) : TE.right([]),
        TE.chainW((tables) => firstIn(connection, tables, `${SERVICENOW_WRITES.markerField}=${marker}`)),
        TE.map((found) => found?.issue ?? null),
      ),
    updateIssue: (connection, externalId, fields) =>
      pipe(
        located(connection, externalId),
        TE.bindTo('found'),
        TE.bindW('assignee', () => assigneeId(connection, fields.assignee)),
        TE.chainW(({ found, assignee }) => pipe(TE.fromEither(recordBody(found.table, fields, assignee)), TE.chainW((body) => write(connection, { table: found.table, sysId: externalId, body })))),
      ),
    changeStatus: (connection, externalId, target) => pipe(located(connection, externalId), TE.chainW((found) => moveTo(connection, found.table, found.issue, target))),
  };
};
