import type { MikroORM } from '../../adapters/postgres/index.js';

/** What is physically stored: a row's xmin changes whenever anything rewrites it. */
export const taskRowVersions = (orm: MikroORM) =>
  orm.em.fork().execute<Array<{ external_id: string; xmin: string; updated_at: string }>>(
    'select external_id, xmin::text, updated_at::text from external_tasks order by external_id',
  );

export const countRows = async (orm: MikroORM, table: string, where = 'true', params: unknown[] = []) => {
  const [row] = await orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from ${table} where ${where}`, params);
  return Number(row!.n);
};
