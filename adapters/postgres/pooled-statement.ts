import type { EntityManager } from '@mikro-orm/postgresql';

/** What the ORM's pool hands out: pg's own client. */
interface PgConnection {
  readonly query: (config: { readonly text: string; readonly values: unknown[] }) => Promise<{ readonly rows: unknown[] }>;
}

interface PoolClient {
  readonly acquireConnection: () => Promise<PgConnection>;
  readonly releaseConnection: (connection: PgConnection) => Promise<void>;
}

/**
 * Runs one statement on a connection of the ORM's pool, straight through the pg driver with
 * numbered parameters ($1, $2, ...): no query builder, no rewriting of `?` placeholders, no runner
 * around it. For single statements outside any transaction on the hottest path, the webhook inbox's
 * insert, answered before each delivery is; everything else goes through `executeBound`.
 */
export const pooledStatement = (em: () => EntityManager) => {
  let pool: PoolClient | undefined;
  return async <R>(text: string, values: ReadonlyArray<unknown>): Promise<R[]> => {
    pool ??= em().getConnection().getKnex().client as unknown as PoolClient;
    const connection = await pool.acquireConnection();
    try {
      return (await connection.query({ text, values: [...values] })).rows as R[];
    } finally {
      void pool.releaseConnection(connection);
    }
  };
};
