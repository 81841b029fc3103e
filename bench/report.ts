import { formatTable } from '../apps/cli/table.js';
import { ceilingOf, type BenchResults, type LoadResult, type NetworkSpeedResults, type NetworkSpeedRun, type ProviderSpeedResults, type ServiceNowResults, type SizeResults } from './results-model.js';
import type { PhaseResult } from './support/phase.js';

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const rate = (perSecond: number) => Math.round(perSecond).toLocaleString('en-US');
const mib = (value: number | undefined) => (value === undefined ? '' : value.toFixed(0));
const count = (n: number) => n.toLocaleString('en-US');

export const HEADERS = ['scenario', 'N', 'wall s', 'items/s', 'node CPU s', 'peak RSS MiB', 'notes'];

const phaseRow = (name: string, n: number, phase: PhaseResult, notes: string, rss = true) => [
  name,
  count(n),
  seconds(phase.wallMs),
  rate(phase.perSecond),
  seconds(phase.cpuMs),
  rss ? mib(phase.peakRssMiB) : '',
  notes,
];

const sizeRows = (size: SizeResults): string[][] => {
  const ceiling = ceilingOf(size);
  const { first, incremental, identical, changed } = size.real;
  return [
    phaseRow('2 fetch-only ceiling', size.issues, size.fetchOnly, 'HTTP + decode + map, nothing written', false),
    ...size.writeVariants.map((v) =>
      phaseRow(v === ceiling ? '3 write-only ceiling' : '3 write-only variant', size.issues, v, `${String(v.detail?.variant)}, plain pg, 1 statement/batch`, false),
    ),
    phaseRow('4 naive baseline', size.issues, size.naive, '1 transaction per issue, plain pg', false),
    phaseRow('1 real path: first sync', size.issues, first, `${(first.perSecond / ceiling.perSecond).toFixed(2)} x ceiling, ${(first.perSecond / size.naive.perSecond).toFixed(1)} x naive`),
    ...(incremental === undefined
      ? []
      : [phaseRow('1 real path: nothing changed', incremental.items, incremental, 'incremental, as the poller runs: the overlap window re-read')]),
    ...(identical === undefined ? [] : [phaseRow('1 real path: identical resync', size.issues, identical, `full re-read, all skipped; ${(first.wallMs / identical.wallMs).toFixed(1)} x faster than first`)]),
    ...(changed === undefined ? [] : [phaseRow('1 real path: all changed', size.issues, changed, 'incremental, every issue edited')]),
  ];
};

const loadRow = (name: string, load: LoadResult, notes: string) => [
  name,
  count(load.requests),
  load.seconds.toFixed(1),
  rate(load.perSecond),
  '',
  '',
  `p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms${load.non2xx + load.errors > 0 ? `, ${load.non2xx} non-2xx, ${load.errors} errors` : ''}; ${notes}`,
];

const webhookRows = (results: BenchResults): string[][] => {
  const w = results.webhooks;
  if (w.status === 'pending') return [['6 webhook ingest', '', '', '', '', '', `PENDING: ${w.reason}`], ...(w.bare ? [loadRow('6 bare Koa endpoint', w.bare, '')] : [])];
  return [
    loadRow('6 bare Koa endpoint', w.bare, `${w.connections} connections`),
    loadRow('6 webhook ingest', w.webhook, `${(w.webhook.perSecond / w.bare.perSecond).toFixed(2)} x bare; ${count(w.acknowledged)} acknowledged (${count(w.resends)} resends): ${count(w.recorded)} recorded, ${count(w.applied)} applied after a ${w.drainSeconds.toFixed(1)} s drain`),
  ];
};

