import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';

export const expectRight = async <L, A>(task: TE.TaskEither<L, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) expect.fail(`expected Right, got Left ${JSON.stringify(result.left)}`);
  return result.right;
};

export const expectLeft = async <L, A>(task: TE.TaskEither<L, A>): Promise<L> => {
  const result = await task();
  if (E.isRight(result)) expect.fail(`expected Left, got Right ${JSON.stringify(result.right)}`);
  return result.left;
};

/** A promise with its resolver, to hold work open while a test looks at it. */
export const deferred = <A = void>() => {
  let resolve!: (value: A) => void;
  const promise = new Promise<A>((r) => (resolve = r));
  return { promise, resolve };
};
