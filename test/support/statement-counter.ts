import type { MikroORM } from '../../adapters/postgres/index.js';

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release savepoint)\b/i;

/** A statement as pg sent it: numbered placeholders and their values. */
export interface SentStatement {
  readonly sql: string;
  readonly bindings: ReadonlyArray<unknown>;
}

/** Every statement an ORM sends while `run` runs, in order, transaction control included. */
export const statementsSent = async (orm: MikroORM, run: () => Promise<unknown>): Promise<ReadonlyArray<SentStatement>> => {
  const seen: SentStatement[] = [];
  const knex = orm.em.getConnection().getKnex();
  const listener = (query: SentStatement) => void seen.push({ sql: query.sql, bindings: query.bindings });
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.off('query', listener);
  }
  return seen;
};

/** Counts the statements an ORM sends while `run` runs, transaction control left out. */
export const countStatements = async (orm: MikroORM, run: () => Promise<unknown>): Promise<ReadonlyArray<string>> =>
  (await statementsSent(orm, run)).map((statement) => statement.sql).filter((sql) => !TRANSACTION_CONTROL.test(sql));

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

interface KnexQueryEvent {
  readonly __knexQueryUid?: string;
  readonly __knexTxId?: string;
}

/**
 * The most statements any one transaction had out at once while `run` ran: a transaction is one
 * connection, and pg only queues what it is sent while busy (a use it deprecates).
 */
export const mostStatementsOutOnOneTransaction = async (orm: MikroORM, run: () => Promise<unknown>): Promise<number> => {
  const out = new Map<string, Set<string>>();
  let most = 0;
  const knex = orm.em.getConnection().getKnex();
  const sent = (query: KnexQueryEvent) => {
    if (query.__knexTxId === undefined || query.__knexQueryUid === undefined) return;
    const ofTransaction = out.get(query.__knexTxId) ?? new Set<string>();
    out.set(query.__knexTxId, ofTransaction.add(query.__knexQueryUid));
    most = Math.max(most, ofTransaction.size);
  };
  const settled = (_answer: unknown, query: KnexQueryEvent) => {
    if (query.__knexTxId !== undefined && query.__knexQueryUid !== undefined) out.get(query.__knexTxId)?.delete(query.__knexQueryUid);
  };
  knex.on('query', sent).on('query-response', settled).on('query-error', settled);
  try {
    await run();
  } finally {
    knex.off('query', sent).off('query-response', settled).off('query-error', settled);
  }
  return most;
};