const servicenowRows = (sn: ServiceNowResults): string[][] => {
  const floor = sn.requests * sn.latencyMs;
  return [
    phaseRow('7 ServiceNow fetch-only', sn.issues, sn.fetchOnly, `Table API + decode + lookups, nothing written; pages of ${sn.pageSize}`, false),
    phaseRow('7 ServiceNow first sync', sn.issues, sn.first, `${(sn.first.perSecond / sn.fetchOnly.perSecond).toFixed(2)} x fetch-only`),
    phaseRow(
      `7 ServiceNow network (${sn.latencyMs} ms)`,
      sn.issues,
      sn.networkBound,
      `${sn.requests} requests x ${sn.latencyMs} ms = ${seconds(floor)} s; ${(sn.networkBound.wallMs / floor).toFixed(2)} x that`,
    ),
  ];
};

const speedNotes = (speed: { readonly floorMs: number }, run: NetworkSpeedRun): string => {
  const { site, stored } = run;
  return `${(run.first.wallMs / speed.floorMs).toFixed(2)} x floor; ${count(site.requests)} requests, ${count(site.refused)} answered 429 (${count(site.refusedOverLimit)} over the limit), peak ${site.peakInFlight} in flight; ${count(stored.items)} issues in ${count(stored.rows)} rows`;
};

export const speedRows = (speed: NetworkSpeedResults): string[][] => {
  const at = `${speed.latencyMs} ms, ${speed.maxInFlight} at once`;
  return [
    ['8 sequential floor', count(speed.issues), seconds(speed.floorMs), '', '', '', `${Math.ceil(speed.issues / 100)} pages of 100 x ${speed.latencyMs} ms, one after the other`],
    phaseRow('8 fetch-only, pages of 100', speed.issues, speed.fetchPages.phase, `${(speed.fetchPages.phase.wallMs / speed.floorMs).toFixed(2)} x floor; ${count(speed.fetchPages.site.requests)} requests, nothing written`, false),
    phaseRow(
      '8 fetch-only by ids',
      speed.issues,
      speed.fetchByIds.phase,
      `${(speed.fetchByIds.phase.wallMs / speed.floorMs).toFixed(2)} x floor; ${count(speed.fetchByIds.site.requests)} requests, ${count(speed.fetchByIds.site.refused)} answered 429, peak ${speed.fetchByIds.site.peakInFlight} in flight; nothing written`,
      false,
    ),
    phaseRow(`8 first sync by ids (${at})`, speed.issues, speed.taskport.first, speedNotes(speed, speed.taskport)),
    phaseRow(`8 same, 429 storm (1 in ${speed.stormEvery})`, speed.issues, speed.storm.first, speedNotes(speed, speed.storm)),
    phaseRow('8 Nango-style (pages of 50)', speed.issues, speed.nango.first, `${speedNotes(speed, speed.nango)}; taskport ${(speed.nango.first.wallMs / speed.taskport.first.wallMs).toFixed(1)} x faster`),
  ];
};

const PROVIDER_NAMES: Readonly<Record<ProviderSpeedResults['provider'], string>> = { servicenow: 'ServiceNow', connectwise: 'ConnectWise' };

/** Scenario 8's rows for ServiceNow or ConnectWise: the floor, by ids, the storm, the sequential connector. */
export const providerSpeedRows = (speed: ProviderSpeedResults): string[][] => {
  const name = PROVIDER_NAMES[speed.provider];
  const at = `${speed.latencyMs} ms, ${speed.maxInFlight} at once`;
  return [
    [`8 ${name} sequential floor`, count(speed.issues), seconds(speed.floorMs), '', '', '', `${Math.ceil(speed.issues / 100)} pages of 100 x ${speed.latencyMs} ms, one after the other`],
    phaseRow(`8 ${name} first sync by ids (${at})`, speed.issues, speed.taskport.first, speedNotes(speed, speed.taskport)),
    phaseRow(`8 ${name} same, 429 storm (1 in ${speed.stormEvery})`, speed.issues, speed.storm.first, speedNotes(speed, speed.storm)),
    phaseRow(
      `8 ${name} sequential (pages of ${speed.sequentialPage})`,
      speed.issues,
      speed.sequential.first,
      `${speedNotes(speed, speed.sequential)}; taskport ${(speed.sequential.first.wallMs / speed.taskport.first.wallMs).toFixed(1)} x faster`,
    ),
  ];
};

