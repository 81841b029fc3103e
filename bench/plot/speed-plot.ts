import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SpeedTracker } from '../options.js';
import type { NetworkSpeedResults, NetworkSpeedRun, ProviderSpeedResults } from '../results-model.js';
import { JIRA_BY_IDS, JIRA_NANGO_STYLE, NANGO_PAGE, runJiraFirstSync, sequentialFloorMs, type NetworkSpeedOptions } from '../scenarios/network-speed.js';
import { PROVIDER_BY_IDS, runProviderFirstSync, SEQUENTIAL_PAGE } from '../scenarios/provider-network-speed.js';
import type { BenchServer } from '../support/bench-database.js';
import { wallTimePlot, type PlotPanel, type PlotPoint } from './wall-plot.js';

/** taskport's first sync and the sequential connector's at one N. */
interface PlotRuns {
  readonly issues: number;
  readonly taskport: NetworkSpeedRun;
  readonly sequential: NetworkSpeedRun;
}

const TITLES: Readonly<Record<SpeedTracker, string>> = { jira: 'Jira', servicenow: 'ServiceNow', connectwise: 'ConnectWise' };

const sequentialName = (tracker: SpeedTracker) => (tracker === 'jira' ? `Nango-style (pages of ${NANGO_PAGE})` : `sequential (pages of ${SEQUENTIAL_PAGE[tracker]})`);

/** What scenario 8 measured already at its own N, so the plot does not run it twice. */
export const scenarioRuns = (jira: NetworkSpeedResults | null, providers: ReadonlyArray<ProviderSpeedResults>): Map<SpeedTracker, PlotRuns> =>
  new Map<SpeedTracker, PlotRuns>([
    ...(jira === null ? [] : [['jira', { issues: jira.issues, taskport: jira.taskport, sequential: jira.nango }] as const]),
    ...providers.map((p) => [p.provider, { issues: p.issues, taskport: p.taskport, sequential: p.sequential }] as const),
  ]);

const measure = async (server: BenchServer, tracker: SpeedTracker, options: NetworkSpeedOptions): Promise<PlotRuns> =>
  tracker === 'jira'
    ? { issues: options.issues, taskport: await runJiraFirstSync(server, options, JIRA_BY_IDS, false), sequential: await runJiraFirstSync(server, options, JIRA_NANGO_STYLE, false) }
    : {
        issues: options.issues,
        taskport: await runProviderFirstSync(server, tracker, options, PROVIDER_BY_IDS, false),
        sequential: await runProviderFirstSync(server, tracker, options, { pageSize: SEQUENTIAL_PAGE[tracker] }, false),
      };

const panelOf = (tracker: SpeedTracker, runs: ReadonlyArray<PlotRuns>, latencyMs: number): PlotPanel => {
  const points = (pick: (r: PlotRuns) => number): PlotPoint[] => runs.map((r) => ({ issues: r.issues, seconds: pick(r) / 1000 }));
  return {
    title: TITLES[tracker],
    series: [
      { name: 'taskport (by ids)', points: points((r) => r.taskport.first.wallMs) },
      { name: 'sequential floor (pages of 100)', dashed: true, points: points((r) => sequentialFloorMs(r.issues, latencyMs)) },
      { name: sequentialName(tracker), points: points((r) => r.sequential.first.wallMs) },
    ],
  };
};

/**
 * The first syncs of scenario 8 at every N of `sizes` (taskport by ids and the sequential connector;
 * the floor is computed), reusing the scenario's own runs, drawn as one SVG panel per tracker.
 */
export const plotWallTimes = async (
  server: BenchServer,
  trackers: ReadonlyArray<SpeedTracker>,
  sizes: ReadonlyArray<number>,
  options: NetworkSpeedOptions,
  measured: Map<SpeedTracker, PlotRuns>,
  log: (message: string) => void,
): Promise<PlotPanel[]> => {
  const panels: PlotPanel[] = [];
  for (const tracker of trackers) {
    const runs: PlotRuns[] = [];
    for (const issues of [...sizes].sort((a, b) => a - b)) {
      const known = measured.get(tracker);
      if (known?.issues === issues) runs.push(known);
      else {
        log(`plot: ${TITLES[tracker]} at N=${issues}, by ids then ${sequentialName(tracker)}`);
        runs.push(await measure(server, tracker, { ...options, issues }));
      }
    }
    panels.push(panelOf(tracker, runs, options.latencyMs));
  }
  return panels;
};

/** The plot docs/performance.md shows: the latest run's, committed; each run's own copy is not. */
export const PLOT_FILE = 'network-speed.svg';

/** Writes the plot under `directory` as `speed-<startedAt>.svg` and as {@link PLOT_FILE}; answers the first's path. */
export const writePlot = async (directory: string, startedAt: string, panels: ReadonlyArray<PlotPanel>, caption: string): Promise<string> => {
  await mkdir(directory, { recursive: true });
  const svg = wallTimePlot(panels, caption);
  const file = path.join(directory, `speed-${startedAt.replace(/[:.]/g, '-')}.svg`);
  await writeFile(file, svg);
  await writeFile(path.join(directory, PLOT_FILE), svg);
  return file;
};
