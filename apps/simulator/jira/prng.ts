/** A small seeded PRNG (mulberry32): the same seed always yields the same tracker. */
export interface Random {
  readonly next: () => number;
  readonly int: (minInclusive: number, maxInclusive: number) => number;
  readonly chance: (probability: number) => boolean;
  readonly pick: <T>(items: ReadonlyArray<T>) => T;
  readonly weighted: <T>(items: ReadonlyArray<readonly [T, number]>) => T;
  readonly hex: (length: number) => string;
}

/** Mixes two numbers into a 32-bit seed, so each issue gets its own stream from (seed, id). */
export const mixSeed = (a: number, b: number): number => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 13)) >>> 0;
};

export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(next() * items.length)] as T;
  const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  };
  const hex = (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');
  return { next, int, chance: (p) => next() < p, pick, weighted, hex };
};
