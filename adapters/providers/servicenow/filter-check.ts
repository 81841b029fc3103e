import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { invalidInput, sourceConfigurationInvalid, type FieldIssue, type InvalidInput, type SettingsScope, type SourceConnection, type SourceError } from '../../../core/index.js';
import { fieldsOf, readFilter } from './encoded-query.js';
import type { ListCall } from './servicenow-call.js';
import { serviceNowSettingsOf } from './settings.js';
import { tableSchema, type TableSchema } from './table-schema.js';

/** A field path still to be found: where it started, and what is left of it on which table. */
interface Pending {
  readonly origin: string;
  readonly path: string;
  readonly table: string;
  readonly rest: ReadonlyArray<string>;
}

const IGNORED = 'ServiceNow would ignore that condition and match every row';
const MAX_DEPTH = 5;

const filterIssue = (message: string): FieldIssue => ({ path: 'filter', message });

const missing = (p: Pending): FieldIssue => {
  const [segment] = p.rest;
  return p.table === p.origin
    ? filterIssue(`names the field '${p.path}', which ${p.origin} does not have: ${IGNORED}`)
    : filterIssue(`names '${p.path}', but ${p.table} has no field '${segment}': ${IGNORED}`);
};

/** One round: every pending path's next segment looked up at once, on every table it has reached. */
const round = (schema: TableSchema, pending: ReadonlyArray<Pending>, depth: number) =>
  pipe(
    schema.fields([...new Set(pending.map((p) => p.table))], [...new Set([...pending.map((p) => p.rest[0]!), ...(depth === 0 ? ['sys_id'] : [])])]),
    TE.map((definition) => {
      const unreadable = depth === 0 ? [...new Set(pending.map((p) => p.origin))].filter((table) => definition(table, 'sys_id') === undefined) : [];
      if (unreadable.length > 0) {
        return { issues: [filterIssue(`cannot be checked: the account cannot read the dictionary (sys_dictionary) of ${unreadable.join(', ')}; grant it read access to sys_dictionary and sys_db_object, or remove the filter`)], next: [] };
      }
      const issues: FieldIssue[] = [];
      const next: Pending[] = [];
      for (const p of pending) {
        const found = definition(p.table, p.rest[0]!);
        if (found === undefined) issues.push(missing(p));
        else if (p.rest.length > 1 && found.reference === null) issues.push(filterIssue(`names '${p.path}', but ${p.rest[0]} on ${p.table} is not a reference, so nothing can be read through it`));
        else if (p.rest.length > 1) next.push({ ...p, table: found.reference!, rest: p.rest.slice(1) });
      }
      return { issues, next };
    }),
  );

const resolveAll = (schema: TableSchema, first: ReadonlyArray<Pending>): TE.TaskEither<SourceError, ReadonlyArray<FieldIssue>> => async () => {
  const issues: FieldIssue[] = [];
  let pending = first;
  for (let depth = 0; pending.length > 0 && depth < MAX_DEPTH; depth += 1) {
    const outcome = await round(schema, pending, depth)();
    if (E.isLeft(outcome)) return outcome;
    issues.push(...outcome.right.issues);
    pending = outcome.right.next;
  }
  // Each message once: a field missing from the task table is missing from every table extending it.
  return E.right([...new Map(issues.map((issue) => [issue.message, issue])).values()]);
};

const tablesIssues = (lineage: ReadonlyMap<string, ReadonlyArray<string>>): ReadonlyArray<FieldIssue> => {
  const unknown = [...lineage].filter(([, chain]) => chain.length === 0).map(([table]) => table);
  if (unknown.length === 0) return [];
  if (unknown.length === lineage.size) {
    return [filterIssue('cannot be checked: the account cannot read the table definitions (sys_db_object); grant it read access to sys_db_object and sys_dictionary, or remove the filter')];
  }
  return unknown.map((table) => ({ path: 'tables', message: `names ${table}, which this instance does not have (or the account cannot see)` }));
};

/**
 * A filter naming a field the table does not have is silently ignored by ServiceNow, so the
 * connection would sync every row. Each field the filter names (dot-walks followed through their
 * references) must exist on every table synced, looked up in the dictionary along the table's
 * hierarchy; otherwise the settings are refused with the field named.
 */
export const checkFilter =
  (call: ListCall) =>
  (connection: SourceConnection, _scope?: SettingsScope): TE.TaskEither<InvalidInput | SourceError, void> => {
    const settings = serviceNowSettingsOf(connection.settings);
    if (E.isLeft(settings)) return TE.left(settings.left);
    const { filter, tables } = settings.right;
    if (filter === null) return TE.right(undefined);
    const read = readFilter(filter);
    if (E.isLeft(read)) return TE.left(invalidInput([filterIssue(read.left)]));
    const paths = fieldsOf(read.right);
    const schema = tableSchema(call, connection);
    return pipe(
      schema.lineage(tables),
      TE.chainW((lineage) => {
        const refused = tablesIssues(lineage);
        if (refused.length > 0) return TE.right(refused);
        return resolveAll(schema, tables.flatMap((table) => paths.map((path) => ({ origin: table, path, table, rest: path.split('.') }))));
      }),
      TE.chainW((issues) => (issues.length === 0 ? TE.right(undefined) : TE.left(sourceConfigurationInvalid('The connection settings do not fit the instance', issues)))),
    );
  };
