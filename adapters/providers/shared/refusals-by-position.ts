/**
 * How often requests were refused by how many were in flight when each was sent (its position),
 * over the last score or so at each position. A site refusing because too many are in flight refuses
 * the requests sent beyond its limit far more often than those sent within it; a storm of refusals
 * that comes whatever the load (one request in five, say) refuses every position alike. Telling the
 * two apart is what keeps the adaptive limit from collapsing in a storm.
 */
export interface RefusalsByPosition {
  readonly record: (position: number, refused: boolean) => void;
  readonly verdict: () => PositionVerdict;
  /** The share of the (weighted) answers seen that were refusals, all positions together or those up to `upTo`. */
  readonly refusedShare: (upTo?: number) => number;
  /** The highest position with a request answered (not refused) lately, or 0 when none was. */
  readonly highestAnswered: () => number;
}

/**
 * `limit`: the first position refused clearly more often than those under it is beyond the site's
 * limit, and `lastGood` is the one under it. `alike`: the positions seen often enough, up to
 * `lastGood`, are refused alike (no limit in sight). `unknown`: too few answers to say.
 */
export type PositionVerdict = { readonly kind: 'limit' | 'alike'; readonly lastGood: number } | { readonly kind: 'unknown' };

/** Each answer weighs this much more than the one before it at the same position: a memory of about 20. */
const DECAY = 0.95;
/** Fewer (weighted) answers than this at a position say nothing of it. */
const ENOUGH = 6;
/**
 * Refused more than twice as often as the positions under it and by this much more, and at least
 * twice: the position is beyond the site's limit. Over clean positions a few refusals in ten show a
 * limit (this process counts answers it has not read yet as in flight, so the site refuses beyond its
 * limit only now and then); over a storm of one in five the position must be refused half the time,
 * which chance rarely does.
 */
const MARGIN = 0.1;
const REFUSED_AT_LEAST = 2;
/** A position with at least this much (weighted) of answers that were not refusals was answered lately. */
const ANSWERED = 0.5;

export const refusalsByPosition = (max: number): RefusalsByPosition => {
  const seen = new Array<number>(max + 1).fill(0);
  const refused = new Array<number>(max + 1).fill(0);
  const record = (position: number, wasRefused: boolean) => {
    const p = Math.min(max, Math.max(1, position));
    seen[p] = (seen[p] ?? 0) * DECAY + 1;
    refused[p] = (refused[p] ?? 0) * DECAY + (wasRefused ? 1 : 0);
  };
  const verdict = (): PositionVerdict => {
    let [seenBelow, refusedBelow, good, told] = [0, 0, 0, 0];
    for (let p = 1; p <= max; p += 1) {
      const [s, r] = [seen[p] ?? 0, refused[p] ?? 0];
      // The positions under the one a busy caller sends at are seldom seen: the first seen enough counts from there.
      if (s < ENOUGH && told === 0) continue;
      if (s < ENOUGH) break;
      if (seenBelow >= ENOUGH && r >= REFUSED_AT_LEAST && r / s > 2 * (refusedBelow / seenBelow) + MARGIN) return { kind: 'limit', lastGood: p - 1 };
      [seenBelow, refusedBelow, good, told] = [seenBelow + s, refusedBelow + r, p, told + 1];
    }
    // A single position says nothing about a limit: the site may allow that one and no more.
    return told < 2 ? { kind: 'unknown' } : { kind: 'alike', lastGood: good };
  };
  const refusedShare = (upTo = max) => {
    const total = seen.slice(0, upTo + 1).reduce((sum, s) => sum + s, 0);
    return total === 0 ? 0 : refused.slice(0, upTo + 1).reduce((sum, r) => sum + r, 0) / total;
  };
  const highestAnswered = () => {
    for (let p = max; p >= 1; p -= 1) if ((seen[p] ?? 0) - (refused[p] ?? 0) >= ANSWERED) return p;
    return 0;
  };
  return { record, verdict, refusedShare, highestAnswered };
};
