/**
 * Markdown for pull-request comments and the step summary: the verdict table
 * with status words, failures and gaps with evidence and remediation, passes
 * folded, escaping of candidate text, and GitHub's 65,536-character limit.
 */
import { describe, it, expect } from 'vitest';
import { INDICATOR_IDS, INDICATOR_TITLES, type Finding } from '../src/model.js';
import { codeSpan, escapeMarkdown, GITHUB_COMMENT_LIMIT, renderMarkdown } from '../src/reporters/markdown.js';
import { buildReport, cli, finding, HOSTILE, hostileReport, mixedReport } from './reporters-support.js';

function tableRows(markdown: string): string[][] {
  return markdown.split('\n').filter((line) => /^\| [0-9]/.test(line)).map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, '').trim()));
}

describe('markdown reporter', () => {
  it('opens with the overall verdict and a table of the eleven indicators with verdict words', () => {
    const markdown = renderMarkdown(mixedReport());
    // A hidden marker first, so a workflow finds its earlier comment and updates it (one sticky comment).
    expect(markdown.split('\n').slice(0, 2)).toEqual(['<!-- dpg-check -->', '## ❌ DPG Standard check: FAIL']);
    const rows = tableRows(markdown);
    expect(rows.map((r) => r[0])).toEqual([...INDICATOR_IDS]);
    expect(rows.map((r) => r[1])).toEqual(INDICATOR_IDS.map((id) => escapeMarkdown(INDICATOR_TITLES[id])));
    const words = rows.map((r) => /\*\*([A-Z/]+)\*\*/.exec(r[2] ?? '')?.[1]);
    expect(words).toEqual(mixedReport().indicators.map((i) => i.verdict.toUpperCase()));
    expect(rows[1]?.[3]).toBe('2 pass, 1 fail');
    // The legend explains every word, so nothing relies on the emoji.
    for (const word of ['PASS', 'FAIL', 'GAP', 'N/A', 'ERROR']) expect(markdown).toContain(`**${word}**`);
  });

  it('lists failures, errors and gaps with evidence, what to do and a link into the standard; passes are folded', () => {
    const markdown = renderMarkdown(mixedReport());
    const failures = markdown.indexOf('### ❌ Failures (1)');
    const errors = markdown.indexOf('### 💥 Errors');
    const gaps = markdown.indexOf('### ⚠️ Gaps');
    const details = markdown.indexOf('<details><summary>Passes and not applicable (4 pass, 1 n/a)</summary>');
    expect(failures).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(failures);
    expect(gaps).toBeGreaterThan(errors);
    expect(details).toBeGreaterThan(gaps);
    expect(markdown).toContain('- ❌ **FAIL** · indicator 2 · `dpg-2-02` (license-approved): CC-BY-ND-4.0 is not an approved licence for content (`licenses[0]`).');
    expect(markdown).toContain('  - Evidence: `dpg.yml:12:5` `licenses[0].spdx` · `LICENSE:1` “Attribution-NoDerivatives 4.0 International”');
    expect(markdown).toContain('  - What to do: Fix indicator 2. [DPG Standard](https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#2)');
    expect(markdown).toContain('  - Evidence: host `owner` = `example-org` · No copyright line.');
    expect(markdown.match(/<details>/g)).toHaveLength(1);
    expect(markdown.match(/<\/details>/g)).toHaveLength(1);
    expect(markdown).toContain('Licences identified: `MIT` in `LICENSE`.');
  });

  it('links file evidence when it knows where the files are online', () => {
    const markdown = renderMarkdown(mixedReport(), { linkBase: 'https://github.com/o/r/blob/abc/', pathPrefix: 'sub dir/' });
    expect(markdown).toContain('[`dpg.yml:12:5`](https://github.com/o/r/blob/abc/sub%20dir/dpg.yml#L12)');
    expect(markdown).toContain('[https://example.org/docs](https://example.org/docs)');
    // A GitHub source at a known commit gives the link base by itself.
    const remote = mixedReport();
    remote.candidate.sources = [{ kind: 'github', location: 'https://github.com/acme/tool', revision: 'f'.repeat(40) }];
    expect(renderMarkdown(remote)).toContain(`(https://github.com/acme/tool/blob/${'f'.repeat(40)}/LICENSE#L1)`);
  });

  it('escapes candidate text: no HTML, no links or images, no mentions, no broken table', () => {
    const markdown = renderMarkdown(hostileReport());
    // Code spans show their content literally (GitHub escapes it); outside them nothing may be raw markup.
    const outsideCode = markdown.replace(/(?<!\\)(`+)(?!`)[^]*?(?<!`)\1(?!`)/g, '');
    expect(outsideCode).toContain('\\<script\\>');
    expect(outsideCode).not.toMatch(/(?<!\\)<(script|img|iframe|svg|b)\b/i);
    expect(markdown).toContain('`"><svg onload=alert(3)>/a b&c.txt:3`');
    expect(outsideCode).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(outsideCode).not.toMatch(/!\[img\]\(/);
    expect(outsideCode).not.toMatch(/@(octocat|everyone)/);
    expect(markdown).toContain('@\u200boctocat');
    expect(markdown).not.toMatch(/[\u0000-\u0008\u001b]/);
    // Line breaks in candidate text cannot start a new markdown block or a workflow command.
    expect(markdown).not.toMatch(/^::/m);
    // The candidate's `|` cannot add table cells; every table row still has four.
    for (const row of tableRows(markdown)) expect(row).toHaveLength(4);
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
    expect(escapeMarkdown('**x** _y_ [z](u) <b>')).toBe('\\*\\*x\\*\\* \\_y\\_ \\[z\\](u) \\<b\\>');
    // An unsafe URL is shown as code, never linked.
    expect(markdown).toContain('`javascript:alert(4)`');
    expect(markdown).toContain('(https://example.org/a_%28b%29%3Cc%3E%22d)');
    expect(markdown).toContain(escapeMarkdown(HOSTILE.name).slice(0, 40));
  });

  it('code spans hold any text, backticks included', () => {
    expect(codeSpan('plain')).toBe('`plain`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
  });

  it('stays under GitHub\'s comment limit and says how many findings it left out', () => {
    const findings: Finding[] = [];
    for (let i = 0; i < 3000; i += 1) {
      const indicator = INDICATOR_IDS[i % INDICATOR_IDS.length] ?? '1';
      findings.push(finding(indicator, i < 50 ? 'fail' : i % 2 === 0 ? 'gap' : 'pass', {
        ruleId: `pack/rule-${i}`,
        message: `Finding ${i}: ${i < 50 ? 'short' : 'long explanation '.repeat(20)}`,
        evidence: [{ kind: 'file', path: `src/file-${i}.ts`, line: i + 1 }],
      }));
    }
    const report = buildReport(findings);
    const markdown = renderMarkdown(report);
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(markdown.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT * 0.8);
    const shown = (markdown.match(/^- (❌|⚠️|✅) \*\*/gm) ?? []).length;
    const note = /> (\d+) more findings are not shown \(([^)]*)\)/.exec(markdown);
    expect(note).not.toBeNull();
    expect(Number(note?.[1])).toBe(findings.length - shown);
    // Most serious first: every failure is shown, the cut falls among the gaps, passes go first.
    expect(markdown).toContain('Finding 49: short');
    expect(markdown).toContain('Finding 50:');
    expect(markdown).not.toContain('Finding 2999:');
    expect(note?.[2]).toMatch(/^\d+ pass, \d+ gap$/);
    expect(tableRows(markdown)).toHaveLength(11);
    // A tighter limit is honoured too, and <details> is never left open.
    const small = renderMarkdown(report, { maxLength: 8000 });
    expect(small.length).toBeLessThanOrEqual(8000);
    expect((small.match(/<details>/g) ?? []).length).toBe((small.match(/<\/details>/g) ?? []).length);
  });

  it('a report that fits has no truncation note', () => {
    expect(renderMarkdown(mixedReport())).not.toContain('not shown');
  });

  it('the CLI renders it with --format markdown', async () => {
    const { code, stdout } = await cli(['fixtures/candidates/content-nd', '--format', 'markdown']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^<!-- dpg-check -->\n## ❌ DPG Standard check: FAIL/);
    expect(stdout).toContain('| 2 | Use of Approved Open Licenses | ❌ **FAIL** |');
  });
});
