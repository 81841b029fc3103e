import { expect } from 'chai';
import { niceScale, wallTimePlot, type PlotPanel } from '../../bench/plot/wall-plot.js';

const JIRA: PlotPanel = {
  title: 'Jira',
  series: [
    { name: 'taskport', points: [{ issues: 5000, seconds: 2 }, { issues: 2500, seconds: 1 }] },
    { name: 'sequential floor', dashed: true, points: [{ issues: 2500, seconds: 2.5 }, { issues: 5000, seconds: 5 }] },
    { name: 'Nango-style <50>', points: [{ issues: 2500, seconds: 6 }, { issues: 5000, seconds: 12 }] },
  ],
};

/** The `points` of each series' polyline, by series name. */
const polylines = (svg: string): Record<string, number[][]> =>
  Object.fromEntries([...svg.matchAll(/<g class="series" data-name="([^"]*)"><polyline points="([^"]*)"/g)].map((m) => [m[1], m[2]!.split(' ').map((xy) => xy.split(',').map(Number))]));

describe('the wall-time plot (bench/plot/wall-plot.ts)', () => {
  it('draws one polyline per series through its points in N order, escaped names and all', () => {
    const svg = wallTimePlot([JIRA], 'N = 2,500 and 5,000');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).to.equal(true);
    expect(svg.trimEnd().endsWith('</svg>')).to.equal(true);
    const lines = polylines(svg);
    expect(Object.keys(lines)).to.deep.equal(['taskport', 'sequential floor', 'Nango-style &lt;50&gt;']);
    for (const points of Object.values(lines)) {
      expect(points).to.have.length(2);
      // N grows to the right, so the first point is the smaller N.
      expect(points[0]![0]).to.be.lessThan(points[1]![0]!);
    }
    expect(svg.match(/<circle /g)).to.have.length(6);
    expect(svg).to.include('Nango-style &lt;50&gt;: N=5000, 12.00 s');
  });

  it('puts a longer wall time higher up and the same N at the same x across series', () => {
    const lines = polylines(wallTimePlot([JIRA], ''));
    const [taskport, floor, nango] = [lines['taskport']!, lines['sequential floor']!, lines['Nango-style &lt;50&gt;']!];
    // SVG y grows downwards: more seconds, smaller y.
    expect(nango[1]![1]).to.be.lessThan(floor[1]![1]!);
    expect(floor[1]![1]).to.be.lessThan(taskport[1]![1]!);
    expect(taskport.map((p) => p[0])).to.deep.equal(floor.map((p) => p[0]));
  });

  it('dashes the computed series only', () => {
    const svg = wallTimePlot([JIRA], '');
    expect(svg.match(/<polyline [^>]*stroke-dasharray/g)).to.have.length(1);
    expect(svg).to.match(/data-name="sequential floor"><polyline [^>]*stroke-dasharray/);
  });

  it('places panels side by side, each with its own title', () => {
    const servicenow: PlotPanel = { title: 'ServiceNow', series: [{ name: 'taskport', points: [{ issues: 20000, seconds: 9 }] }] };
    const svg = wallTimePlot([JIRA, servicenow], 'caption & more');
    expect(svg).to.match(/width="840"/);
    expect(svg).to.include('>Jira</text>');
    expect(svg).to.include('>ServiceNow</text>');
    expect(svg).to.include('caption &amp; more');
    expect(svg.match(/<g class="series"/g)).to.have.length(4);
  });

  it('rounds axis ends up to 1, 2 or 5 times a power of ten', () => {
    expect(niceScale(48.9)).to.deep.equal({ top: 50, step: 10 });
    expect(niceScale(20000)).to.deep.equal({ top: 20000, step: 5000 });
    expect(niceScale(12.9)).to.deep.equal({ top: 15, step: 5 });
    expect(niceScale(7.2)).to.deep.equal({ top: 8, step: 2 });
    expect(niceScale(0)).to.deep.equal({ top: 1, step: 0.2 });
  });
});
