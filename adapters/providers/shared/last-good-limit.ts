import type { PositionVerdict, RefusalsByPosition } from './refusals-by-position.js';

/** What a site's gate knows of its limit: the slots now, the last good limit, what its refusals showed. */
export interface LimitState {
  limit: number;
  /** The last limit known good (one below the one that was too many), or null before any decrease. */
  ceiling: number | null;
  /** Whether a limit was seen beyond the ceiling (so it is probed only now and then), or only refusals that come whatever the load. */
  limitSeen: boolean;
  readonly positions: RefusalsByPosition;
}

/**
 * The last good limit after a decrease of a request sent at `position`, and whether a limit was seen
 * beyond it: where the refusals by position show a limit, the position under it; otherwise a guess
 * (below), which a refusal sent beyond the most in flight lately answered caps at that most.
 */
export const ceilingAfterDecrease = (site: LimitState, position: number, min: number): { readonly ceiling: number; readonly limitSeen: boolean } => {
  const verdict = site.positions.verdict();
  if (verdict.kind === 'limit') return { ceiling: Math.max(min, verdict.lastGood), limitSeen: true };
  const guess = ceilingBeforePositionsTell(site, position, verdict, min);
  // In slow start the limit doubled from one whose whole round was answered clean: half of it is the
  // last known good (TCP's ssthresh). The positions answered overstate it: answers wait in this
  // process's event loop after the site counted them done, so it counts more in flight than the site.
  const slowStartGood = site.ceiling === null ? Math.max(min, Math.floor(site.limit / 2)) : Number.POSITIVE_INFINITY;
  // A refusal beyond the most answered clean says nothing is good past that: after slow start doubled
  // 8 to 16, the first refusal back may have been sent at 16, but 9 to 15 were beyond the limit too.
  const highestAnswered = site.positions.highestAnswered();
  const beyondAnswered = highestAnswered > 0 && position > highestAnswered;
  const ceiling = Math.max(min, Math.min(guess.ceiling, slowStartGood, beyondAnswered ? highestAnswered : Number.POSITIVE_INFINITY));
  return { ceiling, limitSeen: guess.limitSeen || beyondAnswered };
};

/**
 * Refused alike at every position seen often enough, the refusals come whatever the load (a storm),
 * and one under the highest position seen says nothing of a limit; one at the highest position or
 * beyond says that position may be one too many. Before the positions tell anything, the limit refused
 * was one too many when most answers were refusals; a few refusals among many clean answers lower the
 * good limit no further than it was.
 */
const ceilingBeforePositionsTell = (site: LimitState, position: number, verdict: Exclude<PositionVerdict, { readonly kind: 'limit' }>, min: number): { readonly ceiling: number; readonly limitSeen: boolean } => {
  if (verdict.kind === 'alike') {
    // Refused at the highest position known or beyond it, where a limit would refuse first (a site
    // counts in flight apart from this client, so the position over its limit is not always refused).
    const atTheTop = position >= verdict.lastGood;
    return { ceiling: Math.max(min, atTheTop ? position - 1 : verdict.lastGood), limitSeen: atTheTop };
  }
  const mostlyRefused = site.positions.refusedShare() >= MOSTLY;
  return { ceiling: Math.max(min, site.limit - 1, mostlyRefused ? 0 : (site.ceiling ?? 0)), limitSeen: mostlyRefused };
};

/** The share of refusals that, before the positions tell, is taken for a limit reached rather than a storm. */
const MOSTLY = 0.5;

/**
 * A refusal within the Retry-After of a decrease, of a request sent after it beyond the last good
 * limit: the limit regained (or grown) since is too many. It does not halve again, as a storm's
 * refusal would not, but where the positions under the last good limit were answered clean (a storm
 * refuses any position) the limit goes back to it, and a limit is taken as seen.
 */
export const keepUnderLimitSeen = (site: LimitState, position: number) => {
  if (site.ceiling === null || position <= site.ceiling || site.positions.refusedShare(site.ceiling) > CLEAN) return;
  [site.limit, site.limitSeen] = [Math.min(site.limit, site.ceiling), true];
};

/** Refused at most this share of the time, positions are clean: a refusal beyond them is a limit's. */
const CLEAN = 0.05;
