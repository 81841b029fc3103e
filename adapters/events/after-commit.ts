import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConnectionId, ConnectionRepository, TransactionalPorts, UnitOfWork } from '../../core/index.js';

/** What a transaction wrote that someone outside it cares about. */
export interface Touched {
  readonly connectionIds: ReadonlySet<ConnectionId>;
  readonly outboxEvents: number;
}

export interface AfterCommit {
  /** Called once the transaction is over; `committed` false when it rolled back. */
  readonly onEnd: (touched: Touched, committed: boolean) => void;
}

const noting = <A extends ReadonlyArray<unknown>, L, B>(note: (...args: A) => void, write: (...args: A) => TE.TaskEither<L, B>) => (...args: A) => {
  note(...args);
  return write(...args);
};

const notedConnections = (connections: ConnectionRepository, ids: Set<ConnectionId>): ConnectionRepository => ({
  ...connections,
  insert: noting((c) => void ids.add(c.id), connections.insert),
  update: noting((c) => void ids.add(c.id), connections.update),
  storeOAuthGrant: noting((_org, id) => void ids.add(id), connections.storeOAuthGrant),
  recordSyncState: noting((_org, id) => void ids.add(id), connections.recordSyncState),
  delete: noting((_org, id) => void ids.add(id), connections.delete),
});

/**
 * A unit of work that says, after each transaction, which connections it wrote and how many outbox
 * events it appended: so a cache forgets them only once the change is visible, and the publisher
 * is woken once the events can be read. Nothing is said before the commit.
 */
export const afterCommit = (inner: UnitOfWork, observer: AfterCommit): UnitOfWork => ({
  transaction: (work, lane) => async () => {
    const connectionIds = new Set<ConnectionId>();
    let outboxEvents = 0;
    const observed = (ports: TransactionalPorts): TransactionalPorts => ({
      ...ports,
      connections: notedConnections(ports.connections, connectionIds),
      outbox: { append: (events) => ((outboxEvents += events.length), ports.outbox.append(events)) },
    });
    try {
      const result = await inner.transaction((ports) => work(observed(ports)), lane)();
      observer.onEnd({ connectionIds, outboxEvents }, E.isRight(result));
      return result;
    } catch (error) {
      observer.onEnd({ connectionIds, outboxEvents }, false);
      throw error;
    }
  },
});
