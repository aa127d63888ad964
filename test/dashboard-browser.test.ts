/**
 * The batch dashboard in a real browser: headless Chromium (Debian package
 * `chromium`, driven by playwright-core) opens summary.html from a file, as a
 * reviewer would from the batch's folder, and uses it: every candidate once,
 * the filters (overall verdict, indicator verdict, solution type, search, the
 * counts at the top), sorting, the link to a candidate's own report; no
 * console error, no request, nothing run from a hostile candidate name. A
 * cohort of 2,000 synthetic candidates gets the same treatment, and its load
 * time is printed (never asserted: timings go in benchmarks).
 *
 * The screenshot in docs/dashboard.md is of the registry corpus, refreshed with
 *   UPDATE_SCREENSHOT=1 npx vitest run test/dashboard-browser.test.ts
 * (needs ../shared/corpus/registry; prints the load time of its 714 candidates).
 *
 * Skipped with a message where Chromium is not installed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderDashboard } from '../src/batch/dashboard.js';
import type { Summary } from '../src/batch/summary.js';
import { run } from '../src/cli.js';
import { CHROMIUM, CHROMIUM_ARGS, HAVE_CHROMIUM, HOSTILE_NAME, runDashboardBatch, syntheticSummary } from './dashboard-support.js';

const REGISTRY = path.resolve('../shared/corpus/registry');

if (!HAVE_CHROMIUM) {
  process.stderr.write(`test/dashboard-browser.test.ts: skipped — no Chromium at ${CHROMIUM} (install the Debian package \`chromium\`, or set CHROMIUM_PATH)\n`);
}

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
  dialogs: string[];
  loadMs: { domContentLoaded: number; ready: number; painted: number };
}

/** What a row shows, read from the page as a person sees it. */
interface SeenRow { name: string; verdict: string; types: string; indicators: string[]; hidden: boolean }

