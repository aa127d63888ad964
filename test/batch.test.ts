/**
 * `dpg-check batch`: inputs (folders, text, CSV and JSON lists), bounded
 * concurrency, per-candidate isolation and time budget, the output folder
 * (atomic files, resume, interruption), the summary formats, the progress
 * bar and the exit codes. No network: remote targets are only classified.
 */
import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../src/cli.js';
import { readBatchInput } from '../src/batch/inputs.js';
import { checkBatchCandidate } from '../src/batch/check-one.js';
import { runBatch, type BatchOptions } from '../src/batch/run.js';
import { fileNameFor, readRowJournal, REPORTS_DIR, ROWS_JOURNAL, writeFileAtomic } from '../src/batch/output.js';
import { parseShard, shardOf } from '../src/batch/fingerprint.js';
import { validateReport, reportInconsistencies } from '../src/reporters/schema.js';
import { INDICATOR_IDS, type Report } from '../src/model.js';
import type { Summary } from '../src/batch/summary.js';

interface Io { isTTY?: boolean }

async function cli(args: string[], io: Io = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), ...(io.isTTY ? { isTTY: true, columns: 120 } : {}) },
    env: {},
  });
  return { code, stdout, stderr };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-batch-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
function tempDir(name = 'dir'): string {
  const dir = path.join(scratch, `${name}-${++counter}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const REPO = process.cwd();
const options = (input: string, extra: Partial<BatchOptions> = {}): BatchOptions => ({ input, concurrency: 4, timeoutMs: 60_000, resume: false, failOn: 'fail', ...extra });

/** Every file the batch wrote parses as JSON (the journal: every line), or is a complete summary, and no temporary file is left. */
function expectOnlyCompleteFiles(out: string): void {
  for (const directory of [out, path.join(out, REPORTS_DIR)]) {
    for (const name of fs.readdirSync(directory)) {
      const file = path.join(directory, name);
      if (fs.statSync(file).isDirectory()) continue;
      expect(name, `${file} is a temporary file`).not.toMatch(/\.tmp$/);
      if (name.endsWith('.json')) expect(() => JSON.parse(fs.readFileSync(file, 'utf8')), file).not.toThrow();
      if (name.endsWith('.jsonl')) for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(0, -1)) expect(() => JSON.parse(line), file).not.toThrow();
      if (name.endsWith('.csv') || name.endsWith('.txt')) expect(fs.readFileSync(file, 'utf8')).toMatch(/\n$/);
    }
  }
}

describe('batch inputs', () => {
  it('a text list: paths relative to the list, comments, every kind of target', () => {
    const dir = tempDir('list');
    const list = write(path.join(dir, 'targets.txt'), [
      '# candidates for the spring review',
      `${path.relative(dir, path.join(REPO, 'fixtures/candidates/complete-software'))}   # a repository`,
      path.join(REPO, 'fixtures/declarations/minimal.yml'),
      path.join(REPO, 'fixtures/registry/archive/inclusion-ukr.json'),
      path.join(REPO, 'fixtures/publiccode/publiccode.yml'),
      'github:example/project',
      'https://gitlab.example.org/group/project.git#main',
      '',
      'does/not/exist',
      'github:example/project',
    ].join('\n'));
    const input = readBatchInput(list);
    expect(input.candidates.map((c) => [c.id, c.spec.kind])).toEqual([
      [path.relative(dir, path.join(REPO, 'fixtures/candidates/complete-software')), 'target'],
      [path.join(REPO, 'fixtures/declarations/minimal.yml'), 'declaration'],
      [path.join(REPO, 'fixtures/registry/archive/inclusion-ukr.json'), 'registry'],
      [path.join(REPO, 'fixtures/publiccode/publiccode.yml'), 'publiccode'],
      ['github:example/project', 'target'],
      ['https://gitlab.example.org/group/project.git#main', 'target'],
      ['does/not/exist', 'target'],
      ['github:example/project#2', 'target'],
    ]);
    const remote = input.candidates[4]!.spec;
    expect(remote.kind === 'target' && remote.remote).toBe(true);
    const local = input.candidates[0]!.spec;
    expect(local.kind === 'target' && local.resolved).toBe(path.join(REPO, 'fixtures/candidates/complete-software'));
  });

  it('a CSV list with a header, and a JSON list', () => {
    const dir = tempDir('lists');
    const csv = write(path.join(dir, 'repos.csv'), 'id,target,declaration,type\nclinic,../x,,\nodbl,data-repo,data-repo/dpg.yml,"data, content"\nbad,y,,hardware\n');
    const fromCsv = readBatchInput(csv).candidates;
    expect(fromCsv.map((c) => c.id)).toEqual(['clinic', 'odbl', 'bad']);
    expect(fromCsv[1]!.spec).toMatchObject({ kind: 'target', resolved: path.join(dir, 'data-repo'), declarationFile: path.join(dir, 'data-repo/dpg.yml'), types: ['data', 'content'] });
    expect(fromCsv[2]!.spec).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/repos\.csv:4: unknown solution type hardware/) });
    const json = write(path.join(dir, 'repos.json'), JSON.stringify({ candidates: ['github:a/b', { id: 'c', target: 'github:c/d', types: ['software'] }] }));
    expect(readBatchInput(json).candidates.map((c) => [c.id, c.spec.kind])).toEqual([['github:a/b', 'target'], ['c', 'target']]);
    const notAList = write(path.join(dir, 'one.json'), '{"name": "x"}');
    expect(() => readBatchInput(notAList)).toThrow(/a JSON batch input is a list of targets/);
    expect(() => readBatchInput(path.join(dir, 'missing.txt'))).toThrow(/cannot read the batch input .*missing\.txt: no such file or directory/);
  });

  it('a folder: registry files paired by slug, other declarations, unreadable files as rows, schemas skipped', () => {
    const dir = tempDir('folder');
    fs.cpSync(path.join(REPO, 'fixtures/registry'), dir, { recursive: true });
    write(path.join(dir, 'extra/dpg.yml'), 'name: Extra\ntypes: [software]\n');
    write(path.join(dir, 'extra/broken.json'), '{"name": ');
    write(path.join(dir, '.hidden/x.json'), '{}');
    const input = readBatchInput(dir);
    expect(input.description).toBe('registry folder');
    expect(input.skipped).toEqual(['nominee-schema.json', 'screening-schema.json']);
    const ids = input.candidates.map((c) => c.id).sort();
    expect(ids).toEqual([
      'archive/growstuff', 'archive/inclusion-ukr', 'archive/sars-cov-2-sequencing-resources', 'archive/yallakhedmeh',
      'extra/broken', 'extra/dpg',
      'nominees/aajeevika', 'nominees/aam-digital', 'nominees/commcare', 'nominees/commcare-android', 'nominees/growstuff', 'nominees/lexsitus', 'nominees/notesmaster',
    ]);
    const broken = input.candidates.find((c) => c.id === 'extra/broken')!.spec;
    expect(broken).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^extra\/broken\.json:1:\d+: invalid JSON/) });
  });
});

