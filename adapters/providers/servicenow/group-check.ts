import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { sourceConfigurationInvalid, type FieldIssue, type InvalidInput, type SettingsScope, type SourceConnection, type SourceError } from '../../../core/index.js';
import { anyOf, isPlainValue } from './encoded-query.js';
import type { ListCall } from './servicenow-call.js';

const nameOf = (record: unknown): string | null => {
  const name = (record as { readonly name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : null;
};

/**
 * A connection limited to assignment groups (its project scope: projects are groups on ServiceNow)
 * that the instance does not have, or the account cannot read, would sync nothing of them and say
 * nothing: each group is looked up by name in sys_user_group, in one read, and a missing one is
 * refused with its name. A name that cannot go into a query is refused by the sync's own check
 * (`groupCondition`), so it is left to that.
 */
export const checkGroups =
  (call: ListCall) =>
  (connection: SourceConnection, scope: SettingsScope): TE.TaskEither<InvalidInput | SourceError, void> => {
    const names = [...new Set(scope.projectKeys.map((key) => key.trim()))].filter(isPlainValue);
    if (names.length === 0) return TE.right(undefined);
    const read = { table: 'sys_user_group', query: anyOf('name', names), fields: ['name'], limit: names.length * 2, noCount: true };
    return pipe(
      call(connection, read, 'the assignment group look-up (GET /api/now/table/sys_user_group)'),
      TE.chainW((answer) => {
        const found = new Set(answer.records.map(nameOf));
        const issues: FieldIssue[] = names
          .filter((name) => !found.has(name))
          .map((name) => ({ path: 'projectScope', message: `names the assignment group ${name}, which the instance does not have or the account cannot read` }));
        return issues.length === 0 ? TE.right(undefined) : TE.left(sourceConfigurationInvalid('The connection settings do not fit the instance', issues));
      }),
    );
  };
