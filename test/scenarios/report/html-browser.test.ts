// The scenario report as a browser draws it (headless Chromium): the run's chart and the sequence
// diagrams take up space on the page, the explanation lines are shown, hostile text stays text and
// nothing is fetched from anywhere. The screenshot goes to reports/screenshots/report.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../../scenarios/model.ts';
import { renderHtml } from '../../../scenarios/report/html.ts';
import { buildReport } from '../../../scenarios/report/run-report.ts';
import {
  browserAvailable,
  launchBrowser,
  screenshotPath,
  type TestBrowser,
} from '../../support/browser.ts';

const SUITE = 'scenario report in Chromium';
const hostile = '<img src=x onerror="globalThis.__pwned = 1">';

function result(): ScenarioResult {
  const deliveries = Array.from({ length: 120 }, (_, i) => ({
    at: i * 5_000,
    redelivery: i % 7 === 0,
  }));
  return {
    name: 'soak',
    title: `Soak ${hostile}`,
    given: ['g'],
    when: ['w'],
    outcomes: ['t'],
    status: 'pass',
    durationMs: 1000,
    virtualMs: 600_000,
    verdicts: [{ name: 'lost = 0', status: 'pass', detail: 'ok' }],
    counters: {
      tasks: 50,
      completed: 45,
      failed: 0,
      parkedInDlq: 6,
      poisonTasks: 5,
      tasksInDlq: 5,
      lost: 0,
      unexpected: 0,
      duplicateEffects: 0,
      workerDeliveries: 100,
      workerRedeliveries: 10,
      aiReceives: 60,
      aiRedeliveries: 3,
      resultsSent: 60,
      duplicatesIgnored: 0,
      notificationRepeats: 0,
      rejections: 0,
      findings: {},
      failures: 0,
      faultHits: {},
    },
    series: {
      settled: Array.from({ length: 45 }, (_, i) => 20_000 + i * 12_000),
      deliveries,
      faults: [50_000, 52_000, 300_000],
    },
    tasks: [
      {
        taskId: 'task_a_1',
        user: 'a',
        expected: 'COMPLETED',
        status: 'COMPLETED',
        error: null,
        inDlq: false,
        dlqReceiveCount: null,
        outcome: 'COMPLETED',
        terminalTransitions: 1,
        graphWrites: 1,
        terminalNotifications: 1,
        deliveries: 1,
        aiReceives: 1,
        aiRedeliveries: 0,
        rejections: [],
        timeline: [
          { at: 0, actor: 'api', kind: 'request-sent', text: 'api sent 01234567' },
          { at: 100, actor: 'ai', kind: 'ai-received', text: `ai received ${hostile}` },
          { at: 900, actor: 'worker', kind: 'worker-received', text: 'worker received #1' },
          { at: 950, actor: 'store', kind: 'applied', text: 'applied → COMPLETED' },
        ],
      },
    ],
  };
}

if (browserAvailable(SUITE)) {
  describe(SUITE, () => {
    let browser: TestBrowser;

    beforeAll(async () => {
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('draws the chart, the explanations and the diagrams, and runs nothing from the text', async () => {
      const html = renderHtml(
        buildReport([result()], {
          startedAt: 'x',
          seed: 1,
          target: 'embedded emulator',
          wallMs: 1,
        }),
      );
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(html);
      const chart = await page.locator('figure.chart svg').boundingBox();
      expect(chart?.width).toBeGreaterThan(600);
      expect(chart?.height).toBeGreaterThan(150);
      expect(await page.locator('figure.chart rect').count()).toBeGreaterThan(10);
      expect(await page.locator('p.why').first().textContent()).toContain(
        'The result DLQ holds 6 message(s) for 5 task(s)',
      );
      await page.locator('details summary', { hasText: 'task_a_1' }).click();
      const labels = await page.locator('svg .label').allTextContents();
      expect(labels[0]).toBe('request-sent: api sent 01234567');
      expect(labels[1]).toBe(`ai-received: ai received ${hostile}`);
      expect(
        await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
      await page.screenshot({ path: screenshotPath('report'), fullPage: true });
    });
  });
}