export const resultsTable = (results: BenchResults): string => {
  const net = results.network;
  const ideal = net.pages * net.latencyMs;
  const rows = [
    ...results.sizes.flatMap(sizeRows),
    phaseRow(`5 network-bound (${net.latencyMs} ms/page)`, net.issues, net.first, `${net.pages} pages x ${net.latencyMs} ms = ${seconds(ideal)} s; ${(net.first.wallMs / ideal).toFixed(2)} x that`),
    ...webhookRows(results),
    ...servicenowRows(results.servicenow),
    ...speedRows(results.speed),
    ...results.providerSpeeds.flatMap(providerSpeedRows),
  ];
  return formatTable(HEADERS, rows);
};

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | null;
}

const sizeTargets = (size: SizeResults): TargetCheck[] => {
  const ceiling = ceilingOf(size);
  const { first, identical } = size.real;
  const bound = Math.max(size.fetchOnly.wallMs, ceiling.wallMs);
  const n = `N=${count(size.issues)}`;
  return [
    { target: `${n}: first sync >= 0.7 x write-only ceiling`, measured: `${(first.perSecond / ceiling.perSecond).toFixed(2)} x`, met: first.perSecond >= 0.7 * ceiling.perSecond },
    { target: `${n}: first sync >= 5 x naive`, measured: `${(first.perSecond / size.naive.perSecond).toFixed(1)} x`, met: first.perSecond >= 5 * size.naive.perSecond },
    { target: `${n}: wall <= 1.25 x max(fetch-only, write-only)`, measured: `${(first.wallMs / bound).toFixed(2)} x`, met: first.wallMs <= 1.25 * bound },
    ...(identical === undefined
      ? []
      : [{ target: `${n}: identical resync (full re-read) >= 2 x faster`, measured: `${(first.wallMs / identical.wallMs).toFixed(1)} x`, met: first.wallMs >= 2 * identical.wallMs }]),
  ];
};

const peakOf = (size: SizeResults) => Math.max(...[size.real.first, size.real.incremental, size.real.identical, size.real.changed].map((p) => p?.peakRssMiB ?? 0));

const servicenowTarget = (sn: ServiceNowResults): TargetCheck => {
  const floor = sn.requests * sn.latencyMs;
  return { target: 'ServiceNow network-bound wall <= 1.15 x requests x latency', measured: `${(sn.networkBound.wallMs / floor).toFixed(2)} x`, met: sn.networkBound.wallMs <= 1.15 * floor };
};

const exact = (speed: { readonly issues: number }, run: NetworkSpeedRun) => run.stored.rows === speed.issues && run.stored.items === speed.issues;

export const speedTargets = (speed: NetworkSpeedResults): TargetCheck[] => [
  {
    target: 'the network alone (fetch-only by ids) <= 0.25 x sequential floor',
    measured: `${(speed.fetchByIds.phase.wallMs / speed.floorMs).toFixed(2)} x`,
    met: speed.fetchByIds.phase.wallMs <= 0.25 * speed.floorMs,
  },
  {
    target: `first sync at network speed <= 0.25 x sequential floor, every issue once`,
    measured: `${(speed.taskport.first.wallMs / speed.floorMs).toFixed(2)} x; ${count(speed.taskport.stored.rows)} rows for ${count(speed.issues)} issues`,
    met: speed.taskport.first.wallMs <= 0.25 * speed.floorMs && exact(speed, speed.taskport),
  },
  {
    target: `the same in a 429 storm <= 0.5 x floor, every issue once`,
    measured: `${(speed.storm.first.wallMs / speed.floorMs).toFixed(2)} x; ${count(speed.storm.stored.rows)} rows; ${count(speed.storm.site.refused)} 429s`,
    met: speed.storm.first.wallMs <= 0.5 * speed.floorMs && exact(speed, speed.storm),
  },
];

