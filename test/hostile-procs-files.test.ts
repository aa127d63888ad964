/**
 * Issue 10, items 7 and 10: what the CLI writes and what it refuses to read.
 * No token from the environment in any file written (every `--output`
 * format, every file of a batch's `--out`); `--output` is atomic; FIFOs,
 * directories and devices are refused with exit 2; unreadable licence files
 * are a gap; UTF-32 declarations; symbolic links in a batch folder get a
 * row; `alias:__proto__` in publiccode.yml; CSV formula protection.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../src/cli.js';
import { FORMATS } from '../src/reporters/index.js';
import { readDeclarationFile } from '../src/declaration/load.js';
import { classifyFile, importPubliccode } from '../src/import/index.js';
import { renderSummary, errorRow, buildSummary } from '../src/batch/summary.js';
import { readBatchInput } from '../src/batch/inputs.js';
import { writeFileAtomic } from '../src/output-file.js';
import { runBatch } from '../src/batch/run.js';
import { scratchDir, freshDirs, onFullDisk, onLinux } from './hostile-procs-support.js';

const scratch = scratchDir('hostile-files');
afterAll(() => {
  execFileSync('chmod', ['-R', 'u+rwx', scratch]);
  fs.rmSync(scratch, { recursive: true, force: true });
});
const fresh = freshDirs(scratch);

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env });
  return { code, stdout, stderr };
}

/** Every file under `dir`, recursively, with its content. */
function filesUnder(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.set(path.join(entry.parentPath, entry.name), fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return found;
}

const TOKEN = 'ghp_Hostile0123456789abcdefTOKENxyz';

describe('no token from the environment in a file the CLI writes (item 7)', () => {
  /** A candidate whose folder name (so every file:// path) and declaration values hold the token. */
  function leakyCandidate(): string {
    const dir = path.join(fresh('leak'), `repo-${TOKEN}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'dpg.yml'), `name: Leaky ${TOKEN}\ntypes: [software]\nlicenses:\n  - spdx: MIT\n    evidence: [https://example.org/${TOKEN}/LICENSE]\n`);
    return dir;
  }

  it.each(FORMATS)('--format %s --output holds *** instead of the token', async (format) => {
    const candidate = leakyCandidate();
    const output = path.join(path.dirname(candidate), `report.${format}`);
    // Failed before, in every format: the token was written as it is.
    const result = await cli([candidate, '--format', format, '--output', output], { GITHUB_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBeLessThan(2);
    const written = fs.readFileSync(output, 'utf8');
    expect(written).not.toContain(TOKEN);
    expect(written).toContain('***');
  });

  it('every file of a batch --out (reports, rows, summaries) and an import --output hold none', async () => {
    const candidate = leakyCandidate();
    const list = path.join(path.dirname(candidate), 'list.txt');
    fs.writeFileSync(list, `${candidate}\n`);
    const out = path.join(path.dirname(candidate), 'out');
    const result = await cli(['batch', list, '--out', out, '--in-process'], { GITLAB_TOKEN: TOKEN });
    expect(result.code, result.stderr).toBe(0);
    const files = filesUnder(out);
    expect([...files.keys()].map((f) => path.relative(out, f)).sort()).toEqual(expect.arrayContaining(['batch.json', 'summary.csv', 'summary.json', 'summary.txt']));
    expect(files.size).toBeGreaterThanOrEqual(6);
    for (const [file, text] of files) expect(text, file).not.toContain(TOKEN);
    expect(files.get(path.join(out, 'summary.txt'))).toContain('***');

    const publiccode = path.join(path.dirname(candidate), 'publiccode.yml');
    fs.writeFileSync(publiccode, `publiccodeYmlVersion: "0.4"\nname: Leaky ${TOKEN}\nurl: https://example.org/${TOKEN}\nlegal:\n  license: MIT\nmaintenance:\n  type: none\n`);
    const imported = path.join(path.dirname(candidate), 'imported.dpg.yml');
    await cli(['import', publiccode, '--output', imported], { GH_TOKEN: TOKEN });
    expect(fs.readFileSync(imported, 'utf8')).not.toContain(TOKEN);
  });
});

describe('--output is written atomically (item 10)', () => {
  it('a write that fails midway (a full disk) leaves the previous file whole and no temporary file', async () => {
    const dir = fresh('atomic');
    const output = path.join(dir, 'report.json');
    fs.writeFileSync(output, '{"previous": "report"}\n');
    await onFullDisk(() => {
      expect(() => writeFileAtomic(output, `{"new": "${'x'.repeat(1000)}"}\n`)).toThrow(/ENOSPC/);
    });
    expect(fs.readFileSync(output, 'utf8')).toBe('{"previous": "report"}\n');
    expect(fs.readdirSync(dir)).toEqual(['report.json']);
  });

  it('check --output on a full disk is exit 2 with a message, the old report intact', async () => {
    const dir = fresh('atomic-cli');
    fs.writeFileSync(path.join(dir, 'dpg.yml'), 'name: Fine\ntypes: [software]\n');
    const output = path.join(dir, 'report.txt');
    fs.writeFileSync(output, 'the previous report\n');
    // Failed before: report.txt was left holding the first bytes of the new report.
    const result = await onFullDisk(() => cli([dir, '--output', output]));
    expect(result).toMatchObject({ code: 2, stderr: `dpg-check: cannot write the report to ${output}: ENOSPC\n` });
    expect(fs.readFileSync(output, 'utf8')).toBe('the previous report\n');
  });
});

describe.skipIf(!onLinux)('FIFOs, directories and devices are refused with exit 2 (item 10)', () => {
  it('init --yes --force refuses a dpg.yml that is a FIFO instead of waiting forever', async () => {
    const dir = fresh('init-fifo');
    execFileSync('mkfifo', [path.join(dir, 'dpg.yml')]);
    // Failed before: the open for writing blocked until a reader came (never).
    const result = await cli(['init', dir, '--yes', '--force']);
    expect(result).toMatchObject({ code: 2, stderr: `dpg-check: ${path.join(dir, 'dpg.yml')} is a FIFO (named pipe), not a regular file: not written (remove it, or use --output)\n` });
    expect(fs.lstatSync(path.join(dir, 'dpg.yml')).isFIFO()).toBe(true);
  });

  it('check --output into a FIFO writes the report into it and leaves it a FIFO (as /dev/null stays a device)', async () => {
    const dir = fresh('output-fifo');
    fs.writeFileSync(path.join(dir, 'dpg.yml'), 'name: Fine\ntypes: [software]\n');
    const fifo = path.join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString('utf8')));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    // Failed before: the report was renamed over the FIFO, which became a regular file, and cat waited forever
    // (renamed over /dev/null, as root, it made /dev/null a regular file for the whole machine).
    const result = await cli([dir, '--format', 'json', '--output', fifo]);
    await closed;
    expect(result.code).toBe(0);
    expect(JSON.parse(read)).toMatchObject({ candidate: { name: 'Fine' } });
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['dpg.yml', 'report.fifo']);
  });

  it('validate on a directory, a FIFO or a device is exit 2, not 1', async () => {
    const dir = fresh('validate');
    const fifo = path.join(dir, 'fifo.yml');
    execFileSync('mkfifo', [fifo]);
    // Failed before: exit 1 ("invalid declaration") for all three.
    expect(await cli(['validate', dir])).toMatchObject({ code: 2, stderr: `dpg-check: cannot read ${dir}: a directory, not a declaration\n` });
    expect(await cli(['validate', fifo])).toMatchObject({ code: 2, stderr: `dpg-check: cannot read ${fifo}: not a regular file, not a declaration\n` });
    expect(await cli(['validate', '/dev/null'])).toMatchObject({ code: 2, stderr: 'dpg-check: cannot read /dev/null: not a regular file, not a declaration\n' });
  });
});

describe('license-file: a licence file that cannot be read shows no licence (item 10)', () => {
  async function licenseFileFinding(setup: (dir: string) => void): Promise<{ status: string; message: string }> {
    const dir = fresh('license');
    fs.writeFileSync(path.join(dir, 'dpg.yml'), 'name: Licensed\ntypes: [software]\nlicenses:\n  - spdx: MIT\n');
    setup(dir);
    const result = await cli([dir, '--format', 'json']);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; status: string; message: string }[] };
    return report.findings.find((f) => f.ruleId === 'dpg-2-03')!;
  }

  it('random bytes: a gap, not a pass', async () => {
    // Failed before (all three): pass, "Licence file(s) in the candidate: LICENSE (licence not identified)".
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    expect(await licenseFileFinding((dir) => fs.writeFileSync(path.join(dir, 'LICENSE'), bytes))).toMatchObject({ status: 'gap', message: expect.stringContaining('LICENSE (binary) could not be read as text') });
  });

  it('a 2 GB sparse file: a gap', async () => {
    expect(await licenseFileFinding((dir) => {
      fs.writeFileSync(path.join(dir, 'LICENSE'), '');
      fs.truncateSync(path.join(dir, 'LICENSE'), 2 * 1024 ** 3);
    })).toMatchObject({ status: 'gap', message: expect.stringMatching(/LICENSE \((binary|too-large)\) could not be read as text/) });
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file: a gap', async () => {
    expect(await licenseFileFinding((dir) => {
      fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT License\n');
      fs.chmodSync(path.join(dir, 'LICENSE'), 0);
    })).toMatchObject({ status: 'gap', message: expect.stringContaining('LICENSE (unreadable) could not be read as text') });
  });

  it('a readable licence next to an unreadable one still passes', async () => {
    expect(await licenseFileFinding((dir) => {
      fs.copyFileSync(path.join(process.cwd(), 'LICENSE'), path.join(dir, 'LICENSE'));
      fs.writeFileSync(path.join(dir, 'COPYING'), Buffer.from([0, 1, 2, 3]));
    })).toMatchObject({ status: 'pass' });
  });
});

