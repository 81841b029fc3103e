/**
 * A part of one kind's id space, walked beside the others: the ids after `after`, up to `to`
 * included (`null`: no end, so a ticket created during the walk above the highest id seen at its
 * start is still walked, as a single walk would).
 */
export interface WalkPart {
  readonly after: number;
  readonly to: number | null;
}

/** One part's page: its ids (ascending), and whether ConnectWise has more of the part. */
export interface PartAnswer {
  readonly ids: ReadonlyArray<number>;
  readonly more: boolean;
}

/** How parts are cut: ids a page (a part narrower than a page is not cut), and the most walked at once. */
export interface PartLimits {
  readonly pageSize: number;
  readonly parts: number;
}

/** The whole id space, as a walk begins. */
export const WHOLE: WalkPart = { after: 0, to: null };

/** The ids a part may still hold; an open part is measured up to the highest id seen at the start. */
const widthOf = (part: WalkPart, top: number): number => (part.to ?? Math.max(top, part.after)) - part.after;

/** Two halves of a part; the upper one keeps its end (open or not). */
const halves = (part: WalkPart, top: number): ReadonlyArray<WalkPart> => {
  const middle = part.after + Math.ceil(widthOf(part, top) / 2);
  return [
    { after: part.after, to: middle },
    { after: middle, to: part.to },
  ];
};

/**
 * The parts to walk next, in id order: the widest is halved while fewer than `limits.parts` are
 * left and it is wider than a page. Halving, rather than cutting by counts the walk cannot know,
 * keeps unevenly spread ids no slower than one walk: a part holding most of them still advances a
 * page a round, and the empty halves end after one cheap call.
 */
export const rebalance = (parts: ReadonlyArray<WalkPart>, top: number, limits: PartLimits): ReadonlyArray<WalkPart> => {
  let cut = [...parts];
  while (cut.length < limits.parts) {
    const widest = cut.reduce((best, part, i) => (widthOf(part, top) > widthOf(cut[best]!, top) ? i : best), 0);
    const part = cut[widest];
    if (part === undefined || widthOf(part, top) <= limits.pageSize) break;
    cut = [...cut.slice(0, widest), ...halves(part, top), ...cut.slice(widest + 1)];
  }
  return cut;
};

/** Where each part goes on after its page: after its last id while it has more; an ended part is dropped. */
export const advance = (parts: ReadonlyArray<WalkPart>, answers: ReadonlyArray<PartAnswer>): ReadonlyArray<WalkPart> =>
  parts.flatMap((part, i) => {
    const answer = answers[i];
    const last = answer?.ids[answer.ids.length - 1];
    // A part that says it has more but gave no id cannot advance: taken as ended, as one walk would.
    return answer !== undefined && answer.more && last !== undefined ? [{ after: last, to: part.to }] : [];
  });

/**
 * The parts' answers as one walk page: full pages first (so a sync's stretches of a page's worth
 * each fall within one part), then the short ones, each part's ids ascending; with the stretch each
 * answer covers, so that a range read never spans the unwalked ids between two parts.
 */
export const pageOfParts = (answers: ReadonlyArray<PartAnswer>, pageSize: number): { readonly ids: ReadonlyArray<number>; readonly stretches: ReadonlyArray<readonly [number, number]> } => {
  const ordered = [...answers.filter((a) => a.ids.length >= pageSize), ...answers.filter((a) => a.ids.length > 0 && a.ids.length < pageSize)];
  return {
    ids: ordered.flatMap((a) => a.ids),
    stretches: ordered.map((a) => [a.ids[0]!, a.ids[a.ids.length - 1]!] as const),
  };
};
