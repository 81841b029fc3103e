import { expect } from 'chai';
import { cpuPerIssueTarget, targetChecks } from '../../bench/report.js';
import type { BenchResults, SizeResults } from '../../bench/results-model.js';
import type { PhaseResult } from '../../bench/support/phase.js';

const phase = (items: number, wallMs: number, cpuMs: number): PhaseResult => ({
  wallMs,
  items,
  perSecond: items / (wallMs / 1000),
  cpuMs,
  busy: 1,
  peakRssMiB: 200,
});

/** One size's results with the CPU seconds given; the write variants' walls make the second the ceiling. */
const size = (issues: number, cpu: { real: number; fetch: number; ceiling: number; slowerWrite: number }): SizeResults => ({
  issues,
  fetchOnly: phase(issues, 10_000, cpu.fetch),
  writeVariants: [phase(issues, 9_000, cpu.slowerWrite), phase(issues, 8_000, cpu.ceiling)],
  naive: phase(issues, 100_000, 20_000),
  real: { first: phase(issues, 30_000, cpu.real), startRssMiB: 100 },
});

const CPU_TARGET = /^CPU per issue at/;

describe('the bench report: CPU per issue of the real path (bench/report.ts)', () => {
  it('sets the real path against fetch-only plus the write-only ceiling, per issue, with the three figures', () => {
    // 100,000 issues: real 21.65 s, fetch 11.71 s, ceiling 2.28 s (the quiet run of docs/performance.md).
    const check = cpuPerIssueTarget(size(100_000, { real: 21_650, fetch: 11_710, ceiling: 2_280, slowerWrite: 2_050 }));
    expect(check.target).to.equal('CPU per issue at 100,000: real path <= 1.3 x (fetch-only + write-only ceiling)');
    expect(check.measured).to.equal('1.55 x (real path 217 us, fetch-only 117 us, write-only 23 us)');
    expect(check.met).to.equal(false);
  });

  it('is met at 1.3 x exactly, missed just above it, and takes the fastest variant as the ceiling, not the cheapest', () => {
    // Fetch 100 + ceiling 20 = 120 us; a cheaper but slower variant (10 us) must not lower the bound.
    const at = cpuPerIssueTarget(size(10_000, { real: 1_560, fetch: 1_000, ceiling: 200, slowerWrite: 100 }));
    expect(at.met).to.equal(true);
    expect(at.measured).to.match(/^1\.30 x .*write-only 20 us\)$/);
    expect(cpuPerIssueTarget(size(10_000, { real: 1_570, fetch: 1_000, ceiling: 200, slowerWrite: 100 })).met).to.equal(false);
  });

  it('is checked once, at the largest N of the run', () => {
    const small = size(10_000, { real: 5_000, fetch: 1_000, ceiling: 200, slowerWrite: 300 });
    const large = size(100_000, { real: 14_000, fetch: 10_000, ceiling: 2_000, slowerWrite: 3_000 });
    const site = { requests: 1, refused: 0, refusedOverLimit: 0, peakInFlight: 1 };
    const run = { first: phase(1, 100, 1), site, stored: { rows: 1, items: 1 } };
    const results = {
      sizes: [large, small],
      network: { issues: 1, pages: 1, latencyMs: 100, first: phase(1, 100, 1) },
      webhooks: { status: 'pending', reason: 'not run' },
      servicenow: { issues: 1, pageSize: 1, latencyMs: 100, fetchOnly: phase(1, 1, 1), first: phase(1, 1, 1), networkBound: phase(1, 100, 1), requests: 1 },
      speed: { issues: 1, latencyMs: 100, maxInFlight: 8, stormEvery: 5, floorMs: 100, fetchByIds: { phase: phase(1, 100, 1), site }, fetchPages: { phase: phase(1, 100, 1), site }, taskport: run, storm: run, nango: run },
      providerSpeeds: [],
    } as unknown as BenchResults;
    const checks = targetChecks(results).filter((check) => CPU_TARGET.test(check.target));
    expect(checks).to.have.length(1);
    expect(checks[0]!.target).to.include('at 100,000');
    expect(checks[0]!.measured).to.equal('1.17 x (real path 140 us, fetch-only 100 us, write-only 20 us)');
    expect(checks[0]!.met).to.equal(true);
  });
});
