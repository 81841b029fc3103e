import * as E from 'fp-ts/lib/Either.js';
import type * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import type { ConnectionTestResult, SourceConnection, SourceError } from '../../../core/index.js';
import { isPlainValue } from './encoded-query.js';
import type { ListCall } from './servicenow-call.js';
import { decodeEach } from './responses.js';
import { serviceNowSettingsOf } from './settings.js';

const UserCodec = t.partial({ name: t.string, user_name: t.string });
const ACCOUNT_CHECK = 'the account check (GET /api/now/table/sys_user)';

/** Basic auth: the account's own sys_user row (its name, when the account may read it). */
const whoAmI = (call: ListCall, connection: SourceConnection, attempts: number): TE.TaskEither<SourceError, string> => {
  const settings = serviceNowSettingsOf(connection.settings);
  const username = E.isRight(settings) ? settings.right.username : null;
  if (connection.oauth !== null || username === null || !isPlainValue(username)) return TE.right(connection.oauth === null ? 'Connected' : 'Connected with OAuth');
  return pipe(
    call(connection, { table: 'sys_user', query: `user_name=${username}`, fields: ['user_name', 'name'], limit: 1, noCount: true }, ACCOUNT_CHECK, attempts),
    TE.chainEitherKW((answer) => decodeEach(UserCodec, answer.records, ACCOUNT_CHECK)),
    TE.map(([me]) => (me?.name === undefined || me.name === '' ? `Connected as ${username}` : `Connected as ${me.name} (${username})`)),
  );
};

/** One row of each table the connection syncs: proves the account may read them, not just log in. */
const readsTables = (call: ListCall, connection: SourceConnection, attempts: number): TE.TaskEither<SourceError, ReadonlyArray<string>> =>
  pipe(
    TE.fromEither(serviceNowSettingsOf(connection.settings)),
    TE.chainW((settings) =>
      TE.traverseSeqArray((table: string) =>
        pipe(
          call(connection, { table, query: '', fields: ['sys_id'], limit: 1, noCount: true }, `the ${table} read (GET /api/now/table/${table})`, attempts),
          TE.map(() => table),
        ),
      )(settings.tables),
    ),
  );

/**
 * A cheap authenticated read: the account (for Basic auth), then one row of each table. Never fails:
 * a refusal is `connected: false` with ServiceNow's reason (an MFA account is named as such).
 */
export const serviceNowConnectionTest =
  (call: ListCall, attempts: number) =>
  (connection: SourceConnection): T.Task<ConnectionTestResult> =>
  async () => {
    try {
      const outcome = await pipe(
        whoAmI(call, connection, attempts),
        TE.bindTo('who'),
        TE.bindW('tables', () => readsTables(call, connection, attempts)),
      )();
      return E.isRight(outcome)
        ? { connected: true, message: `${outcome.right.who}; reads ${outcome.right.tables.join(', ')}` }
        : { connected: false, message: outcome.left.message };
    } catch {
      // The port promises an answer, never a rejection; every expected failure is handled above.
      return { connected: false, message: 'The connection test failed unexpectedly; try again, and report it if it persists' };
    }
  };
