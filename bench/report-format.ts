/** The columns and number formats of the bench's table, shared by its parts. */
import type { PhaseResult } from './support/phase.js';

export const seconds = (ms: number) => (ms / 1000).toFixed(2);
export const rate = (perSecond: number) => Math.round(perSecond).toLocaleString('en-US');
export const mib = (value: number | undefined) => (value === undefined ? '' : value.toFixed(0));
export const count = (n: number) => n.toLocaleString('en-US');

export const HEADERS = ['scenario', 'N', 'wall s', 'items/s', 'node CPU s', 'peak RSS MiB', 'notes'];

export const phaseRow = (name: string, n: number, phase: PhaseResult, notes: string, rss = true) => [
  name,
  count(n),
  seconds(phase.wallMs),
  rate(phase.perSecond),
  seconds(phase.cpuMs),
  rss ? mib(phase.peakRssMiB) : '',
  notes,
];

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | null;
}
