import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { encodedQuery, fieldsOf, isPlainValue, readFilter } from '../../../adapters/providers/servicenow/index.js';

const read = (filter: string) => {
  const decoded = readFilter(filter);
  return E.isRight(decoded) ? decoded.right : expect.fail(decoded.left);
};

describe('ServiceNow encoded queries as taskport writes them', () => {
  it('adds its own conditions to every ^NQ group, drops the filter’s ORDERBY and ^EQ, and orders last', () => {
    expect(encodedQuery(read('active=true^ORpriority=1^ORDERBYDESCnumber^NQstate=2^EQ'), ['sys_updated_on>=2026-01-01 00:00:00'], ['sys_updated_on', 'sys_id'])).to.equal(
      'active=true^ORpriority=1^sys_updated_on>=2026-01-01 00:00:00^NQstate=2^sys_updated_on>=2026-01-01 00:00:00^ORDERBYsys_updated_on^ORDERBYsys_id',
    );
    expect(encodedQuery(read(''), [], ['sys_id'])).to.equal('ORDERBYsys_id');
    expect(encodedQuery(read('ORDERBYnumber'), ['sys_idIN1,2'], [])).to.equal('sys_idIN1,2');
  });

  it('names every field a filter reads, dot-walks whole, once each', () => {
    expect(fieldsOf(read('assignment_group.name=Network^ORassigned_toISEMPTY^priority<=2^NQpriority=1^ORDERBYsys_created_on'))).to.deep.equal([
      'assignment_group.name',
      'assigned_to',
      'priority',
      'sys_created_on',
    ]);
  });

  it('refuses parts it cannot read, and values that could break out of a condition', () => {
    expect(E.isLeft(readFilter('Priority=1'))).to.equal(true);
    expect(E.isLeft(readFilter('priority'))).to.equal(true);
    expect(E.isLeft(readFilter('123TEXTQUERY321=printer'))).to.equal(true);
    expect(['Network', 'Service Desk'].every(isPlainValue)).to.equal(true);
    expect(['a^b', 'a,b', 'javascript:gs.getUserID()', ''].some(isPlainValue)).to.equal(false);
  });
});
