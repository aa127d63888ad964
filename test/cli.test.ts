/**
 * End to end through the command line, in-process: every fixture candidate
 * gives the verdicts it was built to show (its `<name>.expect.yml`), and its
 * JSON report validates against the shipped schema.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { run } from '../src/cli.js';
import { validateReport, reportInconsistencies } from '../src/reporters/schema.js';
import { INDICATOR_IDS, type Report } from '../src/model.js';

export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env });
  return { code, stdout, stderr };
}

interface Expectation {
  exitCode: number;
  verdict?: string;
  indicators?: Record<string, string>;
  findings?: { ruleId: string; status: string; messageContains: string }[];
  stderrMatches?: string;
}

const FIXTURES = 'fixtures/candidates';
const cases = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.expect.yml')).map((f) => f.replace('.expect.yml', ''));

describe('fixture candidates', () => {
  it('every fixture folder has its expectations', () => {
    const folders = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.sort()).toEqual([...cases].sort());
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of cases) {
    it(`${name}: verdicts as built`, async () => {
      const expected = parse(fs.readFileSync(path.join(FIXTURES, `${name}.expect.yml`), 'utf8')) as Expectation;
      const { code, stdout, stderr } = await cli([path.join(FIXTURES, name), '--format', 'json']);
      expect(code, stderr).toBe(expected.exitCode);
      if (expected.stderrMatches) {
        expect(stderr).toMatch(new RegExp(expected.stderrMatches));
        expect(stdout).toBe('');
        expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
        return;
      }
      const report = JSON.parse(stdout) as Report;
      expect(validateReport(report)).toEqual([]);
      expect(reportInconsistencies(report)).toEqual([]);
      expect(report.indicators.map((i) => i.id)).toEqual([...INDICATOR_IDS]);
      if (expected.verdict) expect(report.verdict).toBe(expected.verdict);
      for (const [id, verdict] of Object.entries(expected.indicators ?? {})) {
        expect(report.indicators.find((i) => i.id === id)?.verdict, `indicator ${id}`).toBe(verdict);
      }
      for (const want of expected.findings ?? []) {
        const match = report.findings.find((f) => f.ruleId === want.ruleId && f.status === want.status && f.message.includes(want.messageContains));
        expect(match, `${want.ruleId} ${want.status} "${want.messageContains}" in\n${report.findings.map((f) => `${f.ruleId} ${f.status} ${f.message}`).join('\n')}`).toBeDefined();
      }
    });
  }

  it('a candidate without a declaration: every gap names a declaration key to fill', async () => {
    const { stdout } = await cli([path.join(FIXTURES, 'no-declaration'), '--format', 'json']);
    const report = JSON.parse(stdout) as Report;
    const declarationGaps = report.findings.filter((f) => f.status === 'gap' && !['dpg-8-02', 'dpg-9a-02', 'dpg-9c-02'].includes(f.ruleId));
    expect(declarationGaps.length).toBeGreaterThan(10);
    for (const gap of declarationGaps) expect(gap.message, gap.ruleId).toMatch(/`[a-zA-Z.[\]0-9]+`/);
  });
});

describe('command line', () => {
  it('text report: verdict words, no colour when not a TTY, evidence and remediation', async () => {
    const { code, stdout } = await cli([path.join(FIXTURES, 'content-nd')]);
    expect(code).toBe(1);
    expect(stdout).not.toContain('\u001b[');
    expect(stdout).toMatch(/FAIL\s+2\s+Use of Approved Open Licenses/);
    expect(stdout).toContain('dpg.yml:');
    expect(stdout).toContain('→');
  });
  it('FORCE_COLOR colours the text report, NO_COLOR and --no-color do not', async () => {
    expect((await cli([path.join(FIXTURES, 'content-nd')], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[');
    expect((await cli([path.join(FIXTURES, 'content-nd')], { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
    expect((await cli([path.join(FIXTURES, 'content-nd'), '--no-color'], { FORCE_COLOR: '1' })).stdout).not.toContain('\u001b[');
  });
  it('--fail-on gap turns gaps into exit 1', async () => {
    expect((await cli([path.join(FIXTURES, 'no-declaration'), '--format', 'json'])).code).toBe(0);
    expect((await cli([path.join(FIXTURES, 'no-declaration'), '--format', 'json', '--fail-on', 'gap'])).code).toBe(1);
  });
  it('--type overrides the declared solution types', async () => {
    const { stdout } = await cli([path.join(FIXTURES, 'data-odbl'), '--format', 'json', '--type', 'software']);
    expect((JSON.parse(stdout) as Report).candidate.types).toEqual(['software']);
  });
  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-out-'));
    try {
      const out = path.join(dir, 'sub', 'report.json');
      const { code, stdout } = await cli([path.join(FIXTURES, 'complete-software'), '--format', 'json', '--output', out]);
      expect(code).toBe(0);
      expect(stdout).toBe('');
      expect(validateReport(JSON.parse(fs.readFileSync(out, 'utf8')))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('--declaration points at a declaration elsewhere', async () => {
    const { code, stdout } = await cli([path.join(FIXTURES, 'no-declaration'), '--format', 'json', '--declaration', path.join(FIXTURES, 'content-nd', 'dpg.yml')]);
    // The borrowed declaration says the content is CC-BY-ND-4.0, a licence the DPGA does not approve (exit 1).
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as Report).candidate.name).toBe('Field Guide to Malaria Prevention');
  });
  it('--path checks a subfolder', async () => {
    const { stdout } = await cli([FIXTURES, '--path', 'content-nd', '--format', 'json']);
    expect((JSON.parse(stdout) as Report).candidate.name).toBe('Field Guide to Malaria Prevention');
  });
  it('--quiet leaves out passes', async () => {
    const { stdout } = await cli([path.join(FIXTURES, 'content-nd'), '--quiet']);
    expect(stdout).not.toMatch(/^\s+PASS /m);
    expect(stdout).toContain('FAIL');
  });
  it('rules, explain and validate', async () => {
    const rules = await cli(['rules', '--format', 'json']);
    const list = JSON.parse(rules.stdout) as { id: string; indicator: string }[];
    expect(new Set(list.map((r) => r.indicator))).toEqual(new Set(INDICATOR_IDS));
    const explained = await cli(['explain', 'license-approved']);
    expect(explained.stdout).toContain('dpg-2-02 (license-approved)');
    expect(explained.stdout).toContain('What to do:');
    expect((await cli(['explain', 'no-such-rule'])).code).toBe(2);
    expect((await cli(['validate', 'fixtures/declarations/complete.yml'])).code).toBe(0);
    const invalid = await cli(['validate', path.join(FIXTURES, 'malformed-declaration', 'dpg.yml')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/dpg\.yml:\d+:\d+ /);
    expect((await cli(['validate', 'no/such/file.yml'])).code).toBe(2);
  });
  it('the executable answers --version (and -V) alone with the package version (from package.json, before the command line loads)', () => {
    const version = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) {
      const result = spawnSync(process.execPath, ['bin/dpg-check.js', flag], { encoding: 'utf8' });
      expect(result.stdout).toBe(`${version}\n`);
      expect(result.status).toBe(0);
    }
  });

  it('the executable writes to a pipe and a file straight to the descriptor: the same text, and a reader closing early ends it quietly', () => {
    // bin/dpg-check.js writes to pipes and files with writeSync instead of Node's streams (issue 13: a pipe's stream
    // loads net); an early EPIPE must still end the command with no stack trace, as the streams' handler did.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-cli-out-'));
    try {
      const saved = path.join(dir, 'report.json');
      const piped = spawnSync(process.execPath, ['bin/dpg-check.js', 'fixtures/candidates/complete-software', '--format', 'json'], { encoding: 'utf8' });
      expect(piped.status).toBe(0);
      fs.writeFileSync(saved, piped.stdout);
      const toFile = path.join(dir, 'again.json');
      const out = fs.openSync(toFile, 'w');
      try {
        expect(spawnSync(process.execPath, ['bin/dpg-check.js', 'report', saved, '--format', 'json'], { stdio: ['ignore', out, 'pipe'] }).status).toBe(0);
      } finally {
        fs.closeSync(out);
      }
      expect(JSON.parse(fs.readFileSync(toFile, 'utf8'))).toEqual(JSON.parse(piped.stdout));
      // /dev/null is written to directly too (a character device told apart from a terminal by its number).
      const discarded = spawnSync(process.execPath, ['bin/dpg-check.js', 'validate', 'fixtures/declarations/complete.yml'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      expect([discarded.status, discarded.stderr]).toEqual([0, '']);
      // Five reports as one SARIF log: half a megabyte, far more than a pipe holds, for a reader that takes one byte.
      const early = spawnSync('bash', ['-c', `"${process.execPath}" bin/dpg-check.js report ${Array(5).fill(JSON.stringify(saved)).join(' ')} --format sarif | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
      expect(early.stdout.trim()).toBe('exit=0');
      expect(early.stderr).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`validate <files>` from its own bundle answers as the whole command line does: same output, same exit code', async () => {
    // bin/dpg-check.js runs dist/bundle/validate.cjs (src/validate-main.ts) for `validate` and file names only.
    const { run: runValidateEntry, isPlainValidate } = await import('../src/validate-main.js');
    const cases = [
      ['validate', 'fixtures/declarations/complete.yml'],
      ['validate', path.join(FIXTURES, 'malformed-declaration', 'dpg.yml'), 'fixtures/declarations/complete.yml'],
      ['validate', 'no/such/file.yml'],
      ['validate', 'fixtures'],
    ];
    const codes: number[] = [];
    for (const args of cases) {
      expect(isPlainValidate(args)).toBe(true);
      let stdout = '';
      let stderr = '';
      const code = await runValidateEntry(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
      expect({ code, stdout, stderr }, args.join(' ')).toEqual(await cli(args));
      codes.push(code);
    }
    expect(codes).toEqual([0, 1, 2, 2]);
    for (const other of [['validate'], ['validate', '--help'], ['validate', '--', 'x.yml'], ['check', 'x.yml']]) expect(isPlainValidate(other), other.join(' ')).toBe(false);
    if (fs.existsSync('dist/bundle/validate.cjs')) {
      const viaBin = spawnSync(process.execPath, ['bin/dpg-check.js', ...cases[1]!], { encoding: 'utf8' });
      expect({ code: viaBin.status, stdout: viaBin.stdout, stderr: viaBin.stderr }).toEqual(await cli(cases[1]!));
    }
  });

  it('the bundles share one view of each Node built-in among the modules that import it (scripts/build-bundle.mjs)', () => {
    for (const name of ['cli.cjs', 'validate.cjs']) {
      const file = path.join('dist', 'bundle', name);
      if (!fs.existsSync(file)) continue;
      const source = fs.readFileSync(file, 'latin1');
      // esbuild's own call would make a view for each importing module.
      expect(source, name).not.toMatch(/__toESM\(require\("node:/);
      expect(source.match(/__dpgCheckBuiltin\(require\("node:fs"\)\)/g)?.length ?? 0, name).toBeGreaterThan(1);
    }
  });

  it('--version and --help exit 0', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    const help = await cli(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on');
  });
});

describe('bad input: a located, plain message and exit 2', () => {
  const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-bad-'));
  async function withDeclaration(name: string, content: string | Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
    const dir = tmp();
    try {
      fs.writeFileSync(path.join(dir, name), content);
      fs.writeFileSync(path.join(dir, 'README.md'), '# x\n');
      return await cli([dir, '--format', 'json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const noStack = (stderr: string): void => expect(stderr).not.toMatch(/\n\s+at /);

  it.each([
    ['malformed YAML', 'dpg.yml', 'name: [unclosed\ntypes: [software]\n', /dpg\.yml:\d+:\d+ /],
    ['malformed JSON', 'dpg.json', '{ "name": "x", "types": ["software"], }', /dpg\.json:1:\d+ /],
    ['wrong types', 'dpg.yml', 'name: x\ntypes: [hardware]\nsdgs:\n  - sdg: three\n', /dpg\.yml:2:\d+ types\[0\]: must be one of/],
    ['unknown key', 'dpg.yml', 'name: x\ntypes: [software]\nlicence: MIT\n', /dpg\.yml:3:1 licence: unknown key/],
    ['empty file', 'dpg.yml', '', /dpg\.yml:1:1 .*empty/],
    ['binary file', 'dpg.yml', Buffer.from([0x6e, 0x61, 0, 0, 0xff, 0x00]), /dpg\.yml:\d+:\d+ .*binary/i],
    ['alias bomb', 'dpg.yml', `name: x\ntypes: [software]\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n${Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`).join('\n')}\n`, /dpg\.yml:\d+:\d+ .*alias/i],
  ])('%s', async (_label, name, content, pattern) => {
    const { code, stdout, stderr } = await withDeclaration(name, content);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(pattern);
    noStack(stderr);
  });

  it('a huge declaration is refused without being parsed', async () => {
    const { code, stderr } = await withDeclaration('dpg.yml', `name: x\ntypes: [software]\ndescription: "${'a'.repeat(2 * 1024 * 1024)}"\n`);
    expect(code).toBe(2);
    expect(stderr).toMatch(/dpg\.yml:1:1 .*(large|limit|bytes)/i);
  });
  it('a missing directory', async () => {
    const { code, stderr } = await cli(['/no/such/dir/anywhere']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no\/such\/dir\/anywhere/);
    noStack(stderr);
  });
  it('a file instead of a directory', async () => {
    const { code, stderr } = await cli(['README.md']);
    expect(code).toBe(2);
    expect(stderr).toContain('README.md');
  });
  it('unknown options, formats and types', async () => {
    expect((await cli(['.', '--format', 'pdf'])).code).toBe(2);
    expect((await cli(['.', '--type', 'hardware'])).stderr).toMatch(/--type: unknown solution type hardware/);
    expect((await cli(['.', '--frobnicate'])).code).toBe(2);
  });
  it('a --declaration that does not exist', async () => {
    const { code, stderr } = await cli([path.join(FIXTURES, 'no-declaration'), '--declaration', 'nope.yml']);
    expect(code).toBe(2);
    expect(stderr).toContain('nope.yml');
  });
  it('a symlink out of the root is neither read nor followed, and the check goes on', async () => {
    const dir = tmp();
    const outside = tmp();
    try {
      fs.writeFileSync(path.join(outside, 'secret.md'), 'Copyright (c) 2020 Someone Else\n');
      fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'NOTICE'));
      fs.symlinkSync(outside, path.join(dir, 'docs'));
      fs.writeFileSync(path.join(dir, 'README.md'), '# x\n');
      const { code, stdout, stderr } = await cli([dir, '--format', 'json']);
      expect(code).not.toBe(2);
      const report = JSON.parse(stdout) as Report;
      expect(JSON.stringify(report.findings)).not.toContain('Someone Else');
      expect(stderr).toMatch(/warning: .*(outside|symlink)/i);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
  it('a declaration evidence path leaving the candidate is reported, not read', async () => {
    const dir = tmp();
    try {
      fs.writeFileSync(path.join(dir, 'dpg.yml'), 'name: x\ntypes: [software]\nlicenses:\n  - spdx: MIT\n    evidence: [../../etc/passwd]\n');
      const { stdout } = await cli([dir, '--format', 'json']);
      const finding = (JSON.parse(stdout) as Report).findings.find((f) => f.ruleId === 'dpg-2-01');
      expect(finding?.status).toBe('fail');
      expect(finding?.message).toMatch(/outside/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('an invalid config is located', async () => {
    const dir = tmp();
    try {
      fs.writeFileSync(path.join(dir, '.dpg-check.yml'), 'rules:\n  no-such-rule: off\n');
      const { code, stderr } = await cli([dir]);
      expect(code).toBe(2);
      expect(stderr).toContain('unknown rule no-such-rule');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
