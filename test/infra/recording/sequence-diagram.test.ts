// The sequence diagram shared by the scenario report and the task view: a lifeline per party, a
// step per entry at its virtual time offset, long labels wrapped, very long timelines capped.
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src/infra/recording/recorder.ts';
import { sequenceDiagram, wrapLabel } from '../../../src/infra/recording/sequence-diagram.ts';

const timeline: TimelineEntry[] = [
  { at: 1000, actor: 'api', kind: 'request-sent', text: 'api sent' },
  { at: 2000, actor: 'worker', kind: 'worker-received', text: 'worker received #1' },
  { at: 3000, actor: 'store', kind: 'applied', text: 'applied → COMPLETED' },
  { at: 4000, actor: 'store', kind: 'applied', text: 'applied → COMPLETED again' },
  { at: 65_000, actor: 'dlq', kind: 'in-dlq', text: 'moved to DLQ after 5 receives' },
];

describe('sequenceDiagram', () => {
  it('draws a lifeline per party and one step per entry with virtual time offsets', () => {
    const svg = sequenceDiagram(timeline);
    for (const lane of [
      'api',
      'request-queue',
      'ai',
      'result-queue',
      'worker',
      'store',
      'notifier',
      'dlq',
    ]) {
      expect(svg).toContain(`class="lane">${lane}</text>`);
    }
    expect(svg).toContain('+0.0s');
    expect(svg).toContain('+64.0s');
    expect(svg.match(/class="label"/g)?.length).toBe(5);
  });

  it('caps very long timelines and says how many steps it left out', () => {
    const long = Array.from({ length: 100 }, (_, i) => ({
      at: i,
      actor: 'worker' as const,
      kind: 'worker-received' as const,
      text: `#${i}`,
    }));
    const svg = sequenceDiagram(long, 10);
    expect(svg.match(/class="label"/g)?.length).toBe(10);
    expect(svg).toContain('90 more step(s) not drawn.');
  });

  it('gives a long label the lines it wraps onto and moves the next steps down', () => {
    const key = `s3://graphnode-payloads/graph-generation/${'x'.repeat(90)}/graph.json`;
    const timeline = [
      { at: 0, actor: 'worker' as const, kind: 'failed' as const, text: `no object ${key}` },
      { at: 1, actor: 'worker' as const, kind: 'deleted' as const, text: 'worker deleted' },
    ];
    const svg = sequenceDiagram(timeline);
    const short = sequenceDiagram([timeline[1], timeline[1]].flatMap((e) => (e ? [e] : [])));
    // The label stays one piece of text, for the browser to wrap.
    expect(svg).toContain(`>failed: no object ${key}</div>`);
    // Up to the hyphen after 'graph', then the rest of the key in lines of 54 characters: 4 lines.
    expect(svg).toMatch(/<foreignObject [^>]*height="54"><div class="label"[^>]*>failed:/);
    const heights = [svg, short].map((s) => Number(/<svg width="\d+" height="(\d+)"/.exec(s)?.[1]));
    expect(heights[0]).toBeGreaterThan(heights[1] ?? Infinity);
    const y = (s: string) =>
      Number(/<foreignObject [^>]*y="(\d+)"[^>]*><div class="label"[^>]*>deleted/.exec(s)?.[1]);
    expect(y(short)).toBe(34 - 7);
    expect(y(svg)).toBe(34 + 22 + 3 * 13 - 7);
  });
});

describe('wrapLabel', () => {
  it('breaks at spaces and after hyphens, cuts words longer than a line, keeps every character', () => {
    const text = `failed: PayloadMissingError — no object s3://bucket/${'k'.repeat(100)} end`;
    const lines = wrapLabel(text, 40);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines[0]).toBe('failed: PayloadMissingError — no object');
    expect(wrapLabel('worker received graph-generation/task', 20)).toEqual([
      'worker received',
      'graph-',
      'generation/task',
    ]);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    expect(wrapLabel('short')).toEqual(['short']);
  });
});
