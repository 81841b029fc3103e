import * as E from 'fp-ts/lib/Either.js';
import type { RequestBudget } from '../../adapters/net/index.js';
import { createPostgresAdapters, type MikroORM } from '../../adapters/postgres/index.js';
import type { Persistence } from './service-ids.js';

/**
 * Every persistence port on PostgreSQL, with readiness as the HTTP adapter asks for it, and the
 * request budgets every process shares (for the providers' HTTP clients).
 */
export const postgresPersistence = (orm: MikroORM): Persistence & { readonly requestBudget: RequestBudget } => {
  const adapters = createPostgresAdapters(orm);
  return { ...adapters, ready: async () => E.isRight(await adapters.checkReadiness()()) };
};
