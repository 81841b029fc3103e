import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** A walk page's stretches: the first and last id of each part's ids in it. */
const WalkContextCodec = t.type({ v: t.literal(1), stretches: t.array(t.tuple([t.number, t.number])) });

export type Stretch = readonly [number, number];

export const encodeWalkContext = (stretches: ReadonlyArray<Stretch>): string => JSON.stringify({ v: 1, stretches });

/** The stretches a context names; none for a context this adapter did not write (the ids are then one stretch). */
export const stretchesOf = (context: string | null): ReadonlyArray<Stretch> => {
  if (context === null) return [];
  const decoded = E.chain((value: unknown) => WalkContextCodec.decode(value))(E.tryCatch(() => JSON.parse(context) as unknown, () => []));
  return E.isRight(decoded) ? decoded.right.stretches : [];
};

/**
 * Ascending ids of one kind cut where they change stretch, so that no range read spans the unwalked
 * ids between two parts of the walk. Ids outside every stretch (a context from another page) leave
 * them uncut: a range read answers only walked ids anyway, it just reads more to find them.
 */
export const cutAtStretches = (ids: ReadonlyArray<number>, stretches: ReadonlyArray<Stretch>): ReadonlyArray<ReadonlyArray<number>> => {
  const stretchOf = (id: number) => stretches.findIndex(([first, last]) => id >= first && id <= last);
  const indexes = ids.map(stretchOf);
  if (ids.length === 0 || indexes.some((index) => index < 0)) return ids.length === 0 ? [] : [ids];
  const cut: number[][] = [];
  ids.forEach((id, i) => (i > 0 && indexes[i] === indexes[i - 1] ? cut[cut.length - 1]!.push(id) : cut.push([id])));
  return cut;
};