describe('smaller input breaks (item 10)', () => {
  it('a UTF-32 declaration is decoded as UTF-32, not UTF-16', () => {
    const dir = fresh('utf32');
    const text = 'name: Ünïcode 𝄞\ntypes: [software]\n';
    const le = Buffer.alloc(4 + [...text].length * 4);
    const be = Buffer.alloc(le.length);
    le.writeUInt32LE(0xfeff, 0);
    be.writeUInt32BE(0xfeff, 0);
    [...text].forEach((char, i) => {
      le.writeUInt32LE(char.codePointAt(0)!, 4 + i * 4);
      be.writeUInt32BE(char.codePointAt(0)!, 4 + i * 4);
    });
    fs.writeFileSync(path.join(dir, 'le.yml'), le);
    fs.writeFileSync(path.join(dir, 'be.yml'), be);
    // Failed before: LE was read as UTF-16 (NUL characters between letters, an invalid declaration); BE as binary.
    for (const name of ['le.yml', 'be.yml']) {
      const loaded = readDeclarationFile(path.join(dir, name), name);
      expect(loaded.valid, name).toBe(true);
      expect((loaded.data as { name?: string } | undefined)?.name, name).toBe('Ünïcode 𝄞');
    }
  });

  it('a symbolic link in a batch folder that is not followed still gets a row saying why', () => {
    const dir = fresh('batch-link');
    const folder = path.join(dir, 'folder');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'real.dpg.yml'), 'name: Real\ntypes: [software]\n');
    fs.writeFileSync(path.join(dir, 'outside.dpg.yml'), 'name: Outside\ntypes: [software]\n');
    fs.symlinkSync(path.join(dir, 'outside.dpg.yml'), path.join(folder, 'escape.dpg.yml'));
    fs.symlinkSync(path.join(folder, 'nothing.yml'), path.join(folder, 'dangling.yml'));
    // Failed before: only `real` had a row; the two links vanished from the batch.
    const input = readBatchInput(folder);
    expect(input.candidates.map((c) => [c.id, c.spec.kind])).toEqual([
      ['dangling', 'invalid'], ['escape.dpg', 'invalid'], ['real.dpg', 'declaration'],
    ]);
    expect(input.candidates[1]!.spec).toMatchObject({ message: 'escape.dpg.yml: a symbolic link to outside the folder (or to no file): not followed, so not checked' });
  });

  it('supports: [alias:__proto__] in publiccode.yml is an unknown alias, not Object.prototype', () => {
    const dir = fresh('publiccode-proto');
    const file = path.join(dir, 'publiccode.yml');
    fs.writeFileSync(file, 'publiccodeYmlVersion: "0.4"\nname: Proto\nlegal:\n  license: MIT\nmaintenance:\n  type: none\nsupports:\n  - alias:__proto__\n  - alias:constructor\n  - alias:gdpr\n');
    const classified = classifyFile(file, 'publiccode.yml');
    const result = importPubliccode(classified.file!);
    // Failed before: Object.prototype (then the Object function) were pushed as law names.
    expect(result.declaration.privacy?.laws).toEqual(['GDPR (Regulation (EU) 2016/679)']);
    expect(result.declaration.standards?.standards).toEqual([{ name: '__proto__' }, { name: 'constructor' }]);
  });

  it('a cell with spaces before `=` keeps its formula protection in summary.csv', () => {
    const summary = buildSummary([errorRow(' =HYPERLINK("http://evil.example","x")', ' \u00a0+1+1', { location: '\t=1' })], 0);
    const csv = renderSummary(summary, 'csv').split('\n')[1]!;
    // Failed before: ` =HYPERLINK(…)` went out unprotected (spreadsheets skip the space and run it).
    expect(csv).toContain(`"' =HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv).toContain("' \u00a0+1+1");
    expect(csv).toContain("'\t=1");
  });
});

describe('--resume compares the reviewer\'s config (item 8)', () => {
  it('a changed --config, or a changed pack it loads, checks every candidate again; the same config resumes them', async () => {
    const dir = fresh('resume-config');
    for (const name of ['one', 'two']) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, 'dpg.yml'), `name: ${name}\ntypes: [software]\n`);
    }
    const list = path.join(dir, 'list.txt');
    fs.writeFileSync(list, 'one\ntwo\n');
    const config = path.join(dir, 'review.yml');
    const pack = path.join(dir, 'pack.mjs');
    const writePack = (status: string): void => fs.writeFileSync(pack, [
      "export const rules = [{",
      "  meta: { id: 'test/resume', alias: 'resume', indicator: '8', level: 'advice', title: 'Resume', appliesTo: 'all', standardVersion: '1.1.7',",
      "    motivation: 'Testing --resume.', messages: { ok: 'ok' }, remediation: 'None.', docsUrl: 'https://example.org' },",
      `  check() { return { status: '${status}', messageId: 'ok' }; },`,
      "}];",
    ].join('\n'));
    writePack('pass');
    fs.writeFileSync(config, 'packs: [./pack.mjs]\n');
    const out = path.join(dir, 'out');
    const batch = (resume: boolean) => runBatch({ input: list, out, config, concurrency: 2, timeoutMs: 60_000, resume, failOn: 'fail', isolation: 'in-process' });
    expect((await batch(false)).checked).toBe(2);
    expect(await batch(true)).toMatchObject({ checked: 0, resumed: 2 });
    // Failed before: both kept, made under the other config.
    fs.writeFileSync(config, 'packs: [./pack.mjs]\nrules:\n  dpg-2-03: off\n');
    expect(await batch(true)).toMatchObject({ checked: 2, resumed: 0 });
    writePack('gap');
    expect(await batch(true)).toMatchObject({ checked: 2, resumed: 0 });
    expect(await batch(true)).toMatchObject({ checked: 0, resumed: 2 });
  });
});
