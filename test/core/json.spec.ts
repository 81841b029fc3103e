import { expect } from 'chai';
import { toJson } from '../../core/domain/json.js';
import { jsonWithoutNul } from '../../core/domain/text-safety.js';

describe('JSON values of events and stored data', () => {
  it('toJson gives what JSON.stringify would keep: dates as ISO text, undefined members left out, non-finite numbers as null', () => {
    const value = { at: new Date('2026-01-02T03:04:05.000Z'), gone: undefined, list: [1, undefined, Number.NaN, 'x'], nested: { deep: { at: new Date(0) } }, nothing: null };

    expect(toJson(value)).to.deep.equal(JSON.parse(JSON.stringify(value)));
  });

  it("toJson keeps a member named __proto__ as a member, never as the copy's prototype", () => {
    const copy = toJson(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<string, unknown>;

    expect(Object.getPrototypeOf(copy)).to.equal(Object.prototype);
    expect(Object.keys(copy)).to.deep.equal(['__proto__', 'a']);
    expect((copy as { polluted?: unknown }).polluted).to.equal(undefined);
  });

  it('jsonWithoutNul drops NULs from every string and key at any depth, and leaves a value without any untouched', () => {
    const clean = { a: ['x', { b: 'y' }], n: 1 };
    expect(jsonWithoutNul(clean)).to.equal(clean);
    expect(jsonWithoutNul({ a: ['x\u0000', { 'b\u0000': 'y' }], n: 1 })).to.deep.equal({ a: ['x', { b: 'y' }], n: 1 });
  });
});
