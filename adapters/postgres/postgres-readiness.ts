import type { MikroORM } from '@mikro-orm/postgresql';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { persistenceFailure, type PersistenceFailure } from '../../core/index.js';
import { attempt } from './database-call.js';
import { migrationsList } from './migrations/index.js';
import { MIGRATIONS_TABLE } from './orm.js';

/** Ready means reachable and with every migration applied; it changes nothing. */
export const checkReadiness =
  (orm: MikroORM) =>
  (): TE.TaskEither<PersistenceFailure, void> =>
    pipe(
      attempt('Checking the database', async () => {
        const exists = await orm.em.fork().execute<Array<{ present: boolean }>>(`select to_regclass(?) is not null as present`, [MIGRATIONS_TABLE]);
        return exists[0]?.present === true ? orm.em.fork().execute<Array<{ name: string }>>(`select name from ${MIGRATIONS_TABLE}`) : [];
      }),
      TE.chain((rows) => {
        const applied = new Set(rows.map((row) => row.name));
        const pending = migrationsList.filter((m) => !applied.has(m.name)).map((m) => m.name);
        return pending.length === 0 ? TE.right(undefined) : TE.left(persistenceFailure(`Migrations not applied yet: ${pending.join(', ')}`));
      }),
    );
