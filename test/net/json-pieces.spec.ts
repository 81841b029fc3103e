import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parseInPieces, parseJsonChunks } from '../../adapters/net/json-pieces.js';
import { fixturesDir, recordedFixtureNames } from '../fixtures/recorded.js';

/** The bytes cut at the given offsets, each chunk a buffer of its own (as a socket hands them on). */
const cutAt = (bytes: Buffer, offsets: ReadonlyArray<number>): Buffer[] => {
  const ends = [...offsets, bytes.length];
  return ends.map((end, i) => Buffer.from(bytes.subarray(i === 0 ? 0 : ends[i - 1], end)));
};

const cutEvery = (bytes: Buffer, size: number): Buffer[] => cutAt(bytes, Array.from({ length: Math.ceil(bytes.length / size) - 1 }, (_, i) => (i + 1) * size));

/** Equal to JSON.parse of the whole text, key order and own `__proto__` keys included (deep equality sees neither). */
const expectSameAsJsonParse = (actual: unknown, text: string, what: string): void => {
  const expected: unknown = JSON.parse(text);
  expect(actual, what).to.deep.equal(expected);
  expect(JSON.stringify(actual), what).to.equal(JSON.stringify(expected));
};

/** A small seeded generator (mulberry32), so a failure can be replayed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ATOMS = ['a', 'é', '€', '😀', '"', '\\', '/', '[', ']', '{', '}', ',', ':', ' ', '\n', '\u0001', '\u2028', '𝄞', 'x\\"y', '\\\\"'];
const NUMBERS = ['0', '-0', '12', '-3.5', '1e3', '2.5E-7', '123456789012345678901234567890', '-1.7976931348623157e308'];
const SPACE = ['', '', ' ', '\n', '\t', '\r\n  '];

/** JSON text written by hand, with the freedoms JSON.stringify never takes: whitespace anywhere, escapes of every kind. */
const writer = (random: () => number) => {
  const pick = <A>(items: ReadonlyArray<A>): A => items[Math.floor(random() * items.length)]!;
  const ws = () => pick(SPACE);
  const escape = (char: string): string => {
    const roll = random();
    if (roll < 0.2) return [...char].map((c) => [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')).join('');
    return JSON.stringify(char).slice(1, -1);
  };
  const string = (): string => `"${Array.from({ length: Math.floor(random() * 40) }, () => escape(pick(ATOMS))).join('')}"`;
  const value = (depth: number): string => {
    const roll = random();
    if (depth > 4 || roll < 0.35) return pick([...NUMBERS, 'true', 'false', 'null', string(), string()]);
    const size = Math.floor(random() * 8);
    if (roll < 0.65) return `[${ws()}${Array.from({ length: size }, () => value(depth + 1)).join(`${ws()},${ws()}`)}${ws()}]`;
    const keys = ['a', 'b', '__proto__', 'constructor', '10', '2', '', 'é😀'];
    return `{${ws()}${Array.from({ length: size }, () => `${random() < 0.3 ? pick(keys.map((k) => JSON.stringify(k))) : string()}${ws()}:${ws()}${value(depth + 1)}`).join(`${ws()},${ws()}`)}${ws()}}`;
  };
  return { value, ws };
};

describe('JSON parsed from an answer\'s chunks', () => {
  it('gives what JSON.parse gives for every recorded provider payload, in pieces of any size and chunks of any size', () => {
    for (const provider of ['jira', 'servicenow', 'connectwise']) {
      for (const name of recordedFixtureNames(provider)) {
        const bytes = readFileSync(`${fixturesDir(provider)}${name}`);
        const text = bytes.toString('utf8');
        for (const limit of [0, 16, 256, 4096]) {
          for (const size of [1, 7, 1000, bytes.length]) expectSameAsJsonParse(parseInPieces(cutEvery(bytes, size), limit), text, `${provider}/${name} ${limit} ${size}`);
        }
      }
    }
  });

  it('gives what JSON.parse gives for generated documents: nesting, unicode, escapes, brackets in strings, whitespace anywhere', () => {
    const random = prng(22);
    const { value, ws } = writer(random);
    for (let round = 0; round < 400; round += 1) {
      const top = random() < 0.5 ? `[${value(1)},${ws()}${value(1)}]` : `{"issues":${ws()}[${value(1)},${value(1)}],${ws()}"next":${value(1)}}`;
      const text = `${ws()}${top}${ws()}`;
      const bytes = Buffer.from(text, 'utf8');
      const cuts = [...new Set(Array.from({ length: 1 + Math.floor(random() * 6) }, () => 1 + Math.floor(random() * (bytes.length - 1))))].sort((a, b) => a - b);
      const chunks = cutAt(bytes, cuts);
      for (const limit of [0, 8, 64]) expectSameAsJsonParse(parseInPieces(chunks, limit), text, `round ${round} limit ${limit}: ${text}`);
      expectSameAsJsonParse(parseJsonChunks(chunks, 32), text, `round ${round}: ${text}`);
    }
  });

  it('gives the same value however a small document is cut into chunks, one cut or a chunk per byte', () => {
    const text = ' {"k\\"[":[1,-2.5e3,"é😀\\\\",{"__proto__":{"x":[]},"a":{},"a":[[]]},true,null] , "z\\u00e9":"}]\\n\\ud83d\\ude00"} ';
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut += 1) {
      for (const limit of [0, 4, 30]) expectSameAsJsonParse(parseInPieces(cutAt(bytes, [cut]), limit), text, `cut at ${cut}, limit ${limit}`);
    }
    expectSameAsJsonParse(parseInPieces(cutEvery(bytes, 1), 0), text, 'a chunk per byte');
  });

  it('keeps `__proto__` an own property, duplicate keys where they first came with the last value, and the prototype Object.prototype', () => {
    const text = '{"b":1,"__proto__":{"polluted":true},"a":[{"__proto__":[1]}],"b":2,"__proto__":{"again":true}}';
    const parsed = parseInPieces(cutEvery(Buffer.from(text), 5), 0) as Record<string, unknown>;
    expectSameAsJsonParse(parsed, text, 'proto and duplicates');
    expect(Object.getPrototypeOf(parsed)).to.equal(Object.prototype);
    expect(Object.keys(parsed)).to.deep.equal(['b', '__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).to.deep.equal({ again: true });
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('fails on invalid input with the very error JSON.parse of the whole text gives', () => {
    const invalid = ['', ' ', '[1,]', '[1 2]', '[,1]', '[]]', '[1', '{"a":1,}', '{"a" 1}', '{a:1}', '{"a":1 "b":2}', '{"a":1}}', '{"a":[1,2', '\uFEFF[1]', '[1]x', '[1] [2]', '[01]', '["\u0001"]', '["\\x"]', '[truee]', '[nul]', '["abc]', '[-]', '{"a":}', '{"a"}', '[{"a":1]}', '["é', '{"k":"v\\"}'];
    for (const text of invalid) {
      const bytes = Buffer.from(text, 'utf8');
      const expected = (() => {
        try {
          JSON.parse(text);
        } catch (error) {
          return error as Error;
        }
        return expect.fail(`${text} should be invalid`);
      })();
      for (const chunks of [[bytes], cutEvery(bytes, 2)]) {
        expect(() => parseInPieces(chunks, 0), text).to.throw();
        expect(() => parseJsonChunks(chunks, 0), text).to.throw(expected.constructor as ErrorConstructor, expected.message);
      }
    }
  });

  it('parses a scalar at the top, and anything not over the threshold, as the whole text', () => {
    for (const text of ['"[1,2]"', '12', 'null', ' true ', '[1,2]', '{"a":"b"}']) expectSameAsJsonParse(parseJsonChunks(cutEvery(Buffer.from(text), 3), 0), text, text);
    expect(() => parseInPieces([Buffer.from('"[1,2]"')], 0)).to.throw();
    expect(parseJsonChunks([Buffer.from('[1,'), Buffer.from('2]')])).to.deep.equal([1, 2]);
  });

  it('decodes a piece whose UTF-8 sequences straddle chunks, and invalid UTF-8 as the whole text would', () => {
    const text = '["😀€é",{"😀":"𝄞"}]';
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut += 1) expectSameAsJsonParse(parseInPieces(cutAt(bytes, [cut]), 0), text, `cut at ${cut}`);
    const broken = Buffer.concat([Buffer.from('["a'), Buffer.from([0xf0, 0x9f]), Buffer.from('",{"b":"'), Buffer.from([0xc3]), Buffer.from('"}]')]);
    expectSameAsJsonParse(parseInPieces(cutEvery(broken, 3), 0), broken.toString('utf8'), 'invalid UTF-8');
  });
});
