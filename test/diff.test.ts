/**
 * `dpg-check diff <old> <new>`: the pure comparison of two report models
 * (src/diff/compare.ts), and the command over saved reports and batch
 * folders: what is new, resolved and changed, the licence and closed
 * components, the exit code against `--fail-on`, and inputs that cannot be read.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding, Report } from '../src/model.js';
import { diffReports, isUnchanged, reachesFailOn } from '../src/diff/compare.js';
import { closedComponents } from '../src/diff/components.js';
import { renderDiff } from '../src/diff/render.js';
import { buildReport, cli, finding, hostileReport } from './reporters-support.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-diff-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const licenceFail = finding('2', 'fail', { ruleId: 'dpg-2-02', messageId: 'notApproved', message: 'CC-BY-ND-4.0 is not approved.', evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'licenses[0].spdx', line: 12 }] });
const ownerGap = finding('3', 'gap', { ruleId: 'dpg-3-01', messageId: 'unnamed', message: 'Nobody is named.', evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'owner.name' }] });
const docsPass = finding('5', 'pass', { ruleId: 'dpg-5-01', messageId: 'found', evidence: [{ kind: 'file', path: 'README.md' }] });

describe('diffReports', () => {
  it('finds no change between a report and itself, or the same report with every message and remediation reworded and lines moved', () => {
    const report = buildReport([licenceFail, ownerGap, docsPass]);
    expect(isUnchanged(diffReports(report, report))).toBe(true);
    const reworded = buildReport(report.findings.map((f): Finding => ({
      ...f, message: `In other words: ${f.message.toUpperCase()}`, remediation: 'Something else to do.',
      evidence: f.evidence.map((e) => (e.kind === 'declaration' && e.line !== undefined ? { ...e, line: e.line + 7 } : e)),
    })));
    const diff = diffReports(report, reworded);
    expect(diff.added).toEqual([]);
    expect(diff.resolved).toEqual([]);
    expect(isUnchanged(diff)).toBe(true);
    expect(reachesFailOn(diff, 'gap')).toBe(false);
  });

  it('lists what is new, resolved and changed per indicator, and the indicator verdicts that changed', () => {
    const before = buildReport([ownerGap, docsPass, finding('7', 'gap', { messageId: 'lawsMissing' })]);
    const after = buildReport([licenceFail, { ...ownerGap, status: 'fail' }, docsPass]);
    const diff = diffReports(before, after);
    expect(diff.added.map((f) => [f.indicator, f.ruleId, f.status, f.location])).toEqual([['2', 'dpg-2-02', 'fail', 'dpg.yml:12 licenses[0].spdx']]);
    expect(diff.changed.map((f) => [f.ruleId, f.oldStatus, f.status])).toEqual([['dpg-3-01', 'gap', 'fail']]);
    expect(diff.resolved.map((f) => [f.indicator, f.messageId])).toEqual([['7', 'lawsMissing']]);
    expect(diff.indicators).toEqual([
      { id: '2', title: 'Use of Approved Open Licenses', old: 'n/a', new: 'fail' },
      { id: '3', title: 'Clear Ownership', old: 'gap', new: 'fail' },
      { id: '7', title: 'Adherence to Privacy and Applicable Laws', old: 'gap', new: 'n/a' },
    ]);
    expect(diff.verdict).toEqual({ old: 'gap', new: 'fail' });
  });

  it('reaches --fail-on with a new requirement finding, or one whose status rose to the level; never with advice', () => {
    const base = buildReport([ownerGap]);
    expect(reachesFailOn(diffReports(base, buildReport([{ ...ownerGap, status: 'fail' }])), 'fail')).toBe(true);
    // A gap that was already a gap-level problem and is now a fail did not newly reach --fail-on gap.
    expect(reachesFailOn(diffReports(base, buildReport([{ ...ownerGap, status: 'fail' }])), 'gap')).toBe(false);
    expect(reachesFailOn(diffReports(base, buildReport([ownerGap, finding('8', 'gap')])), 'fail')).toBe(false);
    expect(reachesFailOn(diffReports(base, buildReport([ownerGap, finding('8', 'gap')])), 'gap')).toBe(true);
    expect(reachesFailOn(diffReports(base, buildReport([ownerGap, finding('8', 'fail', { level: 'advice' })])), 'gap')).toBe(false);
    expect(reachesFailOn(diffReports(base, buildReport([])), 'gap')).toBe(false);
  });

  it('says when the concluded licence changed, and which closed components are named', () => {
    const mongo = finding('4', 'gap', { ruleId: 'dpg-4-03', messageId: 'alternativeNamed', message: 'MongoDB (SSPL-1.0) is a mandatory dependency (docker-compose.yml:5), and …', evidence: [{ kind: 'file', path: 'docker-compose.yml', line: 5, excerpt: 'image: mongo:7' }] });
    const redis = finding('4', 'fail', { ruleId: 'dpg-4-03', messageId: 'closedUndeclared', message: 'Redis (RSALv2) is a mandatory dependency: compose.yaml:9. …', evidence: [{ kind: 'file', path: 'compose.yaml', line: 9, excerpt: 'image: redis:7.4' }] });
    const driver = finding('4', 'pass', { ruleId: 'dpg-4-03', messageId: 'driverAlternative', message: 'mongodb at package.json:5 need a MongoDB-compatible server, and …' });
    const withLicence = (expression: string): Partial<Report> => ({ candidate: { ...buildReport([]).candidate, license: { expression, evidence: [{ kind: 'file', path: 'LICENSE', line: 1 }] } } });
    const before = buildReport([redis, driver], withLicence('MIT'));
    const after = buildReport([mongo, driver], withLicence('MIT OR Apache-2.0'));
    expect(closedComponents(before)).toEqual([{ name: 'Redis', status: 'fail' }, { name: 'MongoDB', status: 'pass' }]);
    const diff = diffReports(before, after);
    expect(diff.license).toEqual({ old: 'MIT', new: 'MIT OR Apache-2.0' });
    expect(diff.closedComponents).toEqual([{ name: 'MongoDB', old: 'pass', new: 'gap' }, { name: 'Redis', old: 'fail' }]);
    const noLicence = diffReports(after, buildReport([mongo, driver]));
    expect(noLicence.license).toEqual({ old: 'MIT OR Apache-2.0', new: null });
    expect(noLicence.closedComponents).toEqual([]);
  });
});

describe('renderDiff', () => {
  it('shows candidate text inert: control characters escaped in text, markdown specials and HTML escaped in markdown', () => {
    const hostile = hostileReport();
    const doc = { kind: 'report' as const, old: 'old.json', new: 'new`.json', diff: diffReports(buildReport([]), hostile) };
    const text = renderDiff(doc, 'text');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).not.toMatch(/^::/m);
    expect(text).toContain('FAIL license-approved: Bad: ');
    const markdown = renderDiff(doc, 'markdown');
    // Tags are escaped (`\\<script\\>`), or inside a code span (the path), where markdown shows them as text.
    expect(markdown).not.toMatch(/(?<!\\)<(script|iframe|img)/i);
    expect(markdown).toContain('(`"><svg onload=alert(3)>/a b&c.txt:3`)');
    expect(markdown).not.toMatch(/@everyone/);
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(markdown).toContain('``new`.json``');
    expect(JSON.parse(renderDiff(doc, 'json')).diff.added[0].message).toBe(hostile.findings[0]!.message);
  });
});

/** Runs a check of `tree` and saves its JSON report as `name`. */
async function saveReport(tree: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  const result = await cli([tree, '--format', 'json', '--output', file]);
  expect(result.code, result.stderr).toBeLessThan(2);
  return file;
}

