/**
 * `dpg-check report <report.json…>` through the command line: a saved JSON
 * report renders as the check that saved it would have rendered it, in every
 * format; bad input is a located message and exit 2.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORMATS } from '../src/reporters/index.js';
import { cli } from './reporters-support.js';

let dir: string;
const saved: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-report-'));
  for (const name of ['content-nd', 'no-declaration']) {
    const file = path.join(dir, `${name}.json`);
    const { code, stderr } = await cli([`fixtures/candidates/${name}`, '--format', 'json', '--output', file]);
    expect(code, stderr).toBe(name === 'content-nd' ? 1 : 0);
    saved[name] = file;
  }
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Two checks of one candidate differ only in how long they took; the text report prints that
 * (`checked 4 files in 12 ms`), so the text comparison puts the saved report's figure in.
 */
function withTiming(text: string, report: string): string {
  const { timings } = JSON.parse(fs.readFileSync(report, 'utf8')) as { timings: { totalMs: number } };
  const ms = timings.totalMs >= 10 ? `${Math.round(timings.totalMs)} ms` : `${Math.round(timings.totalMs * 10) / 10} ms`;
  return text.replace(/ in [\d.]+ ms$/m, ` in ${ms}`);
}

describe('dpg-check report', () => {
  it('renders a saved report exactly as the check rendered it, in every format', async () => {
    for (const name of ['content-nd', 'no-declaration']) {
      const file = saved[name] as string;
      for (const format of FORMATS) {
        const rendered = await cli(['report', file, '--format', format]);
        expect(rendered.stderr, `${name} ${format}`).toBe('');
        expect(rendered.code, `${name} ${format}`).toBe(name === 'content-nd' ? 1 : 0);
        if (format === 'json') {
          // The saved document itself, byte for byte.
          expect(rendered.stdout).toBe(fs.readFileSync(file, 'utf8'));
          continue;
        }
        const checked = await cli([`fixtures/candidates/${name}`, '--format', format]);
        const expected = format === 'text' ? withTiming(checked.stdout, file) : checked.stdout;
        expect(rendered.stdout, `${name} ${format}`).toBe(expected);
      }
    }
  }, 120_000);

  it('takes the check\'s presentation flags: --quiet, --verbose, --fail-on, --sarif-all, --output', async () => {
    const file = saved['no-declaration'] as string;
    const quiet = await cli(['report', file, '--quiet']);
    expect(quiet.stdout).toBe(withTiming((await cli(['fixtures/candidates/no-declaration', '--quiet'])).stdout, file));
    const strict = await cli(['report', file, '--fail-on', 'gap']);
    expect(strict.code).toBe(1);
    const all = JSON.parse((await cli(['report', file, '--format', 'sarif', '--sarif-all'])).stdout) as { runs: { results: { kind?: string }[] }[] };
    expect(all.runs[0]?.results.some((r) => r.kind === 'pass')).toBe(true);
    const out = path.join(dir, 'out', 'r.html');
    const written = await cli(['report', file, '--format', 'html', '--output', out]);
    expect(written.stdout).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });

  it('several reports: one markdown or SARIF document, or one file each in an --output folder', async () => {
    const files = [saved['content-nd'] as string, saved['no-declaration'] as string];
    const markdown = await cli(['report', ...files, '--format', 'markdown']);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout.match(/^<!-- dpg-check -->$/gm)).toHaveLength(2);
    const sarif = JSON.parse((await cli(['report', ...files, '--format', 'sarif'])).stdout) as { version: string; runs: { properties: { verdict: string } }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs.map((r) => r.properties.verdict)).toEqual(['fail', 'gap']);

    const refused = await cli(['report', ...files, '--format', 'html']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('dpg-check: several reports in html are several documents: give --output <folder> for one file per report\n');
    const folder = path.join(dir, 'pages');
    const each = await cli(['report', ...files, '--format', 'html', '--output', folder]);
    expect(each.code, each.stderr).toBe(1);
    expect(fs.readdirSync(folder).sort()).toEqual(['content-nd.html', 'no-declaration.html']);
    expect(fs.readFileSync(path.join(folder, 'no-declaration.html'), 'utf8')).toBe((await cli(['report', files[1] as string, '--format', 'html'])).stdout);
  });

  describe('bad input: a located message and exit 2, never a stack trace', () => {
    const cases: { name: string; content: string | undefined; message: RegExp }[] = [
      { name: 'missing.json', content: undefined, message: /^dpg-check: cannot read .*missing\.json: no such file\n$/ },
      { name: 'truncated.json', content: '{\n  "reportVersion": 2,\n  "tool": {', message: /^dpg-check: .*truncated\.json:3:12: not a JSON report \(the file ends in the middle of the document\)\n$/ },
      { name: 'garbage.json', content: 'reportVersion: 2\n', message: /^dpg-check: .*garbage\.json:1:1: not a JSON report \(unexpected "r"\)\n$/ },
      { name: 'empty.json', content: '', message: /^dpg-check: .*empty\.json:1:1: not a JSON report \(the file ends in the middle of the document\)\n$/ },
      { name: 'array.json', content: '[]', message: /^dpg-check: .*array\.json:1:1: not a dpg-check report \(expected a JSON object, got an array\)\n$/ },
      { name: 'v1.json', content: '{\n  "reportVersion": 1,\n  "findings": []\n}\n', message: /^dpg-check: .*v1\.json:2:3 reportVersion: this dpg-check reads reports of version 2, not 1 \(check the candidate again with this version to get one\)\n$/ },
      { name: 'v3.json', content: '{"reportVersion": 3}', message: /v3\.json:1:2 reportVersion: this dpg-check reads reports of version 2, not 3\n$/ },
    ];
    for (const test of cases) {
      it(test.name, async () => {
        const file = path.join(dir, test.name);
        if (test.content !== undefined) fs.writeFileSync(file, test.content);
        const result = await cli(['report', file, '--format', 'markdown']);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(test.message);
      });
    }

    it('a report the schema refuses: every problem on its line, with its key', async () => {
      const report = JSON.parse(fs.readFileSync(saved['content-nd'] as string, 'utf8')) as Record<string, unknown> & { findings: Record<string, unknown>[] };
      (report.findings[2] as Record<string, unknown>).status = 'maybe';
      delete report.verdict;
      const file = path.join(dir, 'invalid.json');
      const text = JSON.stringify(report, null, 2);
      fs.writeFileSync(file, text);
      const line = text.split('\n').findIndex((l) => l.includes('"maybe"')) + 1;
      const result = await cli(['report', file]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`is not a valid dpg-check report (schema/report.schema.json):\n`);
      expect(result.stderr).toContain(`${file} (report): missing required key "verdict"\n`);
      expect(result.stderr).toContain(`${file}:${line}:7 findings[2].status: must be one of "pass", "fail", "gap", "n/a", "error" (got "maybe")\n`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it('one bad report among several stops before anything is written', async () => {
      const folder = path.join(dir, 'partial');
      const result = await cli(['report', saved['content-nd'] as string, path.join(dir, 'nope.json'), '--format', 'json', '--output', folder]);
      expect(result.code).toBe(2);
      expect(fs.existsSync(folder)).toBe(false);
    });
  });
});
