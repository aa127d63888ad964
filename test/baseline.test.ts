/**
 * `dpg-check [check] --baseline <report.json>` through the command line: the
 * exit code counts only findings the baseline does not have, and every format
 * marks them. And the fingerprint findings are matched by: stable when a
 * message is reworded or a line moves, different when what the finding is
 * about changes.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding, Report } from '../src/model.js';
import { findingFingerprint, fingerprintAll } from '../src/fingerprint.js';
import { validateReport, reportInconsistencies } from '../src/reporters/schema.js';
import { cli, finding } from './reporters-support.js';

let dir: string;
/** Saved reports of fixture candidates, by fixture name. */
const saved: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-baseline-'));
  for (const name of ['content-nd', 'no-declaration']) {
    saved[name] = path.join(dir, `${name}.json`);
    await cli([`fixtures/candidates/${name}`, '--format', 'json', '--output', saved[name]]);
  }
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** A copy of a saved report, changed by `edit`, written next to it. */
function edited(name: string, as: string, edit: (report: Report) => void): string {
  const report = readJson<Report>(saved[name] as string);
  edit(report);
  const file = path.join(dir, as);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  return file;
}

describe('fingerprints', () => {
  const base = finding('2', 'fail', {
    ruleId: 'dpg-2-02', messageId: 'notApproved', message: 'CC-BY-ND-4.0 is not approved.',
    evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'licenses[0].spdx', line: 12, column: 5 }, { kind: 'file', path: 'LICENSE', line: 1, excerpt: 'Attribution-NoDerivatives  4.0' }],
  });

  it('ignore the wording, the remediation, line numbers, notes and the status', () => {
    const same: Finding[] = [
      { ...base, message: 'The licence CC-BY-ND-4.0 is not on the list.', remediation: 'Relicense it.' },
      { ...base, evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'licenses[0].spdx', line: 30, column: 1 }, { kind: 'file', path: 'LICENSE', line: 4, excerpt: 'attribution-noderivatives 4.0 ' }] },
      { ...base, evidence: [...base.evidence, { kind: 'note', text: 'reworded note' }] },
      { ...base, status: 'gap' },
    ];
    for (const variant of same) expect(findingFingerprint(variant)).toBe(findingFingerprint(base));
    expect(findingFingerprint(base)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('change with the rule, indicator, message id, place or subject', () => {
    const different: Finding[] = [
      { ...base, ruleId: 'dpg-2-01' },
      { ...base, indicator: '3' },
      { ...base, messageId: 'ndLicence' },
      { ...base, evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'licenses[1].spdx', line: 12 }, base.evidence[1] as Finding['evidence'][number]] },
      { ...base, evidence: [base.evidence[0] as Finding['evidence'][number], { kind: 'file', path: 'LICENSE', line: 1, excerpt: 'Attribution-NonCommercial 4.0' }] },
      { ...base, evidence: [...base.evidence, { kind: 'url', url: 'https://example.org/licence' }] },
    ];
    const prints = different.map(findingFingerprint);
    expect(new Set([...prints, findingFingerprint(base)]).size).toBe(different.length + 1);
  });

  it('tell findings alike in everything apart by their order', () => {
    expect(fingerprintAll([base, { ...base, message: 'other words' }, finding('3', 'gap')])).toEqual([
      findingFingerprint(base), `${findingFingerprint(base)}:2`, findingFingerprint(finding('3', 'gap')),
    ]);
  });
});

