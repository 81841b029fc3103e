import { performance } from 'node:perf_hooks';
import { peakRssMiB } from './child.js';

/** One timed step of a scenario, measured in the process that ran it. */
export interface PhaseResult {
  readonly wallMs: number;
  /** Issues (or rows) the phase went through, whatever it did with them. */
  readonly items: number;
  readonly perSecond: number;
  /** CPU time of this process (user + system) during the phase: what Node itself spent. */
  readonly cpuMs: number;
  /** Share of the phase the main thread was busy rather than waiting (event loop utilization). */
  readonly busy: number;
  /** The process's peak resident set size so far. */
  readonly peakRssMiB: number;
  readonly detail?: Readonly<Record<string, number | string>>;
}

export const timePhase = async <A>(
  items: number | ((value: A) => number),
  run: () => Promise<A>,
  detail: (value: A) => Readonly<Record<string, number | string>> | undefined = () => undefined,
): Promise<PhaseResult & { readonly value: A }> => {
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const started = performance.now();
  const value = await run();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(loop).utilization;
  const extra = detail(value);
  const count = typeof items === 'number' ? items : items(value);
  return {
    value,
    wallMs,
    items: count,
    perSecond: count / (wallMs / 1000),
    cpuMs: (used.user + used.system) / 1000,
    busy,
    peakRssMiB: peakRssMiB(),
    ...(extra === undefined ? {} : { detail: extra }),
  };
};

/** The phase without the value it computed, for sending to the parent. */
export const withoutValue = ({ value: _value, ...phase }: PhaseResult & { readonly value: unknown }): PhaseResult => phase;
