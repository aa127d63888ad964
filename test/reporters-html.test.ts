/**
 * The HTML report without a browser: self-contained (no script, no external
 * request), accessible structure, contrast of the palette, and escaping of
 * everything from the candidate. test/html-browser.test.ts opens it in Chromium.
 */
import { describe, it, expect } from 'vitest';
import { INDICATOR_IDS, STATUSES } from '../src/model.js';
import { escapeHtml, HTML_PALETTE, HTML_TEXT, renderHtml } from '../src/reporters/html.js';
import { buildReport, cli, contrastRatio, finding, HOSTILE, hostileReport, mixedReport } from './reporters-support.js';

/** Text content of an HTML fragment with the five entities this reporter writes decoded. */
function decode(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('HTML reporter', () => {
  it('is one self-contained document: inline CSS, no script, nothing loaded from anywhere', () => {
    const html = renderHtml(mixedReport());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\';');
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('has landmarks, one h1, a heading per indicator and a labelled matrix of eleven cells', () => {
    const html = renderHtml(mixedReport());
    for (const landmark of ['<header', '<main>', '<footer>']) expect(html).toContain(landmark);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    const cells = [...html.matchAll(/<li class="cell (v-[a-z]+)" data-indicator="([^"]+)" data-verdict="([^"]+)">.*?<span class="cell-verdict"><span aria-hidden="true">[^<]+<\/span> ([A-Z/]+)<\/span>/g)];
    expect(cells.map((c) => c[2])).toEqual([...INDICATOR_IDS]);
    expect(cells.map((c) => c[3])).toEqual(mixedReport().indicators.map((i) => i.verdict));
    expect(cells.map((c) => c[4])).toEqual(mixedReport().indicators.map((i) => i.verdict.toUpperCase()));
    expect(html.match(/<section class="indicator v-/g)).toHaveLength(11);
    expect(html.match(/<h3 id="indicator-[0-9a-z]+-heading">/g)).toHaveLength(11);
    // The legend names every status in words.
    const legend = /<ul class="legend"[^>]*>(.*?)<\/ul>/.exec(html)?.[1] ?? '';
    for (const status of STATUSES) expect(legend).toContain(`</span> ${status.toUpperCase()}</span>`);
  });

  it('shows every finding with its evidence and what to do, and the licences identified', () => {
    const report = mixedReport();
    const html = renderHtml(report);
    expect(html.match(/<li class="finding /g)).toHaveLength(report.findings.length);
    expect(html).toContain('<code>licenses[0]</code>');
    expect(html).toContain('declaration <code>dpg.yml:12:5</code> <code>licenses[0].spdx</code>');
    expect(html).toContain('<q>Attribution-NoDerivatives 4.0 International</q>');
    expect(html).toContain('<strong>What to do:</strong> Fix indicator 2.');
    expect(html).toContain('<a href="https://example.org/docs" rel="nofollow noopener noreferrer">https://example.org/docs</a>');
    expect(html).toContain('<td><code>MIT</code></td><td><code>LICENSE:1</code></td><td>text</td><td>0.99</td>');
    expect(html).toContain('reviewed by hand');
    expect(html).toContain('skipped a link out of the root');
    // Within an indicator, what needs attention comes first, whatever order the rules ran in.
    const reordered = renderHtml(buildReport([finding('2', 'pass'), finding('2', 'gap'), finding('2', 'fail')]));
    const section = /<section class="indicator v-fail" id="indicator-2"[^]*?<\/section>/.exec(reordered)?.[0] ?? '';
    expect(section.indexOf('<li class="finding v-gap">')).toBeGreaterThan(section.indexOf('<li class="finding v-fail">'));
    expect(section.indexOf('<li class="finding v-fail">')).toBeGreaterThan(-1);
    expect(section.indexOf('<li class="finding v-fail">')).toBeLessThan(section.indexOf('<li class="finding v-pass">'));
  });

  it('colours meet WCAG AA contrast (4.5:1) for every verdict, text and link', () => {
    for (const status of STATUSES) {
      const { fg, bg } = HTML_PALETTE[status];
      expect(contrastRatio(fg, bg), status).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(fg, '#ffffff'), `${status} on white`).toBeGreaterThanOrEqual(4.5);
      // The cell's accent border must be distinguishable from the page (WCAG 1.4.11: 3:1 for graphics).
      expect(contrastRatio(HTML_PALETTE[status].accent, '#ffffff'), `${status} accent`).toBeGreaterThanOrEqual(3);
    }
    expect(contrastRatio(HTML_TEXT.fg, HTML_TEXT.bg)).toBeGreaterThanOrEqual(7);
    expect(contrastRatio(HTML_TEXT.muted, HTML_TEXT.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(HTML_TEXT.link, HTML_TEXT.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('escapes everything from the candidate, and links only http(s) URLs', () => {
    const html = renderHtml(hostileReport());
    expect(html).not.toMatch(/<(script|iframe|svg|img)\b/i);
    expect(html).not.toMatch(/<b[\s>]/i);
    expect(html).not.toMatch(/<[^>]*\son(error|load|click)=/i);
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<code>javascript:alert(4)</code>');
    expect(html).toContain(`<h1>${escapeHtml(HOSTILE.name)}</h1>`);
    expect(decode(escapeHtml(HOSTILE.name))).toBe(HOSTILE.name);
    expect(html).toContain(`<title>DPG Standard check: FAIL — ${escapeHtml(HOSTILE.name)}</title>`);
    expect(html).toContain(escapeHtml(HOSTILE.reason));
    expect(html).toContain(`<code>${escapeHtml(HOSTILE.spdx)}</code>`);
    // Quotes are escaped too, so nothing leaves an attribute value.
    expect(html).toContain('href="https://example.org/a_(b)&lt;c&gt;&quot;d"');
    // Control characters are shown, not passed through.
    expect(html).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(html).toContain('\\u001b[31m');
  });

  it('the CLI writes it with --format html --output', async () => {
    const { code, stdout } = await cli(['fixtures/candidates/content-nd', '--format', 'html']);
    expect(code).toBe(1);
    expect(stdout).toContain('data-indicator="2" data-verdict="fail"');
  });
});
