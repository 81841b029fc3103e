/**
 * Not part of the suite (no .spec.ts): a spec that mocha runs as a child to show how the exit code
 * follows the outcome. It touches the database first, as most of the suite does.
 */
import { expect } from 'chai';
import { emptyTestDatabase } from '../test-database.js';

describe('a test whose outcome FIXTURE_OUTCOME decides', () => {
  it('passes or fails', async () => {
    await emptyTestDatabase();
    expect(process.env.FIXTURE_OUTCOME).to.equal('pass');
  });
});
