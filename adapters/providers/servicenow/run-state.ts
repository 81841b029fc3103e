import { emptyNameCache, type NameCache } from './referenced-names.js';

/** What one sync keeps between its pages: the versions it has handed over, and the names it has looked up. */
export interface RunState {
  readonly seen: Set<string>;
  readonly names: NameCache;
  touchedAt: number;
}

export interface RunStates {
  /** The run's state; a new one when this process never saw the run (or forgot it). */
  readonly of: (run: string) => RunState;
  readonly end: (run: string) => void;
}

const IDLE_MS = 30 * 60_000;
const MAX_RUNS = 200;
/** Past this, a run stops remembering versions: a repeat costs core one skipped key, not memory. */
export const MAX_SEEN = 500_000;

/**
 * Run states of this process. A run that stops without reaching its last page (a failure, a crash
 * of the caller) is forgotten after half an hour idle, or when too many runs are open.
 */
export const runStates = (now: () => number = Date.now): RunStates => {
  const runs = new Map<string, RunState>();
  const sweep = () => {
    const limit = now() - IDLE_MS;
    for (const [run, state] of runs) if (state.touchedAt < limit || runs.size > MAX_RUNS) runs.delete(run);
  };
  return {
    of: (run) => {
      const existing = runs.get(run);
      if (existing !== undefined) {
        existing.touchedAt = now();
        return existing;
      }
      sweep();
      const created: RunState = { seen: new Set(), names: emptyNameCache(), touchedAt: now() };
      runs.set(run, created);
      return created;
    },
    end: (run) => {
      runs.delete(run);
    },
  };
};
