import { expect } from 'chai';
import { instantText, instantTexts } from '../../../../adapters/postgres/instant-texts.js';

describe('instantTexts: the instants of a batch statement, as JSON.stringify writes them', () => {
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

  it('writes any instant exactly as Date.prototype.toJSON does, at the edges of its fast path and across the whole range', () => {
    const edges = [
      '0999-12-31T23:59:59.999Z',
      '1000-01-01T00:00:00.000Z',
      '1900-02-28T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '2024-02-29T12:00:00.001Z',
      '2026-12-31T23:59:59.010Z',
      '9999-12-31T23:59:59.999Z',
      '+010000-01-01T00:00:00.000Z',
      '-000001-12-31T23:59:59.999Z',
    ].map((text) => new Date(text));
    const limit = 8.64e15;
    // Fixed sweeps, no randomness: the whole range of a Date, then about an hour apart over two years (each hour, day of the month and millisecond).
    const sweep = Array.from({ length: 20_000 }, (_, i) => new Date(Math.round(-limit + (2 * limit * i) / 19_999) + i));
    const recent = Array.from({ length: 20_000 }, (_, i) => new Date(Date.UTC(2020, 0, 1) + i * 3_600_001));
    const all = [...edges, ...sweep, ...recent, new Date(limit), new Date(-limit), new Date(Number.NaN)];
    const differing = all.filter((date) => instantText(date) !== date.toJSON());
    expect(differing.map((date) => date.getTime())).to.deep.equal([]);
  });

  it('leaves every other value as it is', () => {
    const instant = instantTexts();
    const object = { at: new Date(0) };
    expect(instant(object)).to.equal(object);
    expect(['2026-01-01T00:00:00.000Z', 0, null, undefined, false].map(instant)).to.deep.equal(['2026-01-01T00:00:00.000Z', 0, null, undefined, false]);
  });
});