describe('dpg-check diff (reports)', () => {
  it('a report and the same report with reworded messages: no change, exit 0, in every format', async () => {
    const saved = await saveReport('fixtures/candidates/content-nd', 'content-nd.json');
    const report = JSON.parse(fs.readFileSync(saved, 'utf8')) as Report;
    const rewordedFile = path.join(dir, 'content-nd-reworded.json');
    fs.writeFileSync(rewordedFile, JSON.stringify({ ...report, findings: report.findings.map((f) => ({ ...f, message: `Reworded: ${f.message.split('').reverse().join('')}` })) }));
    for (const format of ['text', 'markdown']) {
      const result = await cli(['diff', saved, rewordedFile, '--format', format, '--fail-on', 'gap']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('No change');
    }
    const json = await cli(['diff', saved, rewordedFile, '--format', 'json']);
    const diff = JSON.parse(json.stdout) as { diffVersion: number; kind: string; diff: { added: unknown[]; resolved: unknown[]; changed: unknown[]; indicators: unknown[] } };
    expect(diff.diffVersion).toBe(1);
    expect(diff.kind).toBe('report');
    expect([diff.diff.added, diff.diff.resolved, diff.diff.changed, diff.diff.indicators]).toEqual([[], [], [], []]);
  }, 30_000);

  it('last year and this year: the new licence fail, the resolved findings, the licence conclusion and the closed components; exit 1', async () => {
    const lastYear = path.join(dir, 'last-year');
    const thisYear = path.join(dir, 'this-year');
    fs.cpSync('fixtures/candidates/complete-software', lastYear, { recursive: true });
    fs.cpSync('fixtures/candidates/complete-software', thisYear, { recursive: true });
    fs.writeFileSync(path.join(thisYear, 'docker-compose.yml'), 'services:\n  app:\n    build: .\n  search:\n    image: docker.elastic.co/elasticsearch/elasticsearch:8.12.0\n');
    fs.writeFileSync(path.join(thisYear, 'LICENSE'), fs.readFileSync('fixtures/candidates/content-nd/LICENSE'));
    const oldFile = await saveReport(lastYear, 'last-year.json');
    const newFile = await saveReport(thisYear, 'this-year.json');

    const text = await cli(['diff', oldFile, newFile]);
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(/^ {2}New \(\d+\)$/m);
    expect(text.stdout).toMatch(/^ {4}Indicator 2, Use of Approved Open Licenses$/m);
    expect(text.stdout).toMatch(/^ {6}FAIL license-consistent: /m);
    expect(text.stdout).toMatch(/^ {4}2 Use of Approved Open Licenses: PASS → FAIL$/m);
    expect(text.stdout).toMatch(/^ {4}MIT → CC-BY-ND-4\.0$/m);
    expect(text.stdout).toMatch(/^ {4}Elasticsearch: now named \(FAIL\)$/m);

    const json = JSON.parse((await cli(['diff', oldFile, newFile, '--format', 'json'])).stdout) as { diff: { license: unknown; closedComponents: unknown; added: { indicator: string; status: string }[] } };
    expect(json.diff.license).toEqual({ old: 'MIT', new: 'CC-BY-ND-4.0' });
    expect(json.diff.closedComponents).toEqual([{ name: 'Elasticsearch', new: 'fail' }]);
    expect(json.diff.added.some((f) => f.indicator === '4' && f.status === 'fail')).toBe(true);

    const markdown = await cli(['diff', oldFile, newFile, '--format', 'markdown']);
    expect(markdown.stdout.startsWith('<!-- dpg-check diff -->\n## dpg-check diff: ')).toBe(true);
    expect(markdown.stdout).toMatch(/^### New \(\d+\)$/m);
    expect(markdown.stdout).toMatch(/^- `MIT` → `CC-BY-ND-4\.0`$/m);

    // Back again: what was new is resolved, and nothing new reaches --fail-on.
    const back = await cli(['diff', newFile, oldFile, '--fail-on', 'gap']);
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/^ {2}Resolved \(\d+\)$/m);
    expect(back.stdout).toMatch(/^ {4}Elasticsearch: no longer named \(was FAIL\)$/m);
  }, 60_000);

  it('exits 2 with a located message when an input cannot be read', async () => {
    const good = await saveReport('fixtures/candidates/no-declaration', 'good.json');
    const truncated = path.join(dir, 'truncated.json');
    fs.writeFileSync(truncated, '{\n  "reportVersion": 2,\n');
    const wrongVersion = path.join(dir, 'v1.json');
    fs.writeFileSync(wrongVersion, '{\n  "reportVersion": 1\n}\n');
    const cases: [string[], RegExp][] = [
      [[path.join(dir, 'missing.json'), good], /cannot read .*missing\.json: no such file or folder/],
      [[good, truncated], /truncated\.json:3:1: not a JSON report/],
      [[wrongVersion, good], /v1\.json:2:3 reportVersion: /],
      [[dir, good], /not a batch output folder \(no summary\.json/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(['diff', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
  }, 30_000);
});

describe('dpg-check diff (batch folders)', () => {
  it('matches candidates by id: changed, added and removed ones; exit 1 when a compared candidate has a new fail', async () => {
    const changed = path.join(dir, 'batch-tree');
    fs.cpSync('fixtures/candidates/complete-software', changed, { recursive: true });
    const root = path.resolve('fixtures/candidates');
    const oldList = path.join(dir, 'old.csv');
    const newList = path.join(dir, 'new.csv');
    fs.writeFileSync(oldList, `id,target\nclinic,${changed}\nnodecl,${root}/no-declaration\ncontent,${root}/content-nd\n`);
    fs.writeFileSync(newList, `id,target\nclinic,${changed}\nnodecl,${root}/no-declaration\ndata,${root}/data-odbl\n`);
    const oldOut = path.join(dir, 'batch-old');
    const newOut = path.join(dir, 'batch-new');
    expect((await cli(['batch', oldList, '--out', oldOut, '--in-process'])).code).toBeLessThan(2);
    fs.writeFileSync(path.join(changed, 'LICENSE'), fs.readFileSync('fixtures/candidates/content-nd/LICENSE'));
    expect((await cli(['batch', newList, '--out', newOut, '--in-process'])).code).toBeLessThan(2);

    const result = await cli(['diff', oldOut, newOut]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^ {2}4 candidates: 1 changed, 1 added, 1 removed, 0 not checked on a side, 1 unchanged$/m);
    expect(result.stdout).toMatch(/^ {2}Open Clinic Scheduler \(clinic\)$/m);
    expect(result.stdout).toMatch(/^ {2}.* \(data\): added, verdict /m);
    expect(result.stdout).toMatch(/^ {2}.* \(content\): removed \(was /m);
    expect(result.stdout).not.toContain('(nodecl)');
    const json = JSON.parse((await cli(['diff', oldOut, newOut, '--format', 'json'])).stdout) as { kind: string; diff: { candidates: { id: string; change: string }[] } };
    expect(json.kind).toBe('batch');
    expect(json.diff.candidates.map((c) => [c.id, c.change])).toEqual([['clinic', 'compared'], ['content', 'removed'], ['data', 'added'], ['nodecl', 'compared']]);

    const same = await cli(['diff', oldOut, oldOut]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('0 changed, 0 added, 0 removed, 0 not checked on a side, 3 unchanged');

    const mixed = await cli(['diff', oldOut, path.join(oldOut, 'summary.json')]);
    expect(mixed.code).toBe(2);
    const hostile = path.join(dir, 'batch-hostile');
    fs.cpSync(oldOut, hostile, { recursive: true });
    const summary = JSON.parse(fs.readFileSync(path.join(hostile, 'summary.json'), 'utf8')) as { rows: { report?: string }[] };
    summary.rows[0]!.report = '../../../../etc/passwd';
    fs.writeFileSync(path.join(hostile, 'summary.json'), JSON.stringify(summary));
    const refused = await cli(['diff', hostile, oldOut]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/summary\.json rows\[0\]\.report: "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" is outside/);
  }, 120_000);
});

describe('dpg-check diff in the docs', () => {
  it('the renewal recipe, the README and --help name it with the flags it has', async () => {
    const renewal = fs.readFileSync('docs/renewal.md', 'utf8');
    expect(renewal).toMatch(/^dpg-check diff dpg-report-last-year\.json dpg-report-this-year\.json --format markdown --output renewal\.md$/m);
    expect(fs.readFileSync('README.md', 'utf8')).toMatch(/^dpg-check diff <old> <new> /m);
    expect((await cli(['--help'])).stdout).toMatch(/^ {2}diff \[options\] <old> <new> /m);
    const help = (await cli(['diff', '--help'])).stdout;
    for (const flag of ['--format', '--output', '--fail-on']) expect(help).toContain(flag);
    expect(help).toContain('"text", "json", "markdown"');
    const typo = await cli(['dif', 'a.json', 'b.json']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("did you mean 'diff'?");
  });
});
