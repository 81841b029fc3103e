import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Runs one statement with its values as bind parameters, on the entity manager's transaction when
 * it has one. MikroORM's own `execute` inlines every value into the SQL text: for a batch sent as
 * one JSON parameter that means escaping and re-sending some 100 KB of text per statement, the
 * largest CPU cost of a sync's writes. Here the JSON travels as is.
 */
export const executeBound = async <R>(em: EntityManager, sql: string, params: ReadonlyArray<Knex.RawBinding>): Promise<R[]> => {
  const query = em.getConnection().getKnex().raw(sql, [...params]);
  const transaction = em.getTransactionContext();
  if (transaction !== undefined) query.transacting(transaction);
  const result: { rows: R[] } = await query;
  return result.rows;
};
