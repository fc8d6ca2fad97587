// A run's chart for the HTML report, as inline SVG (no library, no external asset): deliveries and
// redeliveries per time slice as stacked bars, tasks settled so far as a line on its own scale,
// and each SQS error a party saw (injected faults, throttling) as a red tick under the axis. The
// x axis is virtual time from the scenario's start.
import type { RunSeries } from '../model.ts';

const WIDTH = 760;
const HEIGHT = 210;
const LEFT = 44;
const RIGHT = 44;
const TOP = 12;
/** Height of the plot area; faults are ticked below it. */
const PLOT = 150;
const BINS = 48;

const COLOURS = {
  delivery: '#93c5fd',
  redelivery: '#f59e0b',
  settled: '#15803d',
  fault: '#b91c1c',
};

function timeLabel(ms: number): string {
  if (ms >= 120_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
}

/** The chart of one run; `tasks` tops the settled line's scale, `virtualMs` the time axis. */
export function runChart(series: RunSeries, tasks: number, virtualMs: number): string {
  const last = Math.max(
    virtualMs,
    ...series.settled,
    ...series.deliveries.map((d) => d.at),
    ...series.faults,
    1,
  );
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (ms: number) => LEFT + (Math.max(0, ms) / last) * plotWidth;
  const binOf = (ms: number) => Math.min(BINS - 1, Math.floor((Math.max(0, ms) / last) * BINS));
  const first = new Array<number>(BINS).fill(0);
  const again = new Array<number>(BINS).fill(0);
  for (const d of series.deliveries) (d.redelivery ? again : first)[binOf(d.at)]! += 1;
  const tallest = Math.max(1, ...first.map((n, i) => n + (again[i] ?? 0)));
  const barHeight = (n: number) => (n / tallest) * PLOT;
  const binWidth = plotWidth / BINS;
  const bottom = TOP + PLOT;
  const parts: string[] = [
    `<line x1="${LEFT}" y1="${bottom}" x2="${WIDTH - RIGHT}" y2="${bottom}" stroke="#94a3b8"/>`,
  ];
  for (let i = 0; i < BINS; i++) {
    const bx = (LEFT + i * binWidth + 0.5).toFixed(1);
    const w = Math.max(1, binWidth - 1).toFixed(1);
    const h1 = barHeight(first[i] ?? 0);
    const h2 = barHeight(again[i] ?? 0);
    if (h1 > 0) {
      parts.push(
        `<rect x="${bx}" y="${(bottom - h1).toFixed(1)}" width="${w}" height="${h1.toFixed(1)}" fill="${COLOURS.delivery}"/>`,
      );
    }
    if (h2 > 0) {
      parts.push(
        `<rect x="${bx}" y="${(bottom - h1 - h2).toFixed(1)}" width="${w}" height="${h2.toFixed(1)}" fill="${COLOURS.redelivery}"/>`,
      );
    }
  }
  // Settled so far: a step line from 0 up to the number of tasks settled.
  const ceiling = Math.max(1, tasks, series.settled.length);
  const y = (n: number) => bottom - (n / ceiling) * PLOT;
  const points = [`${LEFT},${bottom}`];
  [...series.settled]
    .sort((a, b) => a - b)
    .forEach((at, i) => {
      points.push(
        `${x(at).toFixed(1)},${y(i).toFixed(1)}`,
        `${x(at).toFixed(1)},${y(i + 1).toFixed(1)}`,
      );
    });
  points.push(`${(WIDTH - RIGHT).toFixed(1)},${y(series.settled.length).toFixed(1)}`);
  parts.push(
    `<polyline points="${points.join(' ')}" fill="none" stroke="${COLOURS.settled}" stroke-width="2"/>`,
  );
  for (const at of series.faults) {
    const fx = x(at).toFixed(1);
    parts.push(
      `<line x1="${fx}" y1="${bottom + 4}" x2="${fx}" y2="${bottom + 14}" stroke="${COLOURS.fault}"/>`,
    );
  }
  const text = (tx: number, ty: number, anchor: string, label: string) =>
    `<text x="${tx}" y="${ty}" text-anchor="${anchor}" class="axis">${label}</text>`;
  parts.push(
    text(LEFT, bottom + 28, 'start', '0'),
    text(WIDTH - RIGHT, bottom + 28, 'end', timeLabel(last)),
    text(WIDTH / 2, bottom + 28, 'middle', 'virtual time'),
    text(LEFT - 4, TOP + 8, 'end', String(tallest)),
    text(LEFT - 4, bottom, 'end', '0'),
    text(WIDTH - RIGHT + 4, y(ceiling) + 8, 'start', String(ceiling)),
    text(WIDTH - RIGHT + 4, bottom, 'start', '0'),
  );
  const redeliveries = series.deliveries.filter((d) => d.redelivery).length;
  const legend = [
    [COLOURS.delivery, `first deliveries (${series.deliveries.length - redeliveries})`],
    [COLOURS.redelivery, `redeliveries (${redeliveries})`],
    [COLOURS.settled, `tasks settled (${series.settled.length} of ${tasks}, right scale)`],
    [COLOURS.fault, `SQS error answers, retries included (${series.faults.length})`],
  ]
    .map(([colour, label]) => `<span><i style="background:${colour}"></i>${label}</span>`)
    .join('');
  return `<figure class="chart"><svg width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="deliveries, redeliveries, settled tasks and faults over virtual time">${parts.join('')}</svg><figcaption>${legend}<span class="muted">bars: receives per ${timeLabel(last / BINS)} (AI and result worker, left scale)</span></figcaption></figure>`;
}
