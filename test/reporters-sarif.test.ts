/**
 * SARIF 2.1.0: every fixture's output (with and without --sarif-all) and a
 * hostile report validate against the official schema
 * (fixtures/sarif/sarif-schema-2.1.0.json, a copy of the OASIS errata01
 * schema); levels, rules and locations follow the documented mapping.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { renderSarif, SARIF_FINGERPRINT_KEY } from '../src/reporters/sarif.js';
import { describeRules } from '../src/explain.js';
import { builtInRules } from '../rules/index.js';
import { CheckError } from '../src/engine/check.js';
import type { Report } from '../src/model.js';
import { buildReport, cli, finding, fixtureNames, fixtureReport, hostileReport, mixedReport } from './reporters-support.js';

/**
 * The official schema is draft-04 (`id`, `$schema: …/draft-04/schema#`),
 * which Ajv 8 does not load as is. Its keywords are otherwise ones the
 * default (draft-07) class validates identically, so the draft-04 `id`
 * becomes `$id` and the `$schema` line goes; strict mode is off because the
 * schema uses keywords Ajv's strict mode frowns on (e.g. `default` beside `$ref`).
 */
function sarifValidator() {
  const { id, $schema: _draft, ...schema } = JSON.parse(fs.readFileSync('fixtures/sarif/sarif-schema-2.1.0.json', 'utf8')) as Record<string, unknown>;
  const Ajv = AjvModule.default;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormatsModule.default(ajv);
  return ajv.compile({ $id: id as string, ...schema });
}
const validate = sarifValidator();

function problems(sarif: unknown): string {
  return validate(sarif) ? '' : JSON.stringify(validate.errors?.slice(0, 5), null, 2);
}

interface SarifResult { partialFingerprints: Record<string, string>; ruleId: string; ruleIndex: number; level: string; kind?: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number; startColumn?: number } } }[]; relatedLocations?: unknown[] }
interface SarifRun { tool: { driver: { name: string; rules: { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string }; helpUri?: string }[] } }; results: SarifResult[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; associatedRule: { id: string; index: number } }[] }[]; properties: { verdict: string; indicators: Record<string, string> } }
const runOf = (text: string): SarifRun => (JSON.parse(text) as { runs: SarifRun[] }).runs[0] as SarifRun;

