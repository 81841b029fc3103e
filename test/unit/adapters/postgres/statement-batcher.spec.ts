import { expect } from 'chai';
import { statementBatcher } from '../../../../adapters/postgres/statement-batcher.js';

/** A statement that answers when told to: the batches it was given, and a way to end the one running. */
const heldStatement = () => {
  const batches: Array<ReadonlyArray<number>> = [];
  const ends: Array<(outcome: 'answer' | Error) => void> = [];
  const run = (items: ReadonlyArray<number>) =>
    new Promise<ReadonlyArray<string>>((resolve, reject) => {
      batches.push(items);
      ends.push((outcome) => (outcome === 'answer' ? resolve(items.map((item) => `row ${item}`)) : reject(outcome)));
    });
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  return { batches, run, turn, end: (outcome: 'answer' | Error) => ends.shift()!(outcome) };
};

const settled = <T>(promises: ReadonlyArray<Promise<T>>) => Promise.allSettled(promises);

describe('statementBatcher: concurrent calls sharing one statement', () => {
  it('sends the calls of one turn as one statement and answers each caller with its own outcome', async () => {
    const statement = heldStatement();
    const call = statementBatcher(statement.run);
    const answers = [1, 2, 3].map(call);
    await statement.turn();
    statement.end('answer');

    expect(await Promise.all(answers)).to.deep.equal(['row 1', 'row 2', 'row 3']);
    expect(statement.batches).to.deep.equal([[1, 2, 3]]);
  });

  it('gathers the calls made while a statement runs into the next one, up to maxBatch a statement', async () => {
    const statement = heldStatement();
    const call = statementBatcher(statement.run, { maxBatch: 2 });
    const first = call(1);
    await statement.turn();
    const later = [2, 3, 4].map(call);
    await statement.turn();
    expect(statement.batches, 'nothing starts while a statement runs').to.deep.equal([[1]]);

    statement.end('answer');
    await statement.turn();
    statement.end('answer');
    await statement.turn();
    statement.end('answer');

    expect(await Promise.all([first, ...later])).to.deep.equal(['row 1', 'row 2', 'row 3', 'row 4']);
    expect(statement.batches).to.deep.equal([[1], [2, 3], [4]]);
  });

  it('fails every caller of a statement that fails for another reason than its values, and only them: the next statement answers its own', async () => {
    const statement = heldStatement();
    const call = statementBatcher(statement.run, { refusedItsValues: (error) => (error as Error).message.startsWith('refused') });
    const failing = settled([1, 2].map(call));
    await statement.turn();
    const next = [3, 4].map(call);
    statement.end(new Error('the connection was lost'));
    await statement.turn();
    statement.end('answer');

    const outcomes = await failing;
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['rejected', 'rejected']);
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as Error).message : null))).to.deep.equal([
      'the connection was lost',
      'the connection was lost',
    ]);
    expect(await Promise.all(next)).to.deep.equal(['row 3', 'row 4']);
    expect(statement.batches, 'none of them tried again').to.deep.equal([[1, 2], [3, 4]]);
  });

  it('runs each call of a statement whose values were refused again alone, so only the call refused on its own fails, then goes on', async () => {
    const statement = heldStatement();
    const call = statementBatcher(statement.run, { refusedItsValues: (error) => (error as Error).message.startsWith('refused') });
    const failing = settled([1, 2].map(call));
    await statement.turn();
    const next = [3, 4].map(call);
    statement.end(new Error('refused: a value of the statement'));
    await statement.turn();
    statement.end('answer');
    await statement.turn();
    statement.end(new Error('refused: item 2'));
    await statement.turn();
    statement.end('answer');

    const outcomes = await failing;
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message))).to.deep.equal(['row 1', 'refused: item 2']);
    expect(await Promise.all(next)).to.deep.equal(['row 3', 'row 4']);
    expect(statement.batches, 'the next statement waits for the calls run alone').to.deep.equal([[1, 2], [1], [2], [3, 4]]);
  });

  it('fails a lone call whose statement fails, without running it again', async () => {
    const statement = heldStatement();
    const call = statementBatcher(statement.run, { refusedItsValues: () => true });
    const lone = settled([call(1)]);
    await statement.turn();
    statement.end(new Error('refused: a value of the statement'));

    const [outcome] = await lone;
    expect(outcome!.status).to.equal('rejected');
    expect(statement.batches).to.deep.equal([[1]]);
  });
});
