// A real headless Chromium for browser tests: Debian's `chromium` package driven by playwright-core
// (no browser is ever downloaded). Without it the browser suites are skipped with a printed reason
// locally and fail in CI, which installs it (.ci/run). Screenshots go under reports/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { describe, it } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(import.meta.dirname, '../../reports/screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Registers the "Chromium missing" outcome for `suite`; returns false when it cannot run. */
export function browserAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const reason = `${CHROMIUM_PATH} is missing (apt-get install -y chromium, as .ci/run does)`;
  if (process.env.CI) {
    describe(suite, () => {
      it('needs Chromium in CI', () => {
        throw new Error(reason);
      });
    });
  } else {
    console.warn(`${suite} skipped: ${reason}`);
    describe.skip(`${suite} (skipped: ${reason})`, () => {
      it('runs in a real headless Chromium', () => {});
    });
  }
  return false;
}

export interface TestBrowser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** A fresh browser with its own throwaway profile directory. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'harness-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The path for screenshot `name` under reports/screenshots (created on demand). */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}
