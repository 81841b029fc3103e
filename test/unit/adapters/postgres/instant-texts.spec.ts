import { expect } from 'chai';
import { instantTexts } from '../../../../adapters/postgres/instant-texts.js';

describe('instantTexts: the instants of a batch statement written once', () => {
  it('makes rows whose JSON is exactly what JSON.stringify writes for the Dates themselves', () => {
    const now = new Date('2026-12-02T01:23:45.678Z');
    const rows = [
      ['a', now, null, 3, { nested: true }, ['x'], new Date('2025-06-01T00:00:00.000Z')],
      ['b', new Date(now.getTime()), undefined, 0, null, [], new Date(Number.NaN)],
      ['c', now, '2026-03-31', -1, { at: 'text' }, ['y', 'z'], new Date('+010000-01-01T00:00:00.000Z')],
    ];
    const instant = instantTexts();
    expect(JSON.stringify(rows.map((row) => row.map(instant)))).to.equal(JSON.stringify(rows));
  });

  it('writes each Date as its own instant, even after another Date of the batch was written', () => {
    const instant = instantTexts();
    const first = new Date('2026-01-01T00:00:00.001Z');
    const second = new Date('2026-01-01T00:00:00.002Z');
    expect([instant(first), instant(second), instant(new Date(first.getTime())), instant(new Date(Number.NaN))]).to.deep.equal([
      '2026-01-01T00:00:00.001Z',
      '2026-01-01T00:00:00.002Z',
      '2026-01-01T00:00:00.001Z',
      null,
    ]);
  });

  it('leaves every other value as it is', () => {
    const instant = instantTexts();
    const object = { at: new Date(0) };
    expect(instant(object)).to.equal(object);
    expect(['2026-01-01T00:00:00.000Z', 0, null, undefined, false].map(instant)).to.deep.equal(['2026-01-01T00:00:00.000Z', 0, null, undefined, false]);
  });
});
