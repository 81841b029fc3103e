import { expect } from 'chai';
import { parseJql } from '../../apps/simulator/jira/jql-parse.js';

const clause = (field: string, op: string, ...values: string[]) => ({ kind: 'clause', field, op, values });

describe('Jira simulator JQL parser', () => {
  it('binds AND tighter than OR, and honours parentheses and NOT', () => {
    expect(parseJql('a = 1 AND b = 2 OR c = 3')).to.deep.equal({
      where: { kind: 'or', items: [{ kind: 'and', items: [clause('a', '=', '1'), clause('b', '=', '2')] }, clause('c', '=', '3')] },
      orderBy: [],
    });
    expect(parseJql('NOT (a = 1 or b = 2)')).to.deep.include({
      where: { kind: 'not', expr: { kind: 'or', items: [clause('a', '=', '1'), clause('b', '=', '2')] } },
    });
  });

  it('reads word operators, lists, quoted values with escapes and ORDER BY', () => {
    expect(parseJql(`project NOT IN ("A", 'B') and priority IS NOT EMPTY and summary ~ "say \\"hi\\"" order by updated ASC, key desc`)).to.deep.equal({
      where: { kind: 'and', items: [clause('project', 'not in', 'A', 'B'), clause('priority', 'is not', 'EMPTY'), clause('summary', '~', 'say "hi"')] },
      orderBy: [
        { field: 'updated', direction: 'asc' },
        { field: 'key', direction: 'desc' },
      ],
    });
  });

  it('accepts an ORDER BY alone (the search then refuses it as unbounded)', () => {
    expect(parseJql('ORDER BY created')).to.deep.equal({ where: null, orderBy: [{ field: 'created', direction: 'asc' }] });
  });

  it('explains what it expected where a query breaks', () => {
    expect(parseJql('project in (A, B')).to.equal("Error in the JQL Query: Expecting ) but got the end of the query.");
    expect(parseJql('project A')).to.equal("Error in the JQL Query: Expecting an operator but got 'A'.");
    expect(parseJql('a = 1 b = 2')).to.equal("Error in the JQL Query: Expecting 'AND', 'OR' or 'ORDER BY' but got 'b'.");
    expect(parseJql('order key')).to.equal("Error in the JQL Query: Expecting 'by' but got 'key'.");
  });
});
