/**
 * The HTML report in a real browser: headless Chromium (Debian package
 * `chromium`, driven by playwright-core) opens the report of a failing
 * fixture from a file, with JavaScript off, and the test reads the eleven
 * matrix cells and their verdict words as a person would see them. A second
 * page, full of hostile strings, is opened with JavaScript on: nothing runs.
 *
 * A screenshot goes to test-artifacts/report-html.png (gitignored). The one
 * in the README, docs/report-html.png, is refreshed with
 *   UPDATE_SCREENSHOT=1 npx vitest run test/html-browser.test.ts
 *
 * Where Chromium is not installed (`.ci/run` installs it when it can), the
 * tests are skipped with a message saying so. CHROMIUM_PATH overrides where
 * to look.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Report } from '../src/model.js';
import { HTML_PALETTE, renderHtml } from '../src/reporters/html.js';
import { STATUS_LABELS } from '../src/reporters/common.js';
import { fixtureReport, HOSTILE, hostileReport } from './reporters-support.js';

const EXECUTABLE = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => fs.existsSync(file)) ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(EXECUTABLE);
const ARTIFACTS = 'test-artifacts';
const FAILING_FIXTURE = 'content-nd';

if (!HAVE_CHROMIUM) {
  process.stderr.write(`test/html-browser.test.ts: skipped — no Chromium at ${EXECUTABLE} (install the Debian package \`chromium\`, or set CHROMIUM_PATH)\n`);
}

function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

describe.skipIf(!HAVE_CHROMIUM)(`HTML report in headless Chromium (${EXECUTABLE})`, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-html-'));
    browser = await chromium.launch({
      executablePath: EXECUTABLE,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the eleven indicators of a failing fixture with the right verdict words, without JavaScript and without requests', async () => {
    const report = await fixtureReport(FAILING_FIXTURE);
    if (!('verdict' in report)) throw report;
    expect(report.verdict).toBe('fail');
    // The screenshot goes into the README: no commit hash standing in for a real one.
    const shown: Report = { ...report, candidate: { ...report.candidate, sources: report.candidate.sources.map(({ revision: _revision, ...source }) => source) } };
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, renderHtml(shown));

    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);

    const cells = page.locator('ol.matrix > li');
    await expect(cells.count()).resolves.toBe(11);
    const seen = await cells.evaluateAll((items) => items.map((item) => ({
      id: item.getAttribute('data-indicator'),
      verdict: (item.querySelector('.cell-verdict') as HTMLElement | null)?.innerText.trim(),
      title: (item.querySelector('.cell-title') as HTMLElement | null)?.innerText.trim(),
      background: getComputedStyle(item.querySelector('a') as Element).backgroundColor,
      visible: (item as HTMLElement).offsetWidth > 0 && (item as HTMLElement).offsetHeight > 0,
    })));
    expect(seen.map((cell) => cell.id)).toEqual(report.indicators.map((i) => i.id));
    expect(seen.map((cell) => cell.verdict)).toEqual(report.indicators.map((i) => `${STATUS_LABELS[i.verdict].symbol} ${STATUS_LABELS[i.verdict].word}`));
    expect(seen.map((cell) => cell.title)).toEqual(report.indicators.map((i) => i.title));
    // Colour repeats the word: each cell has its verdict's background.
    expect(seen.map((cell) => cell.background)).toEqual(report.indicators.map((i) => rgb(HTML_PALETTE[i.verdict].bg)));
    expect(seen.every((cell) => cell.visible)).toBe(true);
    expect(seen.find((cell) => cell.id === '2')?.verdict).toBe('✗ FAIL');

    // Landmarks and headings, as assistive technology finds them.
    await expect(page.getByRole('banner').count()).resolves.toBe(1);
    await expect(page.getByRole('main').count()).resolves.toBe(1);
    await expect(page.getByRole('contentinfo').count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(report.candidate.name);
    await expect(page.getByRole('heading', { level: 2, name: 'The eleven indicators at a glance' }).count()).resolves.toBe(1);
    await expect(page.locator('h3[id^="indicator-"]').count()).resolves.toBe(11);

    // Nothing was fetched but the file itself.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-html.png'), fullPage: true });
    expect(fs.statSync(path.join(ARTIFACTS, 'report-html.png')).size).toBeGreaterThan(10_000);
    if (process.env.UPDATE_SCREENSHOT === '1') {
      // The README shows the top of the page: the candidate, the verdict and the matrix with its legend.
      const box = await page.locator('section.glance').boundingBox();
      await page.screenshot({ path: 'docs/report-html.png', clip: { x: 0, y: 0, width: 1200, height: Math.ceil((box?.y ?? 0) + (box?.height ?? 860) + 24) } });
    }
    await context.close();
  }, 60_000);

  it('runs nothing from a hostile candidate, even with JavaScript on', async () => {
    const file = path.join(dir, 'hostile.html');
    fs.writeFileSync(file, renderHtml(hostileReport()));
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    await page.locator('a[href="#findings"]').focus();
    // Hover and click whatever the candidate controls, as a curious reader would.
    for (const selector of ['h1', '.finding .message', '.evidence li']) await page.locator(selector).first().click();
    expect(dialogs).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(HOSTILE.name);
    await expect(page.locator('script, iframe, svg, img').count()).resolves.toBe(0);
    await expect(page.locator('a[href^="javascript:"]').count()).resolves.toBe(0);
    await context.close();
  }, 60_000);
});

describe.runIf(!HAVE_CHROMIUM)('HTML report in headless Chromium', () => {
  it.skip(`skipped: no Chromium at ${EXECUTABLE} (install the Debian package \`chromium\`, or set CHROMIUM_PATH)`, () => {});
});