describe('--baseline', () => {
  it('against its own report: everything unchanged, exit 0 even at --fail-on gap, the report still valid', async () => {
    const { code, stdout, stderr } = await cli(['fixtures/candidates/content-nd', '--format', 'json', '--fail-on', 'gap', '--baseline', saved['content-nd'] as string]);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(reportInconsistencies(report)).toEqual([]);
    expect(report.findings.every((f) => f.baseline === 'unchanged')).toBe(true);
    expect(report.baseline).toEqual({ path: saved['content-nd'], absent: [] });
    // The verdicts are still the candidate's: a baseline changes what counts for the exit code, not the assessment.
    expect(report.verdict).toBe('fail');
  });

  it('a reworded message and moved lines are no change', async () => {
    const reworded = edited('content-nd', 'reworded.json', (report) => {
      for (const f of report.findings) {
        f.message = `Reworded: ${f.message}`;
        for (const e of f.evidence) if ('line' in e && e.line !== undefined) e.line += 7;
      }
    });
    const { code, stdout } = await cli(['fixtures/candidates/content-nd', '--format', 'json', '--baseline', reworded]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Report).findings.filter((f) => f.baseline === 'new')).toEqual([]);
  });

  it('a new fail counts, and the exit code counts only it; the baseline\'s findings that are gone are listed as absent', async () => {
    // Last year's report without the licence fail, and with a gap that has since been answered.
    const older = edited('content-nd', 'older.json', (report) => {
      report.findings = report.findings.filter((f) => !(f.ruleId === 'dpg-2-02' && f.status === 'fail'));
      report.findings.push({ ...finding('7', 'gap'), ruleId: 'dpg-7-01', messageId: 'noLaws', message: 'No laws named.' });
    });
    const json = await cli(['fixtures/candidates/content-nd', '--format', 'json', '--baseline', older]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as Report;
    expect(validateReport(report)).toEqual([]);
    const fresh = report.findings.filter((f) => f.baseline === 'new');
    expect(fresh.map((f) => `${f.ruleId} ${f.status}`)).toEqual(['dpg-2-02 fail']);
    expect(report.baseline?.absent.map((f) => `${f.ruleId} ${f.status} ${f.baseline}`)).toEqual(['dpg-7-01 gap absent']);

    const sarif = JSON.parse((await cli(['fixtures/candidates/content-nd', '--format', 'sarif', '--baseline', older])).stdout) as { runs: { results: { ruleId: string; level: string; baselineState?: string }[] }[] };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.every((r) => r.baselineState !== undefined)).toBe(true);
    expect(results.filter((r) => r.baselineState === 'new').map((r) => r.ruleId)).toEqual(['dpg-2-02']);
    expect(results.filter((r) => r.baselineState === 'absent').map((r) => r.ruleId)).toEqual(['dpg-7-01']);
    expect(results.some((r) => r.baselineState === 'unchanged')).toBe(true);

    const markdown = (await cli(['fixtures/candidates/content-nd', '--format', 'markdown', '--baseline', older])).stdout;
    expect(markdown).toMatch(/^- ❌ \*\*FAIL\*\* · 🆕 \*new\* · indicator 2 · `dpg-2-02`/m);
    expect(markdown).toContain('### ✔️ Resolved since the baseline (1)');
    expect(markdown).toMatch(/^- ⚠️ \*\*GAP\*\* · ✔️ \*resolved\* · indicator 7 · `dpg-7-01`/m);
    expect(markdown).toMatch(/^Compared with the baseline `.*older\.json`: 1 new, \d+ unchanged, 1 resolved/m);

    const text = await cli(['fixtures/candidates/content-nd', '--no-color', '--baseline', older]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^ {2}FAIL {2}\[new\] CC-BY-ND-4\.0/m);
    expect(text.stdout).toMatch(/\[unchanged\] /);
    expect(text.stdout).toMatch(/^Baseline .*older\.json: 1 new, \d+ unchanged, 1 resolved \(fails, gaps and errors\)\n {2}GAP {3}\[resolved\] No laws named\. {2}dpg-7-01\n$/m);

    const junit = (await cli(['fixtures/candidates/content-nd', '--format', 'junit', '--baseline', older])).stdout;
    expect(junit).toMatch(/FAIL \(new\): CC-BY-ND-4\.0/);
    expect(junit).toMatch(/<testsuites name="[^"]*; baseline [^"]*older\.json: 1 new, \d+ unchanged, 1 resolved"/);

    const html = (await cli(['fixtures/candidates/content-nd', '--format', 'html', '--baseline', older])).stdout;
    expect(html).toContain('[new] CC-BY-ND-4.0');
  });

  it('a gap that became a fail is new', async () => {
    const softer = edited('content-nd', 'softer.json', (report) => {
      for (const f of report.findings) if (f.ruleId === 'dpg-2-02' && f.status === 'fail') f.status = 'gap';
    });
    const { code, stdout } = await cli(['fixtures/candidates/content-nd', '--format', 'json', '--baseline', softer]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.findings.filter((f) => f.baseline === 'new').map((f) => `${f.ruleId} ${f.status}`)).toEqual(['dpg-2-02 fail']);
    expect(report.baseline?.absent.map((f) => `${f.ruleId} ${f.status}`)).toEqual(['dpg-2-02 gap']);
  });

  it('a saved report of a baselined check renders the same markers', async () => {
    const file = path.join(dir, 'marked.json');
    await cli(['fixtures/candidates/content-nd', '--format', 'json', '--output', file, '--baseline', saved['no-declaration'] as string]);
    const checked = await cli(['fixtures/candidates/content-nd', '--format', 'sarif', '--baseline', saved['no-declaration'] as string]);
    const rendered = await cli(['report', file, '--format', 'sarif']);
    expect(rendered.stdout).toBe(checked.stdout);
    expect(rendered.code).toBe(checked.code);
  });

  it('the baseline\'s name is candidate text too: it cannot break out of any format', async () => {
    const name = path.join(dir, 'x`<img src=x onerror=alert(1)>\u001b[31m|*@team.json');
    fs.copyFileSync(saved['no-declaration'] as string, name);
    const markdown = (await cli(['fixtures/candidates/content-nd', '--format', 'markdown', '--baseline', name])).stdout;
    // Inside a code span (fenced longer than the name's own backticks), where markdown shows it as text.
    expect(markdown).toMatch(/^Compared with the baseline ``[^\n]*x`<img src=x onerror=alert\(1\)>\\x1b\[31m\|\*@team\.json``: /m);
    expect(markdown).not.toContain('\u001b');
    const text = (await cli(['fixtures/candidates/content-nd', '--baseline', name])).stdout;
    expect(text).not.toContain('\u001b');
    expect(text).toContain('\\x1b[31m');
    const junit = (await cli(['fixtures/candidates/content-nd', '--format', 'junit', '--baseline', name])).stdout;
    expect(junit).toContain('&lt;img src=x');
    expect(junit).not.toContain('\u001b');
    const html = (await cli(['fixtures/candidates/content-nd', '--format', 'html', '--baseline', name])).stdout;
    expect(html).not.toContain('<img src=x');
  });

    it('a baseline that cannot be read stops the check: exit 2, located', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"reportVersion": 2,}');
    const { code, stdout, stderr } = await cli(['fixtures/candidates/content-nd', '--baseline', bad]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`dpg-check: --baseline: ${bad}:1:21: not a JSON report (unexpected "}")\n`);
    const missing = await cli(['fixtures/candidates/content-nd', '--baseline', path.join(dir, 'none.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^dpg-check: --baseline: cannot read .*none\.json: no such file\n$/);
  });
});
