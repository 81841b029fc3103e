import * as A from 'fp-ts/lib/Array.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import type { SourceConnection, SourceError } from '../../../core/index.js';
import { SYS_ID } from './encoded-query.js';
import { SERVICENOW_PAGING } from './facts.js';
import type { ListCall } from './servicenow-call.js';
import { decodeEach } from './responses.js';
import type { ReferencedNames, ServiceNowRecord } from './to-domain.js';

/** Names already looked up in this run: sys_id to e-mail (sys_user) or name (sys_user_group); null when unreadable. */
export interface NameCache {
  readonly emails: Map<string, string | null>;
  readonly groups: Map<string, string | null>;
}

export const emptyNameCache = (): NameCache => ({ emails: new Map(), groups: new Map() });

interface Lookup {
  readonly table: 'sys_user' | 'sys_user_group';
  readonly field: 'email' | 'name';
  readonly cache: Map<string, string | null>;
}

const NamedRowCodec = (field: string) => t.type({ sys_id: t.string, [field]: t.string });

const blankToNull = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value.trim());

/** Reads the ids not cached yet, 100 a query (`sys_idIN...`); an id the account cannot read is remembered as null. */
const fill = (call: ListCall, connection: SourceConnection, lookup: Lookup, wanted: ReadonlyArray<string>): TE.TaskEither<SourceError, void> => {
  const missing = [...new Set(wanted)].filter((id) => !lookup.cache.has(id));
  missing.filter((id) => !SYS_ID.test(id)).forEach((id) => lookup.cache.set(id, null));
  const what = `the ${lookup.table} lookup (GET /api/now/table/${lookup.table})`;
  return pipe(
    A.chunksOf(SERVICENOW_PAGING.idsPerQuery)(missing.filter((id) => SYS_ID.test(id))),
    TE.traverseSeqArray((ids) =>
      pipe(
        call(connection, { table: lookup.table, query: `sys_idIN${ids.join(',')}`, fields: ['sys_id', lookup.field], limit: ids.length, noCount: true }, what),
        TE.chainEitherKW((answer) => decodeEach(NamedRowCodec(lookup.field), answer.records, what)),
        TE.map((rows) => {
          ids.forEach((id) => lookup.cache.set(id, null));
          rows.forEach((row) => lookup.cache.set(row.sys_id, blankToNull((row as Record<string, string>)[lookup.field])));
        }),
      ),
    ),
    TE.map(() => undefined),
  );
};

/**
 * The assignees' e-mails and the groups' names of a page of records: carried dot-walked when the read
 * asked for them, else looked up in batches and cached for the run, so a sync asks once per person
 * and group, not once per record.
 */
export const referencedNames =
  (call: ListCall) =>
  (connection: SourceConnection, cache: NameCache, records: ReadonlyArray<ServiceNowRecord>): TE.TaskEither<SourceError, (record: ServiceNowRecord) => ReferencedNames> => {
    const users: Lookup = { table: 'sys_user', field: 'email', cache: cache.emails };
    const groups: Lookup = { table: 'sys_user_group', field: 'name', cache: cache.groups };
    const uncarried = records.filter((r) => carriedNames(r) === undefined);
    return pipe(
      fill(call, connection, users, uncarried.flatMap((r) => (r.assigned_to === null || r.assigned_to === undefined ? [] : [r.assigned_to]))),
      TE.chain(() => fill(call, connection, groups, uncarried.flatMap((r) => (r.assignment_group === null || r.assignment_group === undefined ? [] : [r.assignment_group])))),
      TE.map(() => (record: ServiceNowRecord) =>
        carriedNames(record) ?? {
          assigneeEmail: record.assigned_to === null || record.assigned_to === undefined ? null : (cache.emails.get(record.assigned_to) ?? null),
          groupName: record.assignment_group === null || record.assignment_group === undefined ? null : (cache.groups.get(record.assignment_group) ?? null),
        },
      ),
    );
  };

/** The names a record carries itself, dot-walked (the business rule sends them); undefined when it lacks one it needs. */
export const carriedNames = (record: ServiceNowRecord): ReferencedNames | undefined => {
  const email = record['assigned_to.email'];
  const group = record['assignment_group.name'];
  if ((record.assigned_to ?? null) !== null && email === undefined) return undefined;
  if ((record.assignment_group ?? null) !== null && group === undefined) return undefined;
  return { assigneeEmail: record.assigned_to ? blankToNull(email) : null, groupName: record.assignment_group ? blankToNull(group) : null };
};
