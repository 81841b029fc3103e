import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { AuditEntry, OutboxEntry, TransactionalPorts, UnitOfWork } from '../../core/index.js';
import { TRANSACTIONAL_TABLES, type MemoryState } from './memory-state.js';

type Tables = { [K in (typeof TRANSACTIONAL_TABLES)[number]]: Map<string, unknown> };

/** Puts back the entries a transaction changed in each table; the other entries stay as they are. */
const undoChanges = (state: MemoryState, saved: Tables) => {
  for (const table of TRANSACTIONAL_TABLES) {
    const now = state[table] as Map<string, unknown>;
    const before = saved[table];
    for (const key of [...now.keys()]) if (!before.has(key)) now.delete(key);
    for (const [key, value] of before) if (now.get(key) !== value) now.set(key, value);
  }
};

/**
 * Transactions run one at a time (as if serializable); on Left or a throw, the entries a transaction
 * changed are put back as they were. Outbox events and audit entries are held back until the
 * commit, as the database's are invisible until then: a rolled-back change leaves neither.
 */
export const memoryUnitOfWork = (state: MemoryState, ports: TransactionalPorts): UnitOfWork => {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    transaction: (work) => () => {
      const run = async () => {
        const saved = Object.fromEntries(TRANSACTIONAL_TABLES.map((table) => [table, new Map(state[table] as Map<string, unknown>)])) as Tables;
        const events: OutboxEntry[] = [];
        const entries: AuditEntry[] = [];
        const held: TransactionalPorts = {
          ...ports,
          outbox: { append: (appended) => TE.fromIO(() => void events.push(...appended)) },
          audit: { append: (appended) => TE.fromIO(() => void entries.push(...appended)) },
        };
        try {
          const result = await work(held)();
          if (E.isLeft(result)) {
            undoChanges(state, saved);
            return result;
          }
          await ports.outbox.append(events)();
          await ports.audit.append(entries)();
          return result;
        } catch (error) {
          undoChanges(state, saved);
          throw error;
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
  };
};
