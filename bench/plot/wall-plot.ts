/**
 * The plot of docs/performance.md: wall time against N, one line per series, as SVG text written by
 * hand (no charting dependency). Pure: the same data always gives the same text.
 */

export interface PlotPoint {
  readonly issues: number;
  readonly seconds: number;
}

export interface PlotSeries {
  readonly name: string;
  readonly points: ReadonlyArray<PlotPoint>;
  /** Drawn dashed: a computed line (the floor) rather than a measured one. */
  readonly dashed?: boolean;
}

export interface PlotPanel {
  readonly title: string;
  readonly series: ReadonlyArray<PlotSeries>;
}

const PANEL = { width: 420, height: 300, left: 56, right: 16, top: 34, bottom: 46 } as const;
const LEGEND_LINE = 16;
const COLOURS = ['#1f77b4', '#7f7f7f', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fixed = (value: number) => Number(value.toFixed(1)).toString();

/** A round upper bound and its step: 1, 2 or 5 times a power of ten, about five ticks. */
export const niceScale = (max: number): { readonly top: number; readonly step: number } => {
  if (!(max > 0)) return { top: 1, step: 0.2 };
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return { top: Math.ceil(max / step - 1e-9) * step, step };
};

const ticks = (top: number, step: number) => Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Number((i * step).toPrecision(12)));

const panelSvg = (panel: PlotPanel, offsetX: number): string => {
  const points = panel.series.flatMap((s) => s.points);
  const x = niceScale(Math.max(0, ...points.map((p) => p.issues)));
  const y = niceScale(Math.max(0, ...points.map((p) => p.seconds)));
  const plotWidth = PANEL.width - PANEL.left - PANEL.right;
  const plotHeight = PANEL.height - PANEL.top - PANEL.bottom;
  const px = (issues: number) => offsetX + PANEL.left + (issues / x.top) * plotWidth;
  const py = (seconds: number) => PANEL.top + plotHeight - (seconds / y.top) * plotHeight;
  const axes = [
    `<text x="${fixed(offsetX + PANEL.width / 2)}" y="20" text-anchor="middle" font-weight="bold">${escape(panel.title)}</text>`,
    // The grid first, so the axes are drawn over its lines.
    ...ticks(y.top, y.step).map((s) => `<line x1="${fixed(px(0))}" y1="${fixed(py(s))}" x2="${fixed(px(x.top))}" y2="${fixed(py(s))}" stroke="#eee"/><text x="${fixed(px(0) - 6)}" y="${fixed(py(s) + 4)}" text-anchor="end">${s}</text>`),
    `<line x1="${fixed(px(0))}" y1="${fixed(py(0))}" x2="${fixed(px(x.top))}" y2="${fixed(py(0))}" stroke="#000"/>`,
    `<line x1="${fixed(px(0))}" y1="${fixed(py(0))}" x2="${fixed(px(0))}" y2="${fixed(py(y.top))}" stroke="#000"/>`,
    ...ticks(x.top, x.step).map((n) => `<text x="${fixed(px(n))}" y="${fixed(py(0) + 16)}" text-anchor="middle">${n.toLocaleString('en-US')}</text>`),
    `<text x="${fixed(px(x.top / 2))}" y="${fixed(py(0) + 34)}" text-anchor="middle">issues (N)</text>`,
    `<text x="${fixed(offsetX + 14)}" y="${fixed(PANEL.top + plotHeight / 2)}" text-anchor="middle" transform="rotate(-90 ${fixed(offsetX + 14)} ${fixed(PANEL.top + plotHeight / 2)})">wall s</text>`,
  ];
  const lines = panel.series.map((series, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const sorted = [...series.points].sort((a, b) => a.issues - b.issues);
    const path = sorted.map((p) => `${fixed(px(p.issues))},${fixed(py(p.seconds))}`).join(' ');
    const dots = sorted.map((p) => `<circle cx="${fixed(px(p.issues))}" cy="${fixed(py(p.seconds))}" r="3" fill="${colour}"><title>${escape(series.name)}: N=${p.issues}, ${p.seconds.toFixed(2)} s</title></circle>`);
    const legendY = PANEL.height + (i + 1) * LEGEND_LINE - 4;
    return [
      `<g class="series" data-name="${escape(series.name)}">`,
      `<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"${series.dashed === true ? ' stroke-dasharray="6 4"' : ''}/>`,
      ...dots,
      `<line x1="${offsetX + PANEL.left}" y1="${legendY - 4}" x2="${offsetX + PANEL.left + 20}" y2="${legendY - 4}" stroke="${colour}" stroke-width="2"${series.dashed === true ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${offsetX + PANEL.left + 26}" y="${legendY}">${escape(series.name)}</text>`,
      '</g>',
    ].join('');
  });
  return [...axes, ...lines].join('\n');
};

/** One panel per tracker, side by side, each with its own scales and legend. */
export const wallTimePlot = (panels: ReadonlyArray<PlotPanel>, caption: string): string => {
  const legendRows = Math.max(0, ...panels.map((p) => p.series.length));
  const width = Math.max(1, panels.length) * PANEL.width;
  const height = PANEL.height + legendRows * LEGEND_LINE + 30;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...panels.map((panel, i) => panelSvg(panel, i * PANEL.width)),
    `<text x="8" y="${height - 8}" fill="#555">${escape(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
};
