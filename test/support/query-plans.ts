import type { MikroORM } from '../../adapters/postgres/index.js';

/** A statement as pg sent it: numbered placeholders and their values. */
export interface SentStatement {
  readonly sql: string;
  readonly bindings: ReadonlyArray<unknown>;
}

/** One node of `explain (analyze, format json)`, with the members these specs read. */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Actual Rows': number;
  readonly 'Actual Loops': number;
  readonly 'Rows Removed by Filter'?: number;
  readonly Plans?: ReadonlyArray<PlanNode>;
}

/** The statement that locks a page's stored rows (`for update`), as sent while `run` ran. */
export const lockStatementOf = async (orm: MikroORM, run: () => Promise<unknown>): Promise<SentStatement> => {
  const locks: SentStatement[] = [];
  const knex = orm.em.getConnection().getKnex();
  const listener = (query: SentStatement) => {
    if (/\bfor update\b/i.test(query.sql) && /\bexternal_tasks\b/.test(query.sql)) locks.push({ sql: query.sql, bindings: query.bindings });
  };
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.off('query', listener);
  }
  if (locks.length !== 1) throw new Error(`expected one lock of stored tasks, saw ${locks.length}`);
  return locks[0]!;
};

interface PgConnection {
  readonly query: (query: { text: string; values: unknown[] }) => Promise<{ rows: Array<Record<string, unknown>> }>;
}

interface KnexClient {
  readonly acquireConnection: () => Promise<PgConnection>;
  readonly releaseConnection: (connection: PgConnection) => Promise<void>;
}

/** The statement run again under `explain (analyze, format json)`, on a connection of its own (its locks end with it). */
export const explainAnalyzed = async (orm: MikroORM, statement: SentStatement): Promise<PlanNode> => {
  const client = orm.em.getConnection().getKnex().client as unknown as KnexClient;
  const connection = await client.acquireConnection();
  try {
    const { rows } = await connection.query({ text: `explain (analyze, format json) ${statement.sql}`, values: [...statement.bindings] });
    const [explained] = rows[0]!['QUERY PLAN'] as Array<{ readonly Plan: PlanNode }>;
    return explained!.Plan;
  } finally {
    await client.releaseConnection(connection);
  }
};

/** Every node of the plan that reads `table`. */
export const tableScans = (plan: PlanNode, table: string): ReadonlyArray<PlanNode> => [
  ...(plan['Relation Name'] === table ? [plan] : []),
  ...(plan.Plans ?? []).flatMap((child) => tableScans(child, table)),
];
