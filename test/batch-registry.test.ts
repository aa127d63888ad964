/**
 * `dpg-check batch` over the DPGA registry: pinned results for chosen real
 * entries (fixtures/registry), the whole corpus (../shared/corpus/registry)
 * with a row for every candidate, sharding and merge reproducing the
 * unsharded summary byte for byte, and a real process interrupted midway.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../src/cli.js';
import { runBatch } from '../src/batch/run.js';
import { readRowJournal, REPORTS_DIR, ROWS_JOURNAL } from '../src/batch/output.js';
import type { Summary, SummaryRow } from '../src/batch/summary.js';
import { validateReport, reportInconsistencies } from '../src/reporters/schema.js';
import { INDICATOR_IDS, type Finding, type Report } from '../src/model.js';
import { builtCliIsCurrent } from './hostile-procs-support.js';
import { sharedInput } from './shared-inputs.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

const REPO = process.cwd();
const FIXTURES = path.join(REPO, 'fixtures/registry');
const corpus = sharedInput('corpus/registry', 'test/batch-registry.test.ts', 'the whole-corpus batch and the interrupted batch');
const CORPUS = corpus.path;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-batch-registry-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const outDir = (name: string): string => path.join(scratch, name);

const read = (file: string): string => fs.readFileSync(file, 'utf8');

describe('chosen registry entries (fixtures/registry)', async () => {
  const out = outDir('fixtures');
  const outcome = await runBatch({ input: FIXTURES, out, concurrency: 4, timeoutMs: 60_000, resume: false, failOn: 'fail' });
  const row = (id: string): SummaryRow => {
    const found = outcome.summary.rows.find((r) => r.id === id);
    if (!found) throw new Error(`no row for ${id}`);
    return found;
  };
  const report = (id: string): Report => JSON.parse(read(path.join(out, row(id).report!))) as Report;
  const findings = (id: string, indicator: string): Finding[] => report(id).findings.filter((f) => f.indicator === indicator);

  it('every candidate has a row and a report valid against the report schema', () => {
    expect(outcome.summary.rows).toHaveLength(11);
    expect(outcome.summary.counts).toMatchObject({ candidates: 11, checked: 11, errors: 0, pending: 0 });
    for (const r of outcome.summary.rows) {
      const rep = report(r.id);
      expect(validateReport(rep), r.id).toEqual([]);
      expect(reportInconsistencies(rep), r.id).toEqual([]);
      expect(rep.candidate.sources[0]?.kind).toBe('declaration-only');
      expect(Object.keys(r.indicators)).toEqual([...INDICATOR_IDS]);
    }
  });

  it('a DPG-stage entry with an approved licence passes indicator 2 on its declaration', () => {
    expect(row('nominees/aam-digital')).toMatchObject({ name: 'Aam Digital', stage: 'DPG', status: 'checked' });
    const licensing = findings('nominees/aam-digital', '2');
    const approved = licensing.find((f) => f.ruleId === 'dpg-2-02')!;
    expect(approved.status).toBe('pass');
    expect(approved.message).toMatch(/^GPL-3\.0 is on the DPGA's approved list for software/);
    // The evidence points at the registry file, line and column the licence was read from.
    expect(approved.evidence).toContainEqual({ kind: 'declaration', path: 'nominees/aam-digital.json', key: 'licenses[0].spdx', line: 10, column: 7 });
    // Every indicator-2 check the declaration can settle passes; the licence file, which needs the repository, is n/a.
    expect(licensing.filter((f) => f.status === 'fail' || f.status === 'error' || f.status === 'gap')).toEqual([]);
    expect(licensing.find((f) => f.ruleId === 'dpg-2-03')).toMatchObject({ status: 'n/a', messageId: 'declarationOnly' });
    expect(row('nominees/aam-digital').indicators['2']).toBe('pass');
    // Its screening answers are checked too, and their evidence points into the screening file.
    expect(row('nominees/aam-digital').indicators['4']).toBe('pass');
    expect(row('nominees/aam-digital').indicators['6']).toBe('pass');
    const closed = findings('nominees/aam-digital', '4').find((f) => f.ruleId === 'dpg-4-01')!;
    expect(closed.evidence).toContainEqual({ kind: 'declaration', path: 'digitalpublicgoods/aam-digital.json', key: 'platformIndependence.closedComponents', line: 8, column: 5 });
  });

  it('an archived entry whose licence is not approved fails indicator 2', () => {
    expect(row('archive/inclusion-ukr')).toMatchObject({ verdict: 'fail', status: 'checked' });
    expect(row('archive/inclusion-ukr').indicators['2']).toBe('fail');
    const failed = findings('archive/inclusion-ukr', '2').filter((f) => f.status === 'fail');
    expect(failed.map((f) => f.ruleId)).toEqual(['dpg-2-02']);
    expect(failed[0]!.message).toMatch(/^CC-BY-NC-SA-4\.0 is not on the DPGA's approved list for software/);
    expect(failed[0]!.evidence[0]).toMatchObject({ kind: 'declaration', path: 'archive/inclusion-ukr.json', key: 'licenses[0].spdx', line: expect.any(Number) });
  });

  it('an entry with no screening file has gaps for 3–9', () => {
    const aajeevika = row('nominees/aajeevika');
    expect(aajeevika).toMatchObject({ stage: 'nominee', verdict: 'gap' });
    expect(aajeevika.indicators['1']).toBe('pass');
    for (const id of ['3', '4', '5', '6', '7', '8', '9a', '9b', '9c'] as const) expect(aajeevika.indicators[id], `indicator ${id}`).toBe('gap');
  });

  it('follows a screening file stored as a link, and says so in the report', () => {
    const android = report('nominees/commcare-android');
    expect(android.warnings).toContain('import: digitalpublicgoods/commcare-android.json (root): is a link to commcare.json (a symbolic link stored as text): its answers were read from digitalpublicgoods/commcare.json');
    expect(row('nominees/commcare-android').indicators['4']).toBe(row('nominees/commcare').indicators['4']);
    expect(android.findings.some((f) => f.evidence.some((e) => e.kind === 'declaration' && e.path === 'digitalpublicgoods/commcare.json' && e.line !== undefined))).toBe(true);
  });

  it('pairs a screening file with its archived nominee, and keeps both entries of a slug in two folders', () => {
    expect(report('archive/yallakhedmeh').findings.some((f) => f.evidence.some((e) => e.kind === 'declaration' && e.path === 'digitalpublicgoods/yallakhedmeh.json'))).toBe(true);
    expect(row('nominees/growstuff').name).toBe('Growstuff');
    expect(row('archive/growstuff').name).toBe('GrowStuff');
  });

  it('writes what the import left out into the report warnings, located', () => {
    expect(report('nominees/notesmaster').warnings).toContain('import: nominees/notesmaster.json:53:5 repositories[0]: repository "main" left out: it has no URL');
    expect(report('nominees/aajeevika').warnings).toEqual(['import: nominees/aajeevika.json:4:5 aliases[0]: empty answer left out']);
    // Answers with no place in the declaration are for `dpg-check import` to list, not report warnings.
    expect(report('nominees/lexsitus').warnings?.some((w) => /only the first address is kept/.test(w)) ?? false).toBe(false);
  });
});

describe('sharding and merge', () => {
  it('the union of --shard 1/3, 2/3 and 3/3 is the unsharded run, and merge reproduces its summary byte for byte', async () => {
    const whole = outDir('whole');
    const unsharded = await cli(['batch', FIXTURES, '--out', whole]);
    expect(unsharded.code).toBe(1);
    const wholeRows = (JSON.parse(read(path.join(whole, 'summary.json'))) as Summary).rows;

    const shardRows: SummaryRow[][] = [];
    for (const index of [1, 2, 3]) {
      const dir = outDir(`shard-${index}`);
      const shard = await cli(['batch', FIXTURES, '--out', dir, '--shard', `${index}/3`]);
      expect([0, 1]).toContain(shard.code);
      shardRows.push((JSON.parse(read(path.join(dir, 'summary.json'))) as Summary).rows);
    }
    const union = shardRows.flat();
    expect(new Set(union.map((r) => r.id)).size).toBe(union.length); // no candidate in two shards
    expect([...union].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(wholeRows);
    expect(shardRows.filter((rows) => rows.length > 0).length).toBeGreaterThanOrEqual(2);

    const merged = outDir('merged');
    const merge = await cli(['merge', outDir('shard-3'), outDir('shard-1'), outDir('shard-2'), '--out', merged]);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toBe('');
    for (const name of ['summary.json', 'summary.csv', 'summary.txt']) expect(read(path.join(merged, name)), name).toBe(read(path.join(whole, name)));
    expect(merge.stdout).toBe(unsharded.stdout);
    // The merged folder is a batch output of its own: same reports and rows.
    expect(fs.readdirSync(path.join(merged, REPORTS_DIR)).sort()).toEqual(fs.readdirSync(path.join(whole, REPORTS_DIR)).sort());
    const byId = (out: string): unknown[] => [...readRowJournal(out).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(merged)).toEqual(byId(whole));
    const csv = await cli(['merge', outDir('shard-1'), outDir('shard-2'), outDir('shard-3'), '--format', 'csv']);
    expect(csv.stdout).toBe(read(path.join(whole, 'summary.csv')));
  });

  it('merge warns about missing shards and refuses folders that are not batch outputs', async () => {
    const partial = await cli(['merge', outDir('shard-1'), outDir('shard-3')]);
    expect(partial.stderr).toMatch(/warning: shard 2\/3 of 3 not given/);
    const twice = await cli(['merge', outDir('whole'), outDir('shard-1')]);
    const inShard1 = (JSON.parse(read(path.join(outDir('shard-1'), 'summary.json'))) as Summary).rows.map((r) => r.id);
    expect(inShard1.length).toBeGreaterThan(0);
    for (const id of inShard1) expect(twice.stderr).toContain(`warning: ${id} is in both ${outDir('whole')} and ${outDir('shard-1')}`);
    expect(twice.stdout).toBe(read(path.join(outDir('whole'), 'summary.txt')));
    const bad = await cli(['merge', path.join(REPO, 'fixtures')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/holds no batch summary \(summary\.json\)/);
  });
});

describe.skipIf(!corpus.present)('the whole registry corpus', () => {
  it('checks every entry of ../shared/corpus/registry: no crash, every candidate a row', async () => {
    const out = outDir('corpus');
    const outcome = await runBatch({ input: CORPUS, out, concurrency: 4, timeoutMs: 120_000, resume: false, failOn: 'fail' });
    const nominees = ['nominees', 'archive'].flatMap((folder) => fs.readdirSync(path.join(CORPUS, folder)).map((f) => `${folder}/${f.replace(/\.json$/, '')}`)).sort();
    expect(outcome.summary.rows.map((r) => r.id)).toEqual(nominees);
    expect(outcome.summary.rows).toHaveLength(714);
    expect(outcome.summary.complete).toBe(true);
    // Entries that cannot be checked are rows whose message names the file, line and column.
    for (const r of outcome.summary.rows.filter((x) => x.status === 'error')) expect(r.message).toMatch(/\.json(:\d+:\d+)? /);
    expect(readRowJournal(out).size).toBe(714);
    // Stages as the registry recorded them; some archived entries fail indicator 2.
    expect(new Set(outcome.summary.rows.map((r) => r.stage))).toEqual(new Set(['nominee', 'DPG', 'archive']));
    expect(outcome.summary.rows.filter((r) => r.id.startsWith('archive/') && r.indicators['2'] === 'fail').length).toBeGreaterThan(10);
  }, 300_000);
});

/**
 * A real process, interrupted: this needs the built CLI (`npm test` builds
 * first); skipped when dist/ is older than the sources.
 */
