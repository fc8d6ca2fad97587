// A task's timeline drawn as an SVG sequence diagram — one lifeline per party, one arrow per step
// (sent, received #n, visibility expired, moved to DLQ, redriven, applied, notified) — shared by
// the scenario and verify reports and `npm start`'s task view. Every label is escaped; the SVG needs only the
// CSS below, no script and no external asset.
import type { TimelineEntry } from './recorder.ts';

const LANES: TimelineEntry['actor'][] = [
  'api',
  'request-queue',
  'ai',
  'result-queue',
  'worker',
  'store',
  'notifier',
  'dlq',
];

const COLOURS: Partial<Record<TimelineEntry['kind'], string>> = {
  'visibility-expired': '#b45309',
  'duplicate-delivery': '#b45309',
  'ai-crashed': '#b91c1c',
  rejected: '#b91c1c',
  failed: '#b91c1c',
  fault: '#b91c1c',
  'in-dlq': '#7c3aed',
  redriven: '#7c3aed',
  applied: '#15803d',
  deleted: '#15803d',
  notified: '#0369a1',
  'duplicate-ignored': '#6b7280',
  ignored: '#6b7280',
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const LANE_WIDTH = 100;
const ROW = 22;
const TOP = 34;
/** Left edge of the label column, right of the last lifeline. */
const LABEL_X = LANES.length * LANE_WIDTH + 70;
/**
 * Labels are 11px text, up to 7px a character (upper case, ids): 54 characters fit the 380px
 * label column, and the whole diagram fits a 1300px-wide window.
 */
const LABEL_CHARS = 54;
const LABEL_WIDTH = 380;
/** Line height of a label (CSS `svg .label`). */
const LINE = 13;

/**
 * Splits a label into lines of at most `width` characters where the browser may break them (at a
 * space, after a hyphen), cutting a longer word: the browser does the wrapping (the label is HTML
 * in a foreignObject, one piece of text), this estimates how many lines it takes so the following
 * steps are moved down far enough.
 */
export function wrapLabel(text: string, width = LABEL_CHARS): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const hyphen = rest.lastIndexOf('-', width - 1) + 1;
    const cut = Math.max(space, hyphen) || width;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  lines.push(rest);
  return lines;
}

/** One task's timeline as an SVG sequence diagram; times are virtual seconds from the first step. */
export function sequenceDiagram(timeline: readonly TimelineEntry[], limit = 80): string {
  const entries = timeline.slice(0, limit);
  const labels = entries.map((entry) => `${entry.kind}: ${entry.text}`);
  const lineCounts = labels.map((label) => wrapLabel(label).length);
  // A wrapped label pushes the following steps down by its extra lines.
  const rows: number[] = [];
  let next = TOP;
  for (const lines of lineCounts) {
    rows.push(next);
    next += ROW + (lines - 1) * LINE;
  }
  const width = LABEL_X + LABEL_WIDTH;
  const height = next + 16;
  const x = (actor: TimelineEntry['actor']) =>
    LANES.indexOf(actor) * LANE_WIDTH + LANE_WIDTH / 2 + 60;
  const start = entries[0]?.at ?? 0;
  const parts: string[] = [];
  for (const lane of LANES) {
    parts.push(
      `<text x="${x(lane)}" y="14" text-anchor="middle" class="lane">${lane}</text>`,
      `<line x1="${x(lane)}" y1="20" x2="${x(lane)}" y2="${height - 6}" class="life"/>`,
    );
  }
  let previous: TimelineEntry['actor'] = 'api';
  entries.forEach((entry, i) => {
    const y = rows[i] ?? TOP;
    const colour = COLOURS[entry.kind] ?? '#334155';
    const from = x(previous);
    const to = x(entry.actor);
    const seconds = ((entry.at - start) / 1000).toFixed(1);
    parts.push(`<text x="4" y="${y + 4}" class="time">+${seconds}s</text>`);
    if (from === to) {
      parts.push(`<circle cx="${to}" cy="${y}" r="4" fill="${colour}"/>`);
    } else {
      const head = from < to ? to - 6 : to + 6;
      parts.push(
        `<line x1="${from}" y1="${y}" x2="${head}" y2="${y}" stroke="${colour}" stroke-width="1.5"/>`,
        `<polygon points="${to},${y} ${head},${y - 4} ${head},${y + 4}" fill="${colour}"/>`,
      );
    }
    const lines = lineCounts[i] ?? 1;
    parts.push(
      `<foreignObject x="${LABEL_X}" y="${y - 7}" width="${LABEL_WIDTH}" height="${lines * LINE + 2}"><div class="label" style="color:${colour}">${escapeHtml(labels[i] ?? '')}</div></foreignObject>`,
    );
    previous = entry.actor;
  });
  const more =
    timeline.length > limit
      ? `<p class="muted">${timeline.length - limit} more step(s) not drawn.</p>`
      : '';
  return `<svg width="${width}" height="${height}" role="img">${parts.join('')}</svg>${more}`;
}

/** The CSS the diagram's classes need. */
export const DIAGRAM_CSS = `svg{display:block;margin:8px 0}svg text{font:11px system-ui,sans-serif}
svg .lane{font-weight:bold;fill:#334155}svg .life{stroke:#cbd5e1;stroke-dasharray:4 3}
svg .time{fill:#64748b}svg foreignObject{overflow:visible}
svg .label{font:11px/13px system-ui,sans-serif;overflow-wrap:anywhere}`;
