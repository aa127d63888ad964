/**
 * The batch dashboard as files: `batch --out` writes summary.html and one
 * HTML report beside each JSON report, the page is self-contained (nothing
 * it could fetch, a CSP that lets only its own script run) and everything
 * from the candidates is escaped. How it behaves in a browser:
 * test/dashboard-browser.test.ts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderDashboard } from '../src/batch/dashboard.js';
import type { Summary } from '../src/batch/summary.js';
import { run } from '../src/cli.js';
import { HOSTILE_NAME, runDashboardBatch, syntheticSummary } from './dashboard-support.js';

let root: string;
let batch: Awaited<ReturnType<typeof runDashboardBatch>>;
let page: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-dashboard-'));
  batch = await runDashboardBatch(root);
  page = fs.readFileSync(path.join(batch.out, 'summary.html'), 'utf8');
}, 60_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*type="application\/json")[^>]*>([^]*?)<\/script>/g)].map((m) => m[1]!);
}

describe('batch --out writes the dashboard', () => {
  it('writes summary.html and an HTML report beside each JSON report, linked from its row', () => {
    expect(batch.summary.rows).toHaveLength(6);
    const checked = batch.summary.rows.filter((r) => r.status === 'checked');
    expect(checked).toHaveLength(5);
    for (const row of checked) {
      const html = row.report!.replace(/\.json$/, '.html');
      expect(fs.existsSync(path.join(batch.out, html)), html).toBe(true);
      expect(fs.readFileSync(path.join(batch.out, html), 'utf8')).toMatch(/^<!DOCTYPE html>/);
      expect(page).toContain(`<a href="${html}">`);
    }
    const htmlReports = fs.readdirSync(path.join(batch.out, 'reports')).filter((n) => n.endsWith('.html'));
    expect(htmlReports).toHaveLength(5);
    // The error row is there, says why, and links nowhere.
    expect(page).toContain('could not be checked: ');
    expect(page.match(/<tr data-row=/g)).toHaveLength(6);
  });

  it('is self-contained: no external script, style, font or request; only its own script may run', () => {
    expect(page).not.toMatch(/<link\b/i);
    // Tags only: the hostile name's text may say `src=`, escaped.
    expect(page).not.toMatch(/<[a-z][^>]*\ssrc=/i);
    expect(page).not.toMatch(/@import|url\(/i);
    expect(page).not.toMatch(/https?:\/\/(?!dpg-check)/i);
    const scripts = inlineScripts(page);
    expect(scripts).toHaveLength(1);
    const hash = crypto.createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    expect(page).toContain(`script-src 'sha256-${hash}'`);
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  });

  it('escapes a hostile candidate name everywhere', () => {
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    const data = /<script type="application\/json" id="dashboard-data">([^]*?)<\/script>/.exec(page)![1]!;
    expect(data).not.toMatch(/[<>&]/);
    const parsed = JSON.parse(data) as { rows: { name: string }[] };
    expect(parsed.rows.map((r) => r.name)).toContain(HOSTILE_NAME);
    const hostile = batch.summary.rows.find((r) => r.name === HOSTILE_NAME)!;
    const report = fs.readFileSync(path.join(batch.out, hostile.report!.replace(/\.json$/, '.html')), 'utf8');
    expect(report).not.toContain('<script>alert');
  });

  it('counts every indicator and verdict at the top', () => {
    const failing = batch.summary.rows.filter((r) => r.indicators['2'] === 'fail').length;
    expect(failing).toBeGreaterThan(0);
    expect(page).toContain(`aria-label="${failing} candidate${failing === 1 ? '' : 's'}: indicator 2 FAIL; show them"`);
  });

  it('a second run of a smaller input leaves no HTML report of a candidate that is gone', async () => {
    const again = path.join(root, 'again');
    fs.mkdirSync(again);
    fs.copyFileSync(path.join(batch.input, 'clinic.yml'), path.join(again, 'clinic.yml'));
    const out = path.join(root, 'out-again');
    await run(['batch', batch.input, '--out', out, '--in-process'], { stdout: { write: () => true }, stderr: { write: () => true }, env: {} });
    expect(fs.readdirSync(path.join(out, 'reports')).filter((n) => n.endsWith('.html'))).toHaveLength(5);
    await run(['batch', again, '--out', out, '--in-process'], { stdout: { write: () => true }, stderr: { write: () => true }, env: {} });
    expect(fs.readdirSync(path.join(out, 'reports')).filter((n) => n.endsWith('.html'))).toHaveLength(1);
    expect(fs.readFileSync(path.join(out, 'summary.html'), 'utf8').match(/<tr data-row=/g)).toHaveLength(1);
  }, 60_000);
});

describe('renderDashboard', () => {
  it('has one row per candidate of a 2,000-candidate cohort, and its data once', () => {
    const summary: Summary = syntheticSummary(2000);
    const html = renderDashboard(summary);
    expect(html.match(/<tr data-row=/g)).toHaveLength(2000);
    expect(new Set([...html.matchAll(/<tr data-row="(\d+)"/g)].map((m) => m[1])).size).toBe(2000);
    // No links without written pages.
    expect(html).not.toContain('<a href="reports/');
  });
});