describe.skipIf(!HAVE_CHROMIUM)(`batch dashboard in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  let root: string;
  let batch: Awaited<ReturnType<typeof runDashboardBatch>>;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-dashboard-browser-'));
    batch = await runDashboardBatch(root);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  async function open(file: string, viewport = { width: 1400, height: 900 }): Promise<Opened> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
    // ready: the script has the table (end of the inline script); painted: the first frame after it, laid out.
    const loadMs = await page.evaluate(() => new Promise<{ domContentLoaded: number; ready: number; painted: number }>((resolve) => {
      requestAnimationFrame(() => resolve({
        domContentLoaded: Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd),
        ready: Number(document.documentElement.dataset.ready),
        painted: Math.round(performance.now()),
      }));
    }));
    return { page, problems, requests, dialogs, loadMs };
  }

  const rows = (page: Page): Promise<SeenRow[]> => page.locator('#matrix tbody tr').evaluateAll((trs) => trs.map((tr) => {
    const cells = Array.from((tr as HTMLTableRowElement).cells);
    return {
      name: (cells[0]!.querySelector('a, .name') as HTMLElement).innerText,
      verdict: cells[1]!.innerText,
      types: cells[2]!.innerText,
      indicators: cells.slice(3, 14).map((cell) => cell.innerText),
      hidden: (tr as HTMLElement).hidden,
    };
  }));
  const visible = async (page: Page): Promise<SeenRow[]> => (await rows(page)).filter((row) => !row.hidden);
  const shownText = (page: Page): Promise<string> => page.locator('#shown').innerText();

  it('shows every candidate once, filters and sorts, with no console error, no request and nothing run', async () => {
    const { page, problems, requests, dialogs } = await open(path.join(batch.out, 'summary.html'));
    const all = await rows(page);
    const names = all.map((row) => row.name);
    expect(names).toHaveLength(batch.summary.rows.length);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(batch.summary.rows.map((row) => row.name).sort());
    expect(names).toContain(HOSTILE_NAME);
    await expect(shownText(page)).resolves.toBe(`6 of 6 candidates`);

    // Overall verdict.
    await page.selectOption('#filter-verdict', 'fail');
    const failing = await visible(page);
    expect(failing.map((row) => row.name)).toEqual(['Field Guide to Malaria Prevention']);
    await expect(shownText(page)).resolves.toBe('1 of 6 candidates');
    await page.selectOption('#filter-verdict', 'error');
    expect((await visible(page)).map((row) => row.verdict)).toEqual(['ERROR']);
    await page.click('#clear');
    await expect.poll(() => shownText(page)).toBe('6 of 6 candidates');

    // Indicator verdict: indicator 2 passes; then any indicator fails.
    await page.selectOption('#filter-indicator', '2');
    await page.selectOption('#filter-indicator-verdict', 'pass');
    const licensed = await visible(page);
    expect(licensed.length).toBeGreaterThan(0);
    expect(licensed.every((row) => row.indicators[1] === 'PASS')).toBe(true);
    expect((await rows(page)).filter((row) => row.hidden).every((row) => row.indicators[1] !== 'PASS')).toBe(true);
    await page.selectOption('#filter-indicator', '');
    await page.selectOption('#filter-indicator-verdict', 'fail');
    expect((await visible(page)).every((row) => row.indicators.includes('FAIL'))).toBe(true);
    await page.click('#clear');

    // Solution type, combined with a verdict.
    await page.selectOption('#filter-type', 'data');
    expect((await visible(page)).map((row) => row.name).sort()).toEqual([HOSTILE_NAME, 'Open Soil Atlas'].sort());
    await page.selectOption('#filter-verdict', 'gap');
    expect((await visible(page)).every((row) => row.types.includes('data') && row.verdict === 'GAP')).toBe(true);
    await page.click('#clear');

    // Search (debounced): by name, case-insensitively, and by id.
    await page.fill('#search', 'ZEBRA');
    await expect.poll(async () => (await visible(page)).map((row) => row.name)).toEqual(['Zebra Crossing Counter']);
    await page.fill('#search', 'atlas.yml');
    await expect.poll(async () => (await visible(page)).map((row) => row.name)).toEqual(['Open Soil Atlas']);
    await page.fill('#search', 'no such candidate');
    await expect.poll(() => page.locator('#nothing').isVisible()).toBe(true);
    await page.click('#clear');
    await expect.poll(async () => (await visible(page)).length).toBe(6);

    // A count at the top filters: indicator 2, FAIL.
    await page.click('.counts button[data-indicator="2"][data-verdict="fail"]');
    expect((await visible(page)).map((row) => row.name)).toEqual(['Field Guide to Malaria Prevention']);
    await expect(page.locator('#filter-indicator').inputValue()).resolves.toBe('2');
    await page.click('#clear');
    await expect.poll(async () => (await visible(page)).length).toBe(6);

    // Sorting: by name up and down, by an indicator (most serious first), back to the order of the ids.
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    await page.click('th[data-sort="name"] button');
    const up = (await rows(page)).map((row) => row.name);
    expect(up).toEqual([...up].sort(collator.compare));
    await expect(page.locator('th[data-sort="name"]').getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.click('th[data-sort="name"] button');
    expect((await rows(page)).map((row) => row.name)).toEqual([...up].reverse());
    await expect(page.locator('th[data-sort="name"]').getAttribute('aria-sort')).resolves.toBe('descending');
    await page.click('th[data-sort="2"] button');
    const byLicence = (await rows(page)).map((row) => row.indicators[1]);
    const severity = ['FAIL', 'ERROR', 'GAP', 'PASS', 'N/A', '–'];
    expect(byLicence.map((word) => severity.indexOf(word!))).toEqual([...byLicence.map((word) => severity.indexOf(word!))].sort((a, b) => a - b));
    expect(byLicence[0]).toBe('FAIL');
    await expect(page.locator('th[data-sort="name"]').getAttribute('aria-sort')).resolves.toBe('none');
    // Sorting keeps a filter.
    await page.selectOption('#filter-type', 'software');
    await page.click('th[data-sort="verdict"] button');
    expect((await visible(page)).every((row) => row.types.includes('software'))).toBe(true);
    expect((await rows(page))).toHaveLength(6);

    // The hostile name is text: nothing ran, nothing was injected.
    expect(dialogs).toEqual([]);
    await expect(page.locator('script').count()).resolves.toBe(2);
    await expect(page.locator('img, iframe').count()).resolves.toBe(0);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(problems).toEqual([]);

    // A row links to the candidate's own report.
    await page.click('#clear');
    await page.getByRole('link', { name: 'Open Soil Atlas' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Open Soil Atlas');
    expect(page.url()).toMatch(/\/reports\/[^/]+\.html$/);
    await page.context().close();
  }, 120_000);

  it('works without JavaScript: the whole table is there', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(batch.out, 'summary.html')).href);
    await expect(page.locator('#matrix tbody tr').count()).resolves.toBe(6);
    await expect(page.getByRole('link', { name: 'Open Clinic Scheduler' }).count()).resolves.toBe(1);
    await context.close();
  }, 60_000);

  it('stays usable with 2,000 candidates: every row once, filters and search', async () => {
    const summary: Summary = syntheticSummary(2000);
    const file = path.join(root, 'synthetic.html');
    fs.writeFileSync(file, renderDashboard(summary));
    const { page, problems, loadMs } = await open(file);
    process.stderr.write(`dashboard of 2,000 synthetic candidates: script done ${loadMs.ready} ms, DOMContentLoaded ${loadMs.domContentLoaded} ms, first frame ${loadMs.painted} ms\n`);
    await expect(page.locator('#matrix tbody tr').count()).resolves.toBe(2000);
    const ids = await page.locator('#matrix tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect(new Set(ids).size).toBe(2000);
    await page.selectOption('#filter-verdict', 'fail');
    const expected = summary.rows.filter((row) => row.verdict === 'fail').length;
    await expect(shownText(page)).resolves.toBe(`${expected} of 2000 candidates`);
    await page.fill('#search', 'candidate 1999 ');
    await expect.poll(() => shownText(page)).toMatch(/^[01] of 2000 candidates$/);
    await page.click('th[data-sort="9c"] button');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it.runIf(process.env.UPDATE_SCREENSHOT === '1' && fs.existsSync(REGISTRY))('screenshot of the registry corpus for docs/dashboard.md', async () => {
    const out = path.join(root, 'registry');
    await run(['batch', REGISTRY, '--out', out], { stdout: { write: () => true }, stderr: { write: () => true }, env: {} });
    const file = path.join(out, 'summary.html');
    const times: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { page, problems, loadMs } = await open(file);
      expect(problems).toEqual([]);
      times.push(`${loadMs.ready}/${loadMs.domContentLoaded}/${loadMs.painted}`);
      if (i === 4) {
        await expect(page.locator('#matrix tbody tr').count()).resolves.toBe(714);
        await page.screenshot({ path: 'docs/dashboard.png' });
      }
      await page.context().close();
    }
    process.stderr.write(`dashboard of the registry corpus (714 candidates), script done/DOMContentLoaded/first frame: ${times.join(', ')} ms\n`);
  }, 600_000);
});

describe.runIf(!HAVE_CHROMIUM)('batch dashboard in headless Chromium', () => {
  it.skip(`skipped: no Chromium at ${CHROMIUM} (install the Debian package \`chromium\`, or set CHROMIUM_PATH)`, () => {});
});
