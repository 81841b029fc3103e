import type * as TE from 'fp-ts/lib/TaskEither.js';

type PortMethod = (...args: never[]) => TE.TaskEither<unknown, unknown>;

/**
 * Runs the calls it is given one after another, in the order they were made, each started only
 * once the one before has settled (failed or not).
 */
export const callQueue = () => {
  let tail: Promise<unknown> = Promise.resolve();
  return <A>(call: () => Promise<A>): Promise<A> => {
    const turn = tail.then(call, call);
    tail = turn.catch(() => undefined);
    return turn;
  };
};

const queued = (queue: ReturnType<typeof callQueue>, method: PortMethod): PortMethod => (...args) => () => queue(method(...args));

/**
 * The ports of one transaction with their calls made one at a time. A transaction is one
 * PostgreSQL connection, and the works of a group (or the reads a sync page starts at once) call
 * its ports side by side: pg would queue the statements on the connection itself, which it
 * deprecates (pg 9 will refuse a query while another runs). The queue is per port call, not per
 * statement, so a port must not wait for another port call inside its own (none does: each is one
 * or two statements of its own); coalesced calls are merged before they reach it.
 */
/** Every member of every port a call that answers a TaskEither: checked, since the queue wraps each. */
type PortsOfCalls<P> = { readonly [K in keyof P]: { readonly [M in keyof P[K]]: PortMethod } };

export const oneCallAtATime = <P extends PortsOfCalls<P>>(ports: P): P => {
  const queue = callQueue();
  const wrapPort = (port: object) => Object.fromEntries(Object.entries(port).map(([name, method]) => [name, queued(queue, (method as PortMethod).bind(port))]));
  return Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, wrapPort(port as object)])) as P;
};
