import type { MikroORM } from '../../adapters/postgres/index.js';
import { statementsSent, type SentStatement } from './statement-counter.js';

/** One node of `explain (analyze, format json)`, with the members these specs read. */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Actual Rows': number;
  readonly 'Actual Loops': number;
  readonly 'Rows Removed by Filter'?: number;
  readonly Plans?: ReadonlyArray<PlanNode>;
}

/** The one statement sent while `run` ran whose text `matches`, as sent. */
export const statementOf = async (orm: MikroORM, run: () => Promise<unknown>, matches: (sql: string) => boolean): Promise<SentStatement> => {
  const seen = (await statementsSent(orm, run)).filter((statement) => matches(statement.sql));
  if (seen.length !== 1) throw new Error(`expected one statement of the kind, saw ${seen.length}`);
  return seen[0]!;
};

/** The statement that locks a page's stored rows (`for update`), as sent while `run` ran. */
export const lockStatementOf = (orm: MikroORM, run: () => Promise<unknown>): Promise<SentStatement> =>
  statementOf(orm, run, (sql) => /\bfor update\b/i.test(sql) && /\bexternal_tasks\b/.test(sql));

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