describe.skipIf(!builtCliIsCurrent())('worker processes write the reports', () => {
  it('the same files as a batch --in-process, tokens of the environment redacted in both', () => {
    const folders = { workers: outDir('written-by-workers'), inProcess: outDir('written-in-process') };
    // A "token" that occurs in the reports of the entries under digitalpublicgoods/ (their locations).
    const env = { ...process.env, GITHUB_TOKEN: 'digitalpublicgoods' };
    for (const [mode, out] of Object.entries(folders)) {
      const args = [path.join(REPO, 'bin', 'dpg-check.js'), 'batch', FIXTURES, '--out', out, ...(mode === 'inProcess' ? ['--in-process'] : [])];
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 90_000, env });
      expect(result.status, result.stderr).toBe(1);
    }
    const reports = (out: string): string[] => fs.readdirSync(path.join(out, REPORTS_DIR)).sort();
    const names = reports(folders.workers);
    expect(names.filter((n) => n.endsWith('.json')).length).toBeGreaterThan(5);
    expect(names.filter((n) => n.endsWith('.html')).length).toBe(names.filter((n) => n.endsWith('.json')).length);
    expect(names).toEqual(reports(folders.inProcess));
    // The same but for how long the check took.
    const untimed = (file: string): string => read(file).replace(/("\w+Ms": )[\d.]+/g, '$1…').replace(/[\d.]+ ms\b/g, '… ms');
    let redacted = 0;
    for (const name of names) {
      const written = untimed(path.join(folders.workers, REPORTS_DIR, name));
      expect(written, name).toBe(untimed(path.join(folders.inProcess, REPORTS_DIR, name)));
      expect(written, name).not.toContain('digitalpublicgoods');
      if (written.includes('***/')) redacted += 1;
    }
    expect(redacted).toBeGreaterThan(1);
    expect(read(path.join(folders.workers, ROWS_JOURNAL)).split('\n').length).toBe(read(path.join(folders.inProcess, ROWS_JOURNAL)).split('\n').length);
  }, 120_000);
});

