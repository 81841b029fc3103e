import type { Clock } from '../../core/index.js';

export interface ManualClock extends Clock {
  readonly set: (at: Date) => void;
  readonly advance: (ms: number) => void;
}

/** A clock that moves only when told to. */
export const manualClock = (start = new Date('2026-01-01T00:00:00.000Z')): ManualClock => {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
};