describe('sharding', () => {
  it('parses i/n and assigns each id to exactly one shard, the same one every time', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1']) expect(parseShard(bad)).toBeUndefined();
    const ids = Array.from({ length: 300 }, (_, i) => `nominees/entry-${i}`);
    const shards = ids.map((id) => shardOf(id, 3));
    expect(ids.map((id) => shardOf(id, 3))).toEqual(shards);
    for (const shard of [1, 2, 3]) expect(shards.filter((s) => s === shard).length).toBeGreaterThan(60);
  });
});

describe('running a batch', () => {
  it('checks each candidate once, at most --concurrency at a time', async () => {
    const dir = tempDir('concurrency');
    for (let i = 0; i < 7; i++) write(path.join(dir, `c${i}.yml`), `name: Candidate ${i}\ntypes: [software]\n`);
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const outcome = await runBatch(options(dir, {
      concurrency: 3,
      check: async (candidate) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        seen.push(candidate.id);
        await new Promise((resolve) => setImmediate(resolve));
        const result = await checkBatchCandidate(candidate);
        inFlight -= 1;
        return result;
      },
    }));
    expect(most).toBe(3);
    expect(seen.sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(outcome.summary.rows.map((r) => r.name)).toEqual(Array.from({ length: 7 }, (_, i) => `Candidate ${i}`));
  });

  it('isolates candidates: one that throws or never finishes is an error row, the others are checked', async () => {
    const dir = tempDir('isolation');
    for (const name of ['a', 'hangs', 'throws', 'z']) write(path.join(dir, `${name}.yml`), `name: ${name}\ntypes: [software]\n`);
    const out = path.join(tempDir('isolation-out'), 'out');
    const outcome = await runBatch(options(dir, {
      out,
      timeoutMs: 200,
      check: (candidate) => {
        if (candidate.id === 'hangs') return new Promise(() => undefined);
        if (candidate.id === 'throws') throw new Error('boom\n    at somewhere');
        return checkBatchCandidate(candidate);
      },
    }));
    const byId = Object.fromEntries(outcome.summary.rows.map((r) => [r.id, r]));
    expect(byId.a!.status).toBe('checked');
    expect(byId.z!.status).toBe('checked');
    expect(byId.hangs).toMatchObject({ status: 'error', verdict: 'error', message: 'hangs was not checked within 200 ms (--timeout): skipped' });
    expect(byId.throws).toMatchObject({ status: 'error', message: 'internal error while checking throws: boom' });
    expect(byId.throws!.indicators['2']).toBeNull();
    expect(outcome.exceeds).toBe(true);
    expect(fs.existsSync(path.join(out, REPORTS_DIR, fileNameFor('throws')))).toBe(false);
    expectOnlyCompleteFiles(out);
  });

  it('writes one valid JSON report per checked candidate and the summary in three formats', async () => {
    const dir = tempDir('reports');
    write(path.join(dir, 'ok.yml'), 'name: Fine\ntypes: [content]\nlicenses:\n  - spdx: CC-BY-ND-4.0\n');
    write(path.join(dir, 'invalid.yml'), 'name: Invalid\ntypes: [software]\nlicenses: MIT\n');
    const out = path.join(tempDir('reports-out'), 'out');
    const outcome = await runBatch(options(dir, { out }));
    const report = JSON.parse(fs.readFileSync(path.join(out, outcome.summary.rows.find((r) => r.id === 'ok')!.report!), 'utf8')) as Report;
    expect(validateReport(report)).toEqual([]);
    expect(reportInconsistencies(report)).toEqual([]);
    expect(report.candidate.sources).toEqual([{ kind: 'declaration-only', location: 'ok.yml' }]);
    expect(report.indicators.find((i) => i.id === '2')?.verdict).toBe('fail');
    const invalid = outcome.summary.rows.find((r) => r.id === 'invalid')!;
    expect(invalid.status).toBe('error');
    expect(invalid.message).toMatch(/^the declaration invalid\.yml is not valid:\ninvalid\.yml:3:11 licenses: must be a list/);
    expect(invalid.report).toBeUndefined();
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as Summary;
    expect(summary).toEqual(outcome.summary);
    expect(Object.keys(summary.rows[0]!.indicators)).toEqual([...INDICATOR_IDS]);
    const csv = fs.readFileSync(path.join(out, 'summary.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('id,name,stage,types,source,location,status,verdict,1,2,3,4,5,6,7,8,9a,9b,9c,fail,gap,error,pass,n/a,message,report,exemptions,refused');
    expect(csv[1]).toMatch(/^invalid,invalid,,,declaration-only,invalid\.yml,error,error,,,,,,,,,,,,0,0,0,0,0,"the declaration invalid\.yml is not valid:/);
    const text = fs.readFileSync(path.join(out, 'summary.txt'), 'utf8');
    expect(text).toMatch(/^dpg-check batch: 2 candidates, 1 checked, 1 could not be checked/);
    expect(text).toMatch(/\nFAIL .* ok {2}Fine\n/);
    expect(text).toMatch(/\nERR {4}-.* invalid — the declaration invalid\.yml is not valid: invalid\.yml:3:11 licenses: must be a list/);
    expectOnlyCompleteFiles(out);
  });

  it('quotes CSV cells and defuses spreadsheet formulas in names', async () => {
    const dir = tempDir('csv');
    write(path.join(dir, 'x.yml'), 'name: "=HYPERLINK(\\"http://evil\\", \\"click\\")"\ntypes: [software]\n');
    const { stdout } = await cli(['batch', dir, '--format', 'csv']);
    expect(stdout.split('\n')[1]).toMatch(/^x,"'=HYPERLINK\(""http:\/\/evil"", ""click""\)",/);
  });
});

describe('resume and interruption', () => {
  function registryCopy(): string {
    const dir = tempDir('registry');
    fs.cpSync(path.join(REPO, 'fixtures/registry'), dir, { recursive: true });
    return dir;
  }

  it('an interrupted batch leaves complete files; --resume finishes it without redoing finished candidates', async () => {
    const input = registryCopy();
    const out = path.join(tempDir('resume-out'), 'out');
    const controller = new AbortController();
    const first = await runBatch(options(input, {
      out, concurrency: 2, signal: controller.signal,
      onProgress: (progress) => {
        if (progress.done >= 3) controller.abort();
      },
    }));
    expect(first.interrupted).toBe(true);
    const done = first.summary.rows.length;
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(11);
    expect(first.summary.complete).toBe(false);
    expect(first.summary.counts.pending).toBe(11 - done);
    expect(readRowJournal(out).size).toBe(done);
    expectOnlyCompleteFiles(out);

    // A crash in the middle of a write leaves at most a hidden temporary file, which the next run removes,
    // or a journal line cut short, which the next run drops before appending.
    writeFileAtomic(path.join(out, 'probe.json'), '{}');
    fs.rmSync(path.join(out, 'probe.json'));
    fs.writeFileSync(path.join(out, REPORTS_DIR, `.${fileNameFor('nominees/aam-digital')}.999.1.tmp`), '{"reportVersion": 1, "too');
    fs.appendFileSync(path.join(out, ROWS_JOURNAL), '{"rowVersion": 1, "id": "nomin');

    const checked: string[] = [];
    const second = await runBatch(options(input, {
      out, resume: true,
      check: (candidate) => {
        checked.push(candidate.id);
        return checkBatchCandidate(candidate);
      },
    }));
    expect(second.interrupted).toBe(false);
    expect(second.resumed).toBe(done);
    expect(checked).toHaveLength(11 - done);
    expect(checked.filter((id) => first.summary.rows.some((r) => r.id === id))).toEqual([]);
    expect(second.summary.complete).toBe(true);
    expectOnlyCompleteFiles(out);

    // The finished batch is the batch of one uninterrupted run.
    const fresh = path.join(tempDir('fresh-out'), 'out');
    await runBatch(options(input, { out: fresh }));
    for (const name of ['summary.json', 'summary.csv', 'summary.txt']) {
      expect(fs.readFileSync(path.join(out, name), 'utf8'), name).toBe(fs.readFileSync(path.join(fresh, name), 'utf8'));
    }
  });

  it('--resume checks again what changed, what lost its row, and what had failed to check', async () => {
    const input = registryCopy();
    write(path.join(input, 'nominees/broken.json'), '{"name": "Broken", "license": [}');
    const out = path.join(tempDir('changed-out'), 'out');
    await runBatch(options(input, { out }));
    // Changed input, a row lost (a report written, then a crash before its row), an error row.
    const aajeevika = path.join(input, 'nominees/aajeevika.json');
    fs.writeFileSync(aajeevika, fs.readFileSync(aajeevika, 'utf8').replace('"Aajeevika"', '"Aajeevika 2"'));
    const journal = path.join(out, ROWS_JOURNAL);
    fs.writeFileSync(journal, fs.readFileSync(journal, 'utf8').split('\n').filter((line) => !line.includes('"archive/growstuff"')).join('\n'));
    const checked: string[] = [];
    const second = await runBatch(options(input, {
      out, resume: true,
      check: (candidate) => {
        checked.push(candidate.id);
        return checkBatchCandidate(candidate);
      },
    }));
    expect(checked.sort()).toEqual(['archive/growstuff', 'nominees/aajeevika', 'nominees/broken']);
    expect(second.summary.rows.find((r) => r.id === 'nominees/aajeevika')?.name).toBe('Aajeevika 2');
    // Removed from the input: its row and report go too.
    fs.rmSync(path.join(input, 'archive/inclusion-ukr.json'));
    const third = await runBatch(options(input, { out, resume: true }));
    expect(third.summary.rows.map((r) => r.id)).not.toContain('archive/inclusion-ukr');
    expect(readRowJournal(out).has('archive/inclusion-ukr')).toBe(false);
    expect(fs.existsSync(path.join(out, REPORTS_DIR, fileNameFor('archive/inclusion-ukr')))).toBe(false);
    // Compacted when the resumed run starts (one line per candidate), then a line per candidate checked again.
    expect(fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean)).toHaveLength(third.summary.rows.length + third.checked);
    expect(third.checked).toBe(1); // only the broken entry, an error row, is tried again
  });

  it('a fresh run replaces a previous batch in --out, and refuses a folder that is not a batch', async () => {
    const input = registryCopy();
    const out = path.join(tempDir('replace-out'), 'out');
    await runBatch(options(input, { out }));
    fs.rmSync(path.join(input, 'archive'), { recursive: true });
    const again = await runBatch(options(input, { out }));
    expect(readRowJournal(out).size).toBe(again.summary.rows.length);
    expect(fs.readFileSync(path.join(out, ROWS_JOURNAL), 'utf8').split('\n').filter(Boolean)).toHaveLength(again.summary.rows.length);
    const foreign = tempDir('foreign');
    write(path.join(foreign, 'notes.txt'), 'mine');
    const refused = await cli(['batch', input, '--out', foreign]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the output folder .* is not empty and holds no dpg-check batch/);
    expect(fs.readFileSync(path.join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('dpg-check batch on the command line', () => {
  it('exit 1 when a candidate is above --fail-on, 0 when none is', async () => {
    const fixtures = await cli(['batch', 'fixtures/registry']);
    expect(fixtures.code).toBe(1);
    expect(fixtures.stdout).toMatch(/^dpg-check batch: 11 candidates, 11 checked, 0 could not be checked/);
    expect(fixtures.stderr).toBe('dpg-check: skipped 2 JSON Schema files: nominee-schema.json, screening-schema.json\n');
    const dir = tempDir('clean');
    write(path.join(dir, 'list.txt'), `${path.join(REPO, 'fixtures/registry/nominees/aajeevika.json')}\n`);
    const clean = await cli(['batch', path.join(dir, 'list.txt'), '--format', 'json']);
    expect(clean.code).toBe(0);
    const summary = JSON.parse(clean.stdout) as Summary;
    expect(summary.rows[0]).toMatchObject({ name: 'Aajeevika', stage: 'nominee', status: 'checked', verdict: 'gap' });
    const strict = await cli(['batch', path.join(dir, 'list.txt'), '--fail-on', 'gap']);
    expect(strict.code).toBe(1);
  });

  it('a missing target or unreadable entry is a row with its reason, not an exit 2', async () => {
    const dir = tempDir('rows');
    write(path.join(dir, 'list.txt'), 'nowhere\nbroken.json\n');
    write(path.join(dir, 'broken.json'), '{\n  "name": "x",\n  "license": [\n');
    const { code, stdout } = await cli(['batch', path.join(dir, 'list.txt'), '--format', 'json']);
    expect(code).toBe(1);
    const rows = (JSON.parse(stdout) as Summary).rows;
    expect(rows.map((r) => [r.id, r.status])).toEqual([['broken.json', 'error'], ['nowhere', 'error']]);
    expect(rows[0]!.message).toMatch(/list\.txt:2: broken\.json:4:1: invalid JSON/);
    expect(rows[1]!.message).toMatch(/nowhere/);
  });

  it('exit 2 when the batch itself cannot run', async () => {
    for (const [args, message] of [
      [['batch', 'no/such/folder'], /cannot read the batch input no\/such\/folder: no such file or directory/],
      [['batch', 'fixtures/registry', '--shard', '4/3'], /--shard needs i\/n with 1 ≤ i ≤ n/],
      [['batch', 'fixtures/registry', '--resume'], /--resume needs --out/],
      [['batch', 'fixtures/registry', '--concurrency', '0'], /--concurrency needs a whole number from 1 to 256/],
      [['batch', 'fixtures/registry', '--timeout', 'soon'], /--timeout needs a number of seconds/],
    ] as const) {
      const { code, stderr, stdout } = await cli([...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    }
  });

  it('shows a progress bar on a terminal only', async () => {
    const tty = await cli(['batch', 'fixtures/registry'], { isTTY: true });
    expect(tty.stderr).toMatch(/checking .* \d+\/11 candidates \| [\d.]+\/s \| ETA/);
    const piped = await cli(['batch', 'fixtures/registry']);
    expect(piped.stderr).not.toMatch(/checking|ETA|\x1b\[/);
    expect(tty.stdout).toBe(piped.stdout);
  });
});

describe('the documented CI workflow (docs/workflows/batch-matrix.yml)', () => {
  it('is valid YAML whose shards, commands and options match the CLI', async () => {
    const { parse } = await import('yaml');
    const workflow = parse(fs.readFileSync(path.join(REPO, 'docs/workflows/batch-matrix.yml'), 'utf8')) as {
      env: Record<string, string | number>;
      jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const shards = workflow.jobs.shard!.strategy!.matrix.shard;
    expect(shards).toEqual(Array.from({ length: Number(workflow.env.SHARDS) }, (_, i) => i + 1));
    expect(workflow.jobs.merge!.needs).toBe('shard');
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? '')).join('\n').replace(/\\\n\s*/g, '');
    const calls = [...runs.matchAll(/dpg-check\.js (batch|merge) ([^\n>]*)/g)].map((m) => ({ command: m[1]!, flags: [...m[2]!.matchAll(/--[a-z-]+/g)].map((f) => f[0]) }));
    expect(calls.map((c) => c.command)).toEqual(['batch', 'merge']);
    for (const { command, flags } of calls) {
      const help = await cli([command, '--help']);
      for (const flag of flags) expect(help.stdout, `${command} ${flag}`).toContain(flag);
    }
    // Each shard uploads its output folder; the merge job downloads them all.
    const uploads = workflow.jobs.shard!.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(uploads[0]?.with?.path).toBe('batch-${{ matrix.shard }}/');
    expect(workflow.jobs.merge!.steps.some((s) => s.uses?.startsWith('actions/download-artifact') && s.with?.pattern === 'dpg-batch-shard-*')).toBe(true);
  });
});
