import * as E from 'fp-ts/lib/Either.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { TransactionalPorts, UnitOfWork } from '../../core/index.js';
import { failureOf, type EntityManagerSource } from './database-call.js';

const ROLLBACK = Symbol('rollback');

/**
 * Each transaction runs on its own fork of the entity manager, and the ports handed to the work
 * are bound to it. A Left rolls back; a throw rolls back and is rethrown, since it is a bug.
 */
export const postgresUnitOfWork = (orm: MikroORM, portsOn: (em: EntityManagerSource) => TransactionalPorts): UnitOfWork => ({
  transaction: (work) => async () => {
    let outcome: Awaited<ReturnType<ReturnType<typeof work>>> | undefined;
    let thrown: { readonly error: unknown } | undefined;
    try {
      await orm.em.fork().transactional(async (tx) => {
        try {
          outcome = await work(portsOn(() => tx))();
        } catch (error) {
          thrown = { error };
          throw error;
        }
        if (E.isLeft(outcome)) throw ROLLBACK;
      });
    } catch (error) {
      if (thrown !== undefined) throw thrown.error;
      if (error !== ROLLBACK) return E.left(failureOf('The transaction')(error));
    }
    return outcome!;
  },
});