describe('SARIF reporter', () => {
  it('the schema copy is the official one and rejects what it should', () => {
    const schema = JSON.parse(fs.readFileSync('fixtures/sarif/sarif-schema-2.1.0.json', 'utf8')) as { title: string };
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    const sarif = JSON.parse(renderSarif(mixedReport())) as { runs: { results: { level: string }[] }[] };
    expect(problems(sarif)).toBe('');
    (sarif.runs[0]?.results[0] as { level: string }).level = 'fatal';
    expect(validate(sarif)).toBe(false);
  });

  for (const name of fixtureNames()) {
    it(`${name}: valid against the SARIF 2.1.0 schema, with and without --sarif-all`, async () => {
      const report = await fixtureReport(name);
      if (report instanceof CheckError) {
        expect(report.message).toMatch(/declaration/); // a fixture built to be uncheckable: no report, nothing to render
        return;
      }
      for (const all of [false, true]) {
        const text = renderSarif(report, { all, rules: describeRules(builtInRules) });
        expect(problems(JSON.parse(text)), `${name} all=${all}`).toBe('');
        const run = runOf(text);
        const expected = report.findings.filter((f) => f.status === 'fail' || f.status === 'gap' || (all && (f.status === 'pass' || f.status === 'n/a')));
        expect(run.results).toHaveLength(expected.length);
        expect(run.properties.verdict).toBe(report.verdict);
      }
    });
  }

  it('a hostile report is still valid SARIF and round-trips every string', () => {
    const report = hostileReport();
    const text = renderSarif(report, { all: true });
    expect(problems(JSON.parse(text))).toBe('');
    const run = runOf(text);
    expect(run.results[0]?.message.text).toContain(report.findings[0]?.message);
    // Paths become URI references: percent-encoded, never a raw quote, space or angle bracket.
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('%22%3E%3Csvg%20onload%3Dalert(3)%3E/a%20b%26c.txt');
  });

  it('one rule entry per rule, with descriptions, help and a link into the standard', () => {
    const run = runOf(renderSarif(mixedReport(), { rules: describeRules(builtInRules) }));
    const ids = [...new Set(mixedReport().findings.map((f) => f.ruleId))];
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(ids);
    const known = run.tool.driver.rules.find((r) => r.id === 'dpg-2-02');
    expect(known?.name).toBe('LicenseApproved');
    expect(known?.shortDescription.text).toBe(builtInRules.find((r) => r.meta.id === 'dpg-2-02')?.meta.title);
    expect(known?.fullDescription.text).toContain('approved list');
    expect(known?.help.text).toContain('SPDX id');
    expect(known?.helpUri).toMatch(/^https:\/\//);
    // A rule the catalogue does not know (a pack rule) is described from its findings.
    const unknown = run.tool.driver.rules.find((r) => r.id === 'pack/example-3');
    expect(unknown?.name).toBe('Example3');
    expect(unknown?.shortDescription.text).toBe('example-3 (pack/example-3)');
    expect(unknown?.help.text).toContain('Fix indicator 3.');
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it('maps statuses to levels: fail → error, gap → warning; pass and n/a only with --sarif-all', () => {
    const plain = runOf(renderSarif(mixedReport()));
    expect(plain.results.map((r) => [r.ruleId, r.level, r.kind ?? 'fail'])).toEqual([
      ['dpg-2-02', 'error', 'fail'],
      ['pack/example-3', 'warning', 'fail'],
      ['dpg-9a-01', 'warning', 'fail'],
      ['dpg-9a-02', 'warning', 'fail'],
    ]);
    const all = runOf(renderSarif(mixedReport(), { all: true }));
    expect(all.results.filter((r) => r.kind === 'pass').every((r) => r.level === 'none')).toBe(true);
    expect(all.results.filter((r) => r.kind === 'notApplicable').map((r) => r.ruleId)).toEqual(['pack/example-9b']);
    expect(all.results).toHaveLength(mixedReport().findings.filter((f) => f.status !== 'error').length);
  });

  it('with a baseline: baselineState on every result, the resolved fails and gaps as absent results, still valid SARIF', () => {
    const report = mixedReport();
    report.findings = report.findings.map((f) => ({ ...f, baseline: f.indicator === '2' ? 'new' as const : 'unchanged' as const }));
    report.baseline = { path: 'last.json', absent: [finding('7', 'gap', { ruleId: 'dpg-7-01', baseline: 'absent', evidence: [{ kind: 'file', path: 'PRIVACY.md', line: 2 }] })] };
    const text = renderSarif(report);
    expect(problems(JSON.parse(text))).toBe('');
    const results = runOf(text).results as (SarifResult & { baselineState?: string })[];
    expect(results.map((r) => `${r.ruleId} ${r.baselineState}`)).toEqual([
      'dpg-2-02 new', 'pack/example-3 unchanged', 'dpg-9a-01 unchanged', 'dpg-9a-02 unchanged', 'dpg-7-01 absent',
    ]);
    const absent = results.at(-1);
    expect(runOf(text).tool.driver.rules[absent?.ruleIndex ?? -1]?.id).toBe('dpg-7-01');
    expect(absent?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('PRIVACY.md');
    // Without a baseline, no result has a state.
    expect(renderSarif(mixedReport())).not.toContain('baselineState');
  });

  it('a rule that could not run is a tool execution notification, not an alert', () => {
    const run = runOf(renderSarif(mixedReport(), { all: true }));
    expect(run.results.some((r) => r.ruleId === 'pack/example-8')).toBe(false);
    expect(run.invocations[0]?.executionSuccessful).toBe(false);
    expect(run.invocations[0]?.toolExecutionNotifications?.[0]?.associatedRule.id).toBe('pack/example-8');
    const clean = runOf(renderSarif(buildReport([finding('1', 'pass')])));
    expect(clean.invocations[0]?.executionSuccessful).toBe(true);
  });

  it('locations: file and line where evidence has them, related locations for the rest, line 1 of the declaration otherwise', () => {
    const run = runOf(renderSarif(mixedReport()));
    const licence = run.results.find((r) => r.ruleId === 'dpg-2-02');
    expect(licence?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'dpg.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 5 } });
    expect(licence?.relatedLocations).toEqual([{ id: 1, physicalLocation: { artifactLocation: { uri: 'LICENSE', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } }]);
    const repositoryLevel = run.results.find((r) => r.ruleId === 'dpg-9a-01');
    expect(repositoryLevel?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'dpg.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
    const prefixed = runOf(renderSarif(mixedReport(), { pathPrefix: 'services/api/' }));
    expect(prefixed.results.find((r) => r.ruleId === 'dpg-9a-02')?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('services/api/src/config/secrets.ts');
    expect(prefixed.results.find((r) => r.ruleId === 'dpg-9a-01')?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('services/api/dpg.yml');
  });

  it('the CLI writes SARIF with --format sarif, honours --sarif-all, and prefixes paths with the candidate\'s folder in the repository', async () => {
    const plain = await cli(['fixtures/candidates/content-nd', '--format', 'sarif']);
    expect(plain.code).toBe(1);
    expect(problems(JSON.parse(plain.stdout))).toBe('');
    const run = runOf(plain.stdout);
    expect(run.results.find((r) => r.level === 'error')?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('fixtures/candidates/content-nd/dpg.yml');
    const all = await cli(['fixtures/candidates/content-nd', '--format', 'sarif', '--sarif-all']);
    const report = JSON.parse((await cli(['fixtures/candidates/content-nd', '--format', 'json'])).stdout) as Report;
    expect(runOf(all.stdout).results).toHaveLength(report.findings.filter((f) => f.status !== 'error').length);
    expect(run.results.length).toBeLessThan(runOf(all.stdout).results.length);
  });
});

describe('SARIF that code scanning can place and track', () => {
  let dir: string;
  /** A monorepo (a git repository) with the complete-software fixture at packages/app, its declaration missing `privacy.laws` and `authorizedRespondent`. */
  let repo: string;
  const app = 'packages/app';
  const BIN = path.resolve('bin/dpg-check.js');
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-sarif-'));
    repo = path.join(dir, 'repo');
    fs.cpSync('fixtures/candidates/complete-software', path.join(repo, app), { recursive: true });
    // What the check looks for is only that `.git` exists (as `git init` makes it, or a worktree's `.git` file).
    fs.mkdirSync(path.join(repo, '.git'));
    const declaration = path.join(repo, app, 'dpg.yml');
    const text = fs.readFileSync(declaration, 'utf8');
    fs.writeFileSync(declaration, text.replace(/^ {2}laws:.*\n/m, '').replace(/^authorizedRespondent:[\s\S]*$/m, ''));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The built CLI run from `cwd`, as a user or a CI step would. */
  const runs = new Map<string, SarifRun>();
  function sarifFrom(cwd: string, args: string[]): SarifRun {
    const key = JSON.stringify([cwd, args]);
    const known = runs.get(key);
    if (known) return known;
    const result = spawnSync(process.execPath, [BIN, ...args, '--format', 'sarif'], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(result.status, result.stderr).toBeLessThan(2);
    const log = JSON.parse(result.stdout) as unknown;
    expect(problems(log)).toBe('');
    const run = (log as { runs: SarifRun[] }).runs[0] as SarifRun;
    runs.set(key, run);
    return run;
  }
  const uris = (run: SarifRun): string[] => run.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri ?? '');

  it('partialFingerprints on every result, the same in two checks of the same fixture and when every message is reworded', async () => {
    const first = await cli(['fixtures/candidates/content-nd', '--format', 'sarif', '--sarif-all']);
    const second = await cli(['fixtures/candidates/content-nd', '--format', 'sarif', '--sarif-all']);
    const prints = (text: string): string[] => runOf(text).results.map((r) => r.partialFingerprints[SARIF_FINGERPRINT_KEY] ?? '');
    expect(prints(first.stdout).every((p) => /^[0-9a-f]{32}(:\d+)?$/.test(p))).toBe(true);
    expect(new Set(prints(first.stdout)).size).toBe(prints(first.stdout).length);
    expect(prints(second.stdout)).toEqual(prints(first.stdout));
    expect(SARIF_FINGERPRINT_KEY).toBe('dpgCheckFinding/v1');

    const report = JSON.parse((await cli(['fixtures/candidates/content-nd', '--format', 'json'])).stdout) as Report;
    const reworded: Report = { ...report, findings: report.findings.map((f) => ({ ...f, message: `Said otherwise: ${f.message.toLowerCase()}`, remediation: 'Do something else.' })) };
    const options = { all: true, rules: describeRules(builtInRules) };
    expect(prints(renderSarif(reworded, options))).toEqual(prints(renderSarif(report, options)));
    // Without --sarif-all the alerts keep the fingerprints they have with it (alike findings are numbered over all of them).
    const alerts = runOf(renderSarif(report, { rules: options.rules })).results.map((r) => r.partialFingerprints[SARIF_FINGERPRINT_KEY]);
    expect(alerts.every((p) => prints(renderSarif(report, options)).includes(p ?? ''))).toBe(true);
  }, 30_000);

  it('URIs relative to the repository root, from any working directory, with and without --path', () => {
    const fromInside = sarifFrom(path.join(repo, app), ['.']);
    const fromElsewhere = sarifFrom(os.tmpdir(), [path.join(repo, app)]);
    const withPath = sarifFrom(dir, ['repo', '--path', app]);
    expect(uris(fromInside).length).toBeGreaterThan(0);
    expect(uris(fromInside).every((uri) => uri.startsWith(`${app}/`))).toBe(true);
    expect(uris(fromElsewhere)).toEqual(uris(fromInside));
    expect(uris(withPath)).toEqual(uris(fromInside));
    expect(withPath.results.map((r) => r.partialFingerprints)).toEqual(fromInside.results.map((r) => r.partialFingerprints));
  });

  it('a missing declaration key points at its parent key\'s line; a missing top-level key at line 1 of the declaration', () => {
    const run = sarifFrom(dir, ['repo', '--path', app]);
    const lines = fs.readFileSync(path.join(repo, app, 'dpg.yml'), 'utf8').split('\n');
    const privacyLine = lines.indexOf('privacy:') + 1;
    expect(privacyLine).toBeGreaterThan(1);
    const laws = run.results.find((r) => r.ruleId === 'dpg-7-01');
    expect(laws?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: `${app}/dpg.yml`, uriBaseId: '%SRCROOT%' }, region: { startLine: privacyLine } });
    const respondent = run.results.find((r) => r.ruleId === 'dpg-7-02');
    expect(respondent?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: `${app}/dpg.yml`, uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });

    // From the report alone (a saved report whose tree is gone): the parent's line from the report's own evidence.
    const alone = buildReport([
      finding('7', 'gap', { ruleId: 'dpg-7-01', evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'privacy.laws' }] }),
      finding('7', 'pass', { ruleId: 'dpg-7-03', evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'privacy', line: 40, column: 1 }] }),
      finding('3', 'gap', { ruleId: 'dpg-3-02', evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'owner.evidence[0].url' }] }),
    ]);
    const placed = runOf(renderSarif(alone));
    expect(placed.results.map((r) => r.locations[0]?.physicalLocation.region?.startLine)).toEqual([40, 1]);
  });

  it('candidate-wide findings are attached to the declaration file, or to the README without a declaration, never to a folder', async () => {
    const everywhere = [...uris(sarifFrom(dir, ['repo', '--path', app])), ...uris(runOf((await cli(['fixtures/candidates/no-declaration', '--format', 'sarif', '--sarif-all'])).stdout))];
    expect(everywhere.filter((uri) => uri.endsWith('/'))).toEqual([]);
    const run = runOf((await cli(['fixtures/candidates/no-declaration', '--format', 'sarif'])).stdout);
    const sdgs = run.results.find((r) => r.ruleId === 'dpg-1-01');
    expect(sdgs?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'fixtures/candidates/no-declaration/README.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
    // No declaration and no README in the evidence: where the declaration would go.
    const bare = runOf(renderSarif(buildReport([finding('1', 'gap')], { candidate: { ...buildReport([]).candidate, declaration: { path: null, valid: false } } })));
    expect(bare.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('dpg.yml');
  }, 30_000);
});
