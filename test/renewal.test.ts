/**
 * The annual renewal recipe of docs/renewal.md, run through the command line:
 * last year's registry answers imported, last year's report made, this year's
 * check compared with it. Also keeps the doc honest: the commands it shows
 * exist with the flags it uses.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../src/model.js';
import { cli } from './reporters-support.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-renewal-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the renewal recipe (docs/renewal.md)', () => {
  it('import last year\'s answers, report last year, check this year against it: the summary says what changed', async () => {
    const lastYearTree = path.join(dir, 'last-year');
    const thisYearTree = path.join(dir, 'this-year');
    fs.cpSync('fixtures/candidates/no-declaration', lastYearTree, { recursive: true });
    fs.cpSync('fixtures/candidates/no-declaration', thisYearTree, { recursive: true });
    // This year the project switched its licence to one the DPGA does not accept.
    fs.writeFileSync(path.join(thisYearTree, 'LICENSE'), fs.readFileSync('fixtures/candidates/content-nd/LICENSE'));

    const answers = path.join(dir, 'dpg-last-year.yml');
    const imported = await cli(['import', 'fixtures/registry/nominees/aam-digital.json', 'fixtures/registry/digitalpublicgoods/aam-digital.json', '--output', answers]);
    expect(imported.code, imported.stderr).toBe(0);

    const lastReport = path.join(dir, 'dpg-report-last-year.json');
    const last = await cli([lastYearTree, '--declaration', answers, '--format', 'json', '--output', lastReport]);
    expect(last.code, last.stderr).toBeLessThan(2);

    const summaryFile = path.join(dir, 'renewal.md');
    const renewal = await cli([thisYearTree, '--declaration', answers, '--baseline', lastReport, '--format', 'markdown', '--output', summaryFile]);
    const summary = fs.readFileSync(summaryFile, 'utf8');
    expect(summary).toMatch(/^Compared with the baseline `.*dpg-report-last-year\.json`: [1-9]\d* new, \d+ unchanged, [1-9]\d* resolved/m);
    expect(summary).toMatch(/^- ❌ \*\*FAIL\*\* · 🆕 \*new\* · indicator 2 /m);
    expect(summary).toContain('### ✔️ Resolved since the baseline');
    // The new licence fail is what decides the exit code.
    expect(renewal.code).toBe(1);

    // Next year's baseline, and this year's report rendered again for a reviewer.
    const thisReport = path.join(dir, 'dpg-report-this-year.json');
    await cli([thisYearTree, '--declaration', answers, '--format', 'json', '--output', thisReport]);
    const again = await cli([thisYearTree, '--declaration', answers, '--baseline', thisReport, '--format', 'json']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as Report).findings.every((f) => f.baseline === 'unchanged')).toBe(true);
    const page = await cli(['report', lastReport, '--format', 'html', '--output', path.join(dir, 'last-year.html')]);
    expect(page.code).toBeLessThan(2);
  }, 60_000);

  it('the doc is linked from the README and uses only commands and flags that exist', async () => {
    expect(fs.readFileSync('README.md', 'utf8')).toContain('(docs/renewal.md)');
    const doc = fs.readFileSync('docs/renewal.md', 'utf8');
    const commands = [...doc.matchAll(/^dpg-check (.+?)(?:\s+#.*)?$/gm)].map((m) => m[1] as string);
    expect(commands.length).toBeGreaterThanOrEqual(4);
    const help = (await cli(['--help'])).stdout + (await cli(['check', '--help'])).stdout + (await cli(['report', '--help'])).stdout + (await cli(['import', '--help'])).stdout;
    for (const command of commands) for (const flag of command.match(/--[a-z-]+/g) ?? []) expect(help, `${flag} in "${command}"`).toContain(flag);
  });
});
