import type { MikroORM } from '../../adapters/postgres/index.js';

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release savepoint)\b/i;

/** Counts the statements an ORM sends while `run` runs, transaction control left out. */
export const countStatements = async (orm: MikroORM, run: () => Promise<unknown>): Promise<ReadonlyArray<string>> => {
  const seen: string[] = [];
  const knex = orm.em.getConnection().getKnex();
  const listener = (query: { sql: string }) => {
    if (!TRANSACTION_CONTROL.test(query.sql)) seen.push(query.sql);
  };
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.off('query', listener);
  }
  return seen;
};

/** Resolves once some backend of the database is waiting for a lock another transaction holds. */
export const someoneWaitsForALock = async (orm: MikroORM): Promise<void> => {
  for (let i = 0; i < 200; i += 1) {
    const [row] = await orm.em
      .fork()
      .execute<Array<{ n: string }>>("select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
    if (Number(row!.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('nobody ever waited for the lock');
};