describe.skipIf(!corpus.present || !builtCliIsCurrent())('a batch process interrupted midway', () => {
  function registrySubset(count: number): string {
    const dir = outDir(`subset-${count}`);
    fs.mkdirSync(path.join(dir, 'nominees'), { recursive: true });
    for (const name of fs.readdirSync(path.join(CORPUS, 'nominees')).sort().slice(0, count)) fs.copyFileSync(path.join(CORPUS, 'nominees', name), path.join(dir, 'nominees', name));
    return dir;
  }

  /** Starts the CLI, waits until `rows` candidates are done, sends `signal`, and resolves with how it ended. */
  async function interrupt(input: string, out: string, signal: NodeJS.Signals, rows: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'dpg-check.js'), 'batch', input, '--out', out, '--concurrency', '2'], { stdio: 'ignore' });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, killedBy) => resolve({ code, signal: killedBy })));
    let sent = false;
    while (!sent) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const done = readRowJournal(out).size;
      if (done >= rows || child.exitCode !== null) {
        child.kill(signal);
        sent = true;
      }
    }
    return exited;
  }

  function expectCompleteFiles(out: string): void {
    for (const folder of ['', REPORTS_DIR]) {
      for (const name of fs.readdirSync(path.join(out, folder))) {
        const file = path.join(out, folder, name);
        // A temporary file is skipped by its name before anything looks at it: a worker process of the killed batch
        // may still be finishing its last write, and rename the file away between this listing and a stat.
        if (/^\..*\.tmp$/.test(name) || fs.statSync(file).isDirectory()) continue;
        if (name.endsWith('.json')) expect(() => JSON.parse(read(file)), file).not.toThrow();
        // The journal's last line may be cut by a kill: the next run drops it; every complete line parses.
        if (name === ROWS_JOURNAL) for (const line of read(file).split('\n').slice(0, -1)) expect(() => JSON.parse(line), file).not.toThrow();
      }
    }
  }

  it('Ctrl-C (SIGINT) stops it with complete, valid files and exit 130; --resume finishes without redoing', async () => {
    const input = registrySubset(150);
    const out = outDir('sigint');
    // The rules run in worker processes, so the batch's own process always sees Ctrl-C and stops itself.
    const ended = await interrupt(input, out, 'SIGINT', 10);
    expect(ended).toEqual({ code: 130, signal: null });
    expectCompleteFiles(out);
    const done = readRowJournal(out).size;
    expect(done).toBeGreaterThanOrEqual(10);
    const partial = JSON.parse(read(path.join(out, 'summary.json'))) as Summary;
    expect(partial.complete).toBe(false);
    expect(partial.rows).toHaveLength(done);
    expect(done + partial.counts.pending).toBe(150);
    const resumed = await runBatch({ input, out, concurrency: 4, timeoutMs: 60_000, resume: true, failOn: 'fail' });
    expect(resumed.resumed).toBe(done);
    expect(resumed.checked).toBe(150 - done);
    expect(resumed.summary.complete).toBe(true);
  }, 120_000);

  it('worker processes stop a candidate that hangs and contain one that crashes; the others are checked', () => {
    const dir = outDir('isolation');
    for (const name of ['fine', 'hangs', 'crashes', 'also-fine']) {
      fs.mkdirSync(path.join(dir, name), { recursive: true });
      fs.writeFileSync(path.join(dir, name, 'dpg.yml'), `name: ${name}\ntypes: [software]\n`);
    }
    // A candidate's own config never loads code in a batch (it would be the applicant's code)…
    fs.writeFileSync(path.join(dir, 'hangs', '.dpg-check.yml'), 'packs:\n  - ./pack.mjs\n');
    fs.writeFileSync(path.join(dir, 'hangs', 'pack.mjs'), 'while (true) {}\nexport const rules = [];\n');
    // …but the reviewer's own --config does: here a pack whose rule spins for one candidate and ends the process for another.
    fs.writeFileSync(path.join(dir, 'pack.mjs'), [
      "export const rules = [{",
      "  meta: { id: 'test/hostile', alias: 'hostile', indicator: '8', level: 'advice', title: 'Hostile', appliesTo: 'all', standardVersion: '1.1.7',",
      "    motivation: 'Testing worker isolation.', messages: { ok: 'ok' }, remediation: 'None.', docsUrl: 'https://example.org' },",
      "  check(context) {",
      "    const name = context.declaration.data?.name;",
      // process.exit from rule code is caught (an error finding): a crash is what no guard can catch.
      "    if (name === 'crashes') process.kill(process.pid, 'SIGKILL');",
      "    if (name === 'hangs') { const end = Date.now() + 60_000; while (Date.now() < end) { /* spin past the rule timeout */ } }",
      "    return { status: 'pass', messageId: 'ok' };",
      "  },",
      "}];",
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'review.yml'), 'packs: [./pack.mjs]\nruleTimeoutMs: 60000\n');
    fs.writeFileSync(path.join(dir, 'list.txt'), 'fine\nhangs\ncrashes\nalso-fine\n');
    // --timeout 15: far below the 60 s spin, far above what a fine candidate takes on a loaded 2-core machine
    // (a worker's start-up and its pack loads included), so no outcome here depends on the machine's speed.
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin', 'dpg-check.js'), 'batch', path.join(dir, 'list.txt'), '--config', path.join(dir, 'review.yml'), '--timeout', '15', '--format', 'json'], { encoding: 'utf8', timeout: 90_000 });
    expect(result.status, result.stderr).toBe(1);
    const rows = Object.fromEntries((JSON.parse(result.stdout) as Summary).rows.map((r) => [r.id, r]));
    expect(rows.fine?.status).toBe('checked');
    // also-fine waits in the same worker as hangs (two lanes per worker): handed back unstarted, checked by the next one.
    expect(rows['also-fine']?.status).toBe('checked');
    expect(rows.hangs).toMatchObject({ status: 'error', message: 'hangs was not checked within 15 s (--timeout): stopped' });
    expect(rows.crashes).toMatchObject({ status: 'error', message: 'the check of crashes stopped unexpectedly (its worker process ended with signal SIGKILL)' });
  }, 120_000);

  it('a killed process (SIGKILL) leaves only complete files; --resume finishes it', async () => {
    const input = registrySubset(150);
    const out = outDir('sigkill');
    await interrupt(input, out, 'SIGKILL', 10);
    expectCompleteFiles(out);
    const done = readRowJournal(out).size;
    expect(done).toBeGreaterThanOrEqual(10);
    const resumed = await runBatch({ input, out, concurrency: 4, timeoutMs: 60_000, resume: true, failOn: 'fail' });
    expect(resumed.resumed).toBe(done);
    expect(resumed.checked).toBe(150 - done);
    expect(resumed.summary.rows).toHaveLength(150);
    expect(fs.readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
