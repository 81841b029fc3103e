import type { NetworkSpeedResults, NetworkSpeedRun, ProviderSpeedResults } from './results-model.js';
import { count, phaseRow, seconds, type TargetCheck } from './report-format.js';

/** Scenario 8's rows and targets: Jira's, and ServiceNow's and ConnectWise's against the same floor. */
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

/** Scenario 8's rows for ServiceNow or ConnectWise: the floor, the id walk read by ranges, the storm, the sequential connector. */
export const providerSpeedRows = (speed: ProviderSpeedResults): string[][] => {
  const name = PROVIDER_NAMES[speed.provider];
  const at = `${speed.latencyMs} ms, ${speed.maxInFlight} at once`;
  return [
    [`8 ${name} sequential floor`, count(speed.issues), seconds(speed.floorMs), '', '', '', `${Math.ceil(speed.issues / 100)} pages of 100 x ${speed.latencyMs} ms, one after the other`],
    phaseRow(`8 ${name} first sync, walk + ranges (${at})`, speed.issues, speed.taskport.first, speedNotes(speed, speed.taskport)),
    phaseRow(`8 ${name} same, 429 storm (1 in ${speed.stormEvery})`, speed.issues, speed.storm.first, speedNotes(speed, speed.storm)),
    phaseRow(
      `8 ${name} sequential (pages of ${speed.sequentialPage})`,
      speed.issues,
      speed.sequential.first,
      `${speedNotes(speed, speed.sequential)}; taskport ${(speed.sequential.first.wallMs / speed.taskport.first.wallMs).toFixed(1)} x faster`,
    ),
  ];
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
