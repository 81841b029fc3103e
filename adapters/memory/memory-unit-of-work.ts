import * as E from 'fp-ts/lib/Either.js';
import type { TransactionalPorts, UnitOfWork } from '../../core/index.js';
import type { MemoryState } from './memory-state.js';

/**
 * Transactions run one at a time (as if serializable); on Left or a throw, the tables a
 * transaction can write (tasks, events and user mappings) are put back as they were.
 */
export const memoryUnitOfWork = (state: MemoryState, ports: TransactionalPorts): UnitOfWork => {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    transaction: (work) => () => {
      const run = async () => {
        const saved = { tasks: new Map(state.tasks), events: new Map(state.events), userMappings: new Map(state.userMappings) };
        const rollback = () => {
          state.tasks = saved.tasks;
          state.events = saved.events;
          state.userMappings = saved.userMappings;
        };
        try {
          const result = await work(ports)();
          if (E.isLeft(result)) rollback();
          return result;
        } catch (error) {
          rollback();
          throw error;
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
  };
};
