/**
 * CI integration: `::error` annotations, the step summary under
 * GITHUB_ACTIONS=true, the action's entry script (scripts/github-action.mjs)
 * run with a temporary GITHUB_STEP_SUMMARY, action.yml and the pre-commit hook.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { githubLinkBase, renderGithubAnnotations, repositoryPathPrefix } from '../src/reporters/github.js';
import { run } from '../src/cli.js';
import { buildReport, cli, finding, HOSTILE, hostileReport, mixedReport } from './reporters-support.js';
// A plain ES module (it runs before any build step in the action); its types are inferred from the JS.
import { runAction } from '../scripts/github-action.mjs';

type RunAction = (env: NodeJS.ProcessEnv, log: { write(text: string): unknown }, cliRun: typeof run) => Promise<number>;
const runEntry = runAction as RunAction;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-gha-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function githubEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  fs.writeFileSync(path.join(dir, 'output'), '');
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_WORKSPACE: process.cwd(),
    RUNNER_TEMP: dir,
    ...extra,
  };
}

function outputs(): Record<string, string> {
  return Object.fromEntries(fs.readFileSync(path.join(dir, 'output'), 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

describe('annotations', () => {
  it('fails and errors as ::error, gaps as ::warning, with file, line and column where evidence has them', () => {
    const lines = renderGithubAnnotations(mixedReport()).trimEnd().split('\n');
    expect(lines).toEqual([
      '::error file=dpg.yml,line=12,col=5,title=DPG indicator 2 FAIL%3A dpg-2-02 license-approved::CC-BY-ND-4.0 is not an approved licence for content (`licenses[0]`).%0AWhat to do: Fix indicator 2.',
      '::warning title=DPG indicator 3 GAP%3A pack/example-3 example-3::Indicator 3 is gap.%0AWhat to do: Fix indicator 3.',
      '::error title=DPG indicator 8 ERROR%3A pack/example-8 example-8::Rule pack/example-8 could not run: the rule threw: boom.%0AWhat to do: Report it to the rule\'s authors.',
      '::warning title=DPG indicator 9a GAP%3A dpg-9a-01 example-9a::Indicator 9a is gap.%0AWhat to do: Fix indicator 9a.',
      '::warning file=src/config/secrets.ts,line=7,col=12,title=DPG indicator 9a GAP%3A dpg-9a-02 example-9a::Indicator 9a is gap.%0AWhat to do: Fix indicator 9a.',
    ]);
    const prefixed = renderGithubAnnotations(mixedReport(), { pathPrefix: 'services/api/' }).trimEnd().split('\n');
    expect(prefixed).toContain('::warning file=services/api/src/config/secrets.ts,line=7,col=12,title=DPG indicator 9a GAP%3A dpg-9a-02 example-9a::Indicator 9a is gap.%0AWhat to do: Fix indicator 9a.');
  });

  it('says when there are more annotations of a kind than GitHub shows per step (10)', () => {
    const gaps = Array.from({ length: 12 }, (_, index) => finding('5', 'gap', { ruleId: `pack/gap-${index}` }));
    const fails = Array.from({ length: 10 }, (_, index) => finding('2', 'fail', { ruleId: `pack/fail-${index}` }));
    const lines = renderGithubAnnotations(buildReport([...gaps, ...fails])).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(12);
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.at(-1)).toMatch(/^::notice title=dpg-check%3A more annotations than GitHub shows::dpg-check annotated 10 errors and 12 warnings; GitHub shows only 10 of each kind per step, .*the step summary lists every finding$/);
    // Ten of each fit: no notice.
    expect(renderGithubAnnotations(buildReport([...gaps.slice(0, 10), ...fails]))).not.toContain('::notice');
  });

  it('with a baseline, only new findings are annotated', () => {
    const report = mixedReport();
    report.findings = report.findings.map((f) => ({ ...f, baseline: f.indicator === '9a' ? 'new' as const : 'unchanged' as const }));
    report.baseline = { path: 'last.json', absent: [] };
    const lines = renderGithubAnnotations(report).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.startsWith('::warning ') && l.includes('title=DPG indicator 9a GAP (new)%3A'))).toBe(true);
  });

  it('candidate text cannot end the command or start another one', () => {
    const text = renderGithubAnnotations(hostileReport());
    const lines = text.trimEnd().split('\n');
    // The fail and the gap, each exactly one line: nothing in candidate text started a line of its own.
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^::warning file=/);
    expect(lines[0]).toMatch(/^::error file="><svg onload=alert\(3\)>\/a b&c\.txt,line=3,title=/);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('\\u0000\\u0007\\u001b[31m');
    expect(text).toContain('%0A::set-output name=x::y%0D%0A::error::forged');
    expect(HOSTILE.message).toContain('\n::set-output');
  });

  it('paths are relative to the checked-out repository', () => {
    expect(repositoryPathPrefix('/w/repo/services/api', '/w/repo')).toBe('services/api/');
    expect(repositoryPathPrefix('/w/repo', '/w/repo')).toBe('');
    expect(repositoryPathPrefix('/elsewhere', '/w/repo')).toBe('');
    expect(githubLinkBase({ GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'a'.repeat(40) })).toBe(`https://github.com/o/r/blob/${'a'.repeat(40)}/`);
    expect(githubLinkBase({ GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'not-a-sha' })).toBeUndefined();
  });
});

describe('the CLI under GITHUB_ACTIONS=true', () => {
  it('annotates on stderr, appends the markdown to the step summary, keeps stdout for the report', async () => {
    const env = githubEnv({ GITHUB_REPOSITORY: 'acme/tool', GITHUB_SHA: 'b'.repeat(40) });
    fs.writeFileSync(env.GITHUB_STEP_SUMMARY as string, '# earlier step\n');
    const { code, stdout, stderr } = await cli(['fixtures/candidates/content-nd', '--format', 'json'], env);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).verdict).toBe('fail');
    expect(stderr).toMatch(/^::error file=fixtures\/candidates\/content-nd\/dpg\.yml,line=\d+,col=\d+,title=DPG indicator 2 FAIL%3A dpg-2-02 license-approved::CC-BY-ND-4\.0/m);
    const summary = fs.readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8');
    expect(summary.startsWith('# earlier step\n<!-- dpg-check -->\n## ❌ DPG Standard check: FAIL')).toBe(true);
    expect(summary).toContain(`](https://github.com/acme/tool/blob/${'b'.repeat(40)}/fixtures/candidates/content-nd/dpg.yml#L`);
  });

  it('a check that cannot be carried out (exit 2): an ::error on each located problem, and a summary saying why', async () => {
    const env = githubEnv();
    const { code, stdout, stderr } = await cli(['fixtures/candidates/malformed-declaration', '--format', 'json'], env);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^::error file=fixtures\/candidates\/malformed-declaration\/dpg\.yml,line=8,col=1,title=dpg-check could not check::dpg\.yml:8:1 \(root\): invalid YAML/m);
    const summary = fs.readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8');
    expect(summary).toMatch(/^<!-- dpg-check -->\n## 💥 DPG Standard check: could not check\n/);
    expect(summary).toContain('dpg.yml:8:1 (root): invalid YAML');

    // Without a location (a folder that does not exist, a bad flag): one ::error with the message.
    const missing = await cli([path.join(dir, 'nowhere')], githubEnv());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^::error title=dpg-check could not check::cannot check .*nowhere/m);
    const badFlag = await cli(['.', '--format', 'pdf'], githubEnv());
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/^::error title=dpg-check could not check::option '(-f, )?--format <format>' argument 'pdf' is invalid/m);
    expect(fs.readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain('could not check');
  });

  it('the step summary keeps every finding when the annotations are more than GitHub shows', async () => {
    const env = githubEnv();
    const { code, stderr } = await cli(['fixtures/candidates/no-declaration', '--fail-on', 'gap'], env);
    expect(code).toBe(1);
    const warnings = stderr.match(/^::warning /gm) ?? [];
    expect(warnings.length).toBeGreaterThan(10);
    expect(stderr).toMatch(/^::notice title=dpg-check%3A more annotations than GitHub shows::dpg-check annotated \d+ warnings;/m);
    const summary = fs.readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8');
    expect((summary.match(/^- ⚠️ \*\*GAP\*\* · indicator/gm) ?? []).length).toBeGreaterThanOrEqual(warnings.length);
    expect(summary).toContain('GitHub shows only 10 of each kind per step');
  });

  it('does nothing of the sort outside GitHub Actions', async () => {
    const env = githubEnv({ GITHUB_ACTIONS: undefined });
    const { stderr } = await cli(['fixtures/candidates/content-nd', '--format', 'json'], env);
    expect(stderr).not.toContain('::error');
    expect(fs.existsSync(env.GITHUB_STEP_SUMMARY as string)).toBe(false);
  });

  it('a step summary it cannot write is a warning, not a failure', async () => {
    const env = githubEnv({ GITHUB_STEP_SUMMARY: path.join(dir, 'missing-folder', 'summary.md') });
    const { code, stderr } = await cli(['fixtures/candidates/complete-software', '--format', 'json'], env);
    expect(code).toBe(0);
    expect(stderr).toMatch(/dpg-check: warning: cannot write the step summary to .*: ENOENT/);
  });
});

describe('the action entry script', () => {
  function capture(): { write(text: string): boolean; text: () => string } {
    let text = '';
    return { write: (chunk: string) => ((text += chunk), true), text: () => text };
  }

  it('failing fixture: the summary gets the markdown, the log the annotations, exit 1; SARIF written for upload', async () => {
    const env = githubEnv({ INPUT_TARGET: 'fixtures/candidates/content-nd', INPUT_FAIL_ON: 'fail', INPUT_UPLOAD_SARIF: 'true', INPUT_FORMAT: 'text' });
    const log = capture();
    const code = await runEntry(env, log, run);
    expect(code).toBe(1);
    expect(log.text()).toMatch(/^::error file=fixtures\/candidates\/content-nd\/dpg\.yml,line=\d+/m);
    expect(log.text()).toContain('Verdict FAIL');
    expect(fs.readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8')).toMatch(/^<!-- dpg-check -->\n## ❌ DPG Standard check: FAIL\n/);
    const out = outputs();
    expect(out['exit-code']).toBe('1');
    expect(out['sarif-file']).toBe(path.join(dir, 'dpg-check.sarif'));
    expect(JSON.parse(fs.readFileSync(out['sarif-file'] as string, 'utf8')).version).toBe('2.1.0');
    // The SARIF run adds no second set of annotations or summary.
    expect(log.text().match(/^::error /gm)).toHaveLength(1);
    expect(fs.readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8').match(/DPG Standard check/g)).toHaveLength(1);
  });

  it('the exit code follows fail-on: gaps pass with fail, fail the step with gap', async () => {
    const lenient = await runEntry(githubEnv({ INPUT_TARGET: 'fixtures/candidates/no-declaration', INPUT_FORMAT: 'markdown', INPUT_OUTPUT: path.join(dir, 'r.md') }), capture(), run);
    expect(lenient).toBe(0);
    expect(outputs()).toEqual({ 'exit-code': '0', report: path.join(dir, 'r.md') });
    const log = capture();
    const strict = await runEntry(githubEnv({ INPUT_TARGET: 'fixtures/candidates/no-declaration', 'INPUT_FAIL-ON': 'gap' }), log, run);
    expect(strict).toBe(1);
    expect((log.text().match(/^::warning /gm) ?? []).length).toBeGreaterThan(5);
    const broken = await runEntry(githubEnv({ INPUT_TARGET: 'fixtures/candidates/malformed-declaration' }), capture(), run);
    expect(broken).toBe(2);
  });

  it('runs as a script: stdout gets the annotations, the summary file the markdown, the exit code follows --fail-on', () => {
    const built = fs.existsSync('dist/src/cli.js');
    if (!built) {
      process.stderr.write('test/reporters-github.test.ts: the script test needs a build (`npm test` builds first); checked in-process above\n');
      return;
    }
    const env = { ...process.env, ...githubEnv({ INPUT_TARGET: 'fixtures/candidates/content-nd' }) };
    const child = spawnSync(process.execPath, ['scripts/github-action.mjs'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(1);
    expect(child.stdout).toMatch(/^::error file=fixtures\/candidates\/content-nd\/dpg\.yml,line=\d+/m);
    expect(fs.readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8')).toMatch(/^<!-- dpg-check -->\n## ❌ DPG Standard check: FAIL/);
    const passing = spawnSync(process.execPath, ['scripts/github-action.mjs'], { env: { ...env, INPUT_TARGET: 'fixtures/candidates/no-declaration' }, encoding: 'utf8', timeout: 60_000 });
    expect(passing.status, passing.stderr).toBe(0);
    const failing = spawnSync(process.execPath, ['scripts/github-action.mjs'], { env: { ...env, INPUT_TARGET: 'fixtures/candidates/no-declaration', INPUT_FAIL_ON: 'gap' }, encoding: 'utf8', timeout: 60_000 });
    expect(failing.status, failing.stderr).toBe(1);
  });
});

describe('action.yml and the pre-commit hook', () => {
  const action = parse(fs.readFileSync('action.yml', 'utf8')) as {
    name: string; inputs: Record<string, { description: string; default?: string }>;
    runs: { using: string; steps: { id?: string; name?: string; uses?: string; run?: string; env?: Record<string, string>; if?: string }[] };
  };

  it('has the inputs the issue names, each described, and passes each to the entry script', () => {
    for (const input of ['target', 'format', 'fail-on', 'declaration', 'upload-sarif']) expect(action.inputs[input]?.description, input).toBeTruthy();
    expect(action.runs.using).toBe('composite');
    const check = action.runs.steps.find((step) => step.id === 'check');
    expect(check?.run).toContain('node "$DPG_CHECK_ENTRY"');
    expect(check).toBeDefined();
    const passed = Object.keys(check?.env ?? {});
    for (const input of Object.keys(action.inputs).filter((name) => name !== 'node-version' && name !== 'sarif-category')) {
      expect(passed, input).toContain(`INPUT_${input.toUpperCase().replace(/-/g, '_')}`);
      // Inputs reach the script through the environment only, never pasted into its text.
      expect(check?.run).not.toContain(`inputs.${input}`);
    }
    expect(fs.existsSync('scripts/github-action.mjs')).toBe(true);
    expect(action.runs.steps.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@') && step.if?.includes("inputs.upload-sarif == 'true'"))).toBe(true);
    expect(action.inputs.format?.description).toMatch(/text, json, markdown, sarif, junit, html/);
  });

  it('the pre-commit hook validates declaration files', () => {
    const hooks = parse(fs.readFileSync('.pre-commit-hooks.yaml', 'utf8')) as { id: string; entry: string; language: string; files: string }[];
    const hook = hooks.find((h) => h.id === 'dpg-declaration');
    expect(hook?.entry).toBe('dpg-check validate');
    expect(hook?.language).toBe('node');
    const files = new RegExp(hook?.files ?? '$^');
    for (const name of ['dpg.yml', 'dpg.yaml', 'dpg.json', '.github/dpg.yml']) expect(files.test(name), name).toBe(true);
    for (const name of ['sub/dpg.yml', 'dpg.yml.bak', 'README.md']) expect(files.test(name), name).toBe(false);
    // pre-commit installs the package from its git clone, which must build it first (`prepare`; test/install.test.ts).
    expect((JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.prepare).toMatch(/build/);
  });
});