/** Scenario 8's targets for ServiceNow or ConnectWise: the issue's, against the same floor as Jira's. */
export const providerSpeedTargets = (speed: ProviderSpeedResults): TargetCheck[] => {
  const name = PROVIDER_NAMES[speed.provider];
  return [
    {
      target: `${name}: first sync at network speed <= 0.25 x sequential floor, every issue once`,
      measured: `${(speed.taskport.first.wallMs / speed.floorMs).toFixed(2)} x; ${count(speed.taskport.stored.rows)} rows for ${count(speed.issues)} issues`,
      met: speed.taskport.first.wallMs <= 0.25 * speed.floorMs && exact(speed, speed.taskport),
    },
    {
      target: `${name}: the same in a 429 storm <= 0.5 x floor, every issue once`,
      measured: `${(speed.storm.first.wallMs / speed.floorMs).toFixed(2)} x; ${count(speed.storm.stored.rows)} rows; ${count(speed.storm.site.refused)} 429s`,
      met: speed.storm.first.wallMs <= 0.5 * speed.floorMs && exact(speed, speed.storm),
    },
  ];
};

export const targetChecks = (results: BenchResults): ReadonlyArray<TargetCheck> => {
  const sorted = [...results.sizes].sort((a, b) => a.issues - b.issues);
  const [small, large] = [sorted[0], sorted[sorted.length - 1]];
  const net = results.network;
  const w = results.webhooks;
  return [
    ...results.sizes.flatMap(sizeTargets),
    small !== undefined && large !== undefined && large !== small
      ? { target: `peak RSS at ${count(large.issues)} <= 1.3 x at ${count(small.issues)}`, measured: `${(peakOf(large) / peakOf(small)).toFixed(2)} x (${mib(peakOf(large))} / ${mib(peakOf(small))} MiB)`, met: peakOf(large) <= 1.3 * peakOf(small) }
      : { target: 'peak RSS flat in N', measured: 'needs two sizes', met: null },
    { target: 'network-bound wall <= 1.15 x pages x latency', measured: `${(net.first.wallMs / (net.pages * net.latencyMs)).toFixed(2)} x`, met: net.first.wallMs <= 1.15 * net.pages * net.latencyMs },
    servicenowTarget(results.servicenow),
    ...speedTargets(results.speed),
    ...results.providerSpeeds.flatMap(providerSpeedTargets),
    ...(w.status === 'pending'
      ? [{ target: 'webhook ingest >= 0.3 x bare, p99 < 50 ms, exactly once', measured: 'pending', met: null }]
      : [
          { target: 'webhook ingest >= 0.3 x bare', measured: `${(w.webhook.perSecond / w.bare.perSecond).toFixed(2)} x`, met: w.webhook.perSecond >= 0.3 * w.bare.perSecond },
          { target: 'webhook p99 < 50 ms', measured: `${w.webhook.p99Ms.toFixed(1)} ms`, met: w.webhook.p99Ms < 50 },
          {
            target: 'every delivery recorded exactly once (and applied once)',
            measured: `${count(w.recorded)} inbox rows, ${count(w.applied)} event-log rows, ${count(w.pending)} pending / ${count(w.acknowledged)} acknowledged deliveries (${count(w.resends)} resends)`,
            met: w.recorded === w.acknowledged && w.applied === w.acknowledged && w.pending === 0 && w.webhook.non2xx + w.webhook.errors === 0,
          },
        ]),
  ];
};

export const targetsText = (checks: ReadonlyArray<TargetCheck>): string =>
  checks.map((c) => `${c.met === null ? '  ?  ' : c.met ? ' met ' : 'MISSED'}  ${c.target}: ${c.measured}`).join('\n');
