/**
 * SARIF 2.1.0: every fixture's output (with and without --sarif-all) and a
 * hostile report validate against the official schema
 * (fixtures/sarif/sarif-schema-2.1.0.json, a copy of the OASIS errata01
 * schema); levels, rules and locations follow the documented mapping.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { renderSarif } from '../src/reporters/sarif.js';
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

interface SarifResult { ruleId: string; ruleIndex: number; level: string; kind?: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number; startColumn?: number } } }[]; relatedLocations?: unknown[] }
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

  it('locations: file and line where evidence has them, related locations for the rest, the root folder otherwise', () => {
    const run = runOf(renderSarif(mixedReport()));
    const licence = run.results.find((r) => r.ruleId === 'dpg-2-02');
    expect(licence?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'dpg.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 5 } });
    expect(licence?.relatedLocations).toEqual([{ id: 1, physicalLocation: { artifactLocation: { uri: 'LICENSE', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } }]);
    const repositoryLevel = run.results.find((r) => r.ruleId === 'dpg-9a-01');
    expect(repositoryLevel?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: './', uriBaseId: '%SRCROOT%' } });
    const prefixed = runOf(renderSarif(mixedReport(), { pathPrefix: 'services/api/' }));
    expect(prefixed.results.find((r) => r.ruleId === 'dpg-9a-02')?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('services/api/src/config/secrets.ts');
    expect(prefixed.results.find((r) => r.ruleId === 'dpg-9a-01')?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('services/api/');
  });

  it('the CLI writes SARIF with --format sarif, honours --sarif-all, and prefixes paths relative to the working directory', async () => {
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
