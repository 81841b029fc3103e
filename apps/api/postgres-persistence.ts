import * as E from 'fp-ts/lib/Either.js';
import { createPostgresAdapters, type MikroORM } from '../../adapters/postgres/index.js';
import type { Persistence } from './service-ids.js';

/** Every persistence port on PostgreSQL, with readiness as the HTTP adapter asks for it. */
export const postgresPersistence = (orm: MikroORM): Persistence => {
  const adapters = createPostgresAdapters(orm);
  return { ...adapters, ready: async () => E.isRight(await adapters.checkReadiness()()) };
};
