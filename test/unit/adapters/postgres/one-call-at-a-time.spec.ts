import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { callQueue, oneCallAtATime } from '../../../../adapters/postgres/one-call-at-a-time.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('one call at a time', () => {
  it('starts each call once the one before has settled, in the order they were made, a failure included', async () => {
    const queue = callQueue();
    const log: string[] = [];
    const call = (name: string, fails = false) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      if (fails) throw new Error(name);
      return name;
    };
    const answers = await Promise.allSettled([queue(call('a')), queue(call('b', true)), queue(call('c'))]);
    expect(log).to.deep.equal(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).to.deep.equal(['a', 'b', 'c']);
  });

  it('queues the calls of every port of a set together and answers each its own outcome', async () => {
    let out = 0;
    let most = 0;
    const slow = (answer: E.Either<string, number>) => async () => {
      most = Math.max(most, (out += 1));
      await tick();
      out -= 1;
      return answer;
    };
    const ports = oneCallAtATime({
      first: { read: (n: number) => slow(E.right(n)) },
      second: { refuse: (why: string) => slow(E.left(why)), read: (n: number) => slow(E.right(n * 10)) },
    });
    const answers = await Promise.all([ports.first.read(1)(), ports.second.refuse('no')(), ports.second.read(2)(), TE.right(0)()]);
    expect(answers).to.deep.equal([E.right(1), E.left('no'), E.right(20), E.right(0)]);
    expect(most).to.equal(1);
  });
});
