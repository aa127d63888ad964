/**
 * JUnit XML: parses as XML (fast-xml-parser's validator and parser), one
 * suite per indicator, one test case per rule, and the counts match the
 * findings: fail → failure, error → error, gap → failure or skipped as
 * --fail-on says, n/a → skipped.
 */
import { describe, it, expect } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { INDICATOR_IDS, aggregate, type FailOn, type Finding, type Report } from '../src/model.js';
import { escapeXml, renderJunit } from '../src/reporters/junit.js';
import { describeRules } from '../src/explain.js';
import { builtInRules } from '../rules/index.js';
import { CheckError } from '../src/engine/check.js';
import { findingsByRule, ruleStatus } from '../src/reporters/common.js';
import { cli, fixtureNames, fixtureReport, HOSTILE, hostileReport, mixedReport } from './reporters-support.js';

interface Case { '@_name': string; '@_classname': string; failure?: { '@_type': string; '@_message': string; '#text'?: string }; error?: unknown; skipped?: unknown; 'system-out'?: string }
interface Suite { '@_name': string; '@_id': string; '@_tests': string; '@_failures': string; '@_errors': string; '@_skipped': string; testcase?: Case[] }
interface Parsed { testsuites: { '@_tests': string; '@_failures': string; '@_errors': string; '@_skipped': string; testsuite: Suite[] } }

function parseJunit(xml: string): Parsed {
  const valid = XMLValidator.validate(xml);
  expect(valid, JSON.stringify(valid)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => name === 'testsuite' || name === 'testcase', processEntities: true }).parse(xml) as Parsed;
}

/** What the counts must be, computed from the findings independently of the reporter's code path. */
function expectedCounts(report: Report, failOn: FailOn): { tests: number; failures: number; errors: number; skipped: number } {
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const findings of findingsByRule(report.findings).values()) {
    counts.tests += 1;
    const statuses = new Set(findings.map((f) => f.status));
    if (findings.some((f) => f.level === 'advice')) { if (aggregate(statuses) !== 'pass') counts.skipped += 1; continue; }
    if (statuses.has('fail')) counts.failures += 1;
    else if (statuses.has('error')) counts.errors += 1;
    else if (statuses.has('gap')) counts[failOn === 'gap' ? 'failures' : 'skipped'] += 1;
    else if (!statuses.has('pass')) counts.skipped += 1;
  }
  return counts;
}

function totals(parsed: Parsed): { tests: number; failures: number; errors: number; skipped: number } {
  const root = parsed.testsuites;
  return { tests: Number(root['@_tests']), failures: Number(root['@_failures']), errors: Number(root['@_errors']), skipped: Number(root['@_skipped']) };
}

describe('JUnit reporter', () => {
  for (const name of fixtureNames()) {
    it(`${name}: parses as XML and its counts match the findings`, async () => {
      const report = await fixtureReport(name);
      if (report instanceof CheckError) {
        expect(report.message).toMatch(/declaration/);
        return;
      }
      for (const failOn of ['fail', 'gap'] as const) {
        const parsed = parseJunit(renderJunit(report, { failOn, rules: describeRules(builtInRules) }));
        expect(totals(parsed), `${name} --fail-on ${failOn}`).toEqual(expectedCounts(report, failOn));
        const suites = parsed.testsuites.testsuite;
        const hasAdvice = report.findings.some((f) => f.level === 'advice');
        expect(suites.map((s) => s['@_id'])).toEqual([...INDICATOR_IDS, ...(hasAdvice ? ['advice'] : [])]);
        // Suite counts add up to the totals, and each suite holds the rules of its indicator.
        expect(suites.reduce((sum, s) => sum + Number(s['@_tests']), 0)).toBe(findingsByRule(report.findings).size);
        for (const suite of suites) {
          const mine = suite['@_id'] === 'advice' ? (f: Finding) => f.level === 'advice' : (f: Finding) => f.indicator === suite['@_id'] && f.level !== 'advice';
          const rules = [...findingsByRule(report.findings.filter(mine)).keys()];
          expect((suite.testcase ?? []).map((c) => c['@_name'].split(' ')[0])).toEqual(rules);
        }
      }
    });
  }

  it('maps each rule status to a test outcome, with the whole story in the body', () => {
    const report = mixedReport();
    const parsed = parseJunit(renderJunit(report, { failOn: 'fail' }));
    const cases = parsed.testsuites.testsuite.flatMap((s) => s.testcase ?? []);
    const byRule = (id: string): Case | undefined => cases.find((c) => c['@_name'].startsWith(`${id} `));
    const licence = byRule('dpg-2-02');
    // The rule passed once and failed once: it fails, and the body lists both outcomes with evidence.
    expect(ruleStatus(report.findings.filter((f) => f.ruleId === 'dpg-2-02'))).toBe('fail');
    expect(licence?.failure?.['@_type']).toBe('fail');
    expect(licence?.failure?.['@_message']).toBe('CC-BY-ND-4.0 is not an approved licence for content (`licenses[0]`).');
    expect(licence?.failure?.['#text']).toContain('evidence: dpg.yml:12:5 licenses[0].spdx');
    expect(licence?.failure?.['#text']).toContain('PASS: MIT is approved for software.');
    expect(licence?.failure?.['#text']).toContain('what to do: Fix indicator 2.');
    expect(byRule('pack/example-8')?.error).toBeDefined();
    expect(byRule('pack/example-3')?.skipped).toBeDefined();
    expect(byRule('pack/example-9b')?.skipped).toBeDefined();
    expect(byRule('pack/example-1')?.failure).toBeUndefined();
    expect(byRule('pack/example-1')?.['system-out']).toContain('PASS');
    const strict = parseJunit(renderJunit(report, { failOn: 'gap' }));
    const gap = strict.testsuites.testsuite.flatMap((s) => s.testcase ?? []).find((c) => c['@_name'].startsWith('pack/example-3 '));
    expect(gap?.failure?.['@_type']).toBe('gap');
    expect(totals(strict)).toEqual({ tests: 9, failures: 4, errors: 1, skipped: 1 });
    expect(totals(parsed)).toEqual({ tests: 9, failures: 1, errors: 1, skipped: 4 });
  });

  it('hostile strings stay text: the document still parses and round-trips them', () => {
    const xml = renderJunit(hostileReport());
    const parsed = parseJunit(xml);
    expect(parsed.testsuites['@_name' as keyof Parsed['testsuites']]).toContain(HOSTILE.name);
    const failure = parsed.testsuites.testsuite.flatMap((s) => s.testcase ?? []).find((c) => c.failure)?.failure;
    expect(failure?.['@_message']).toContain('<iframe src="https://evil.example/"></iframe> ]]>');
    // Characters XML 1.0 cannot hold become visible escapes instead of breaking the file.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(escapeXml('a\u0000b\ud800c')).toBe('a\\u0000b\\ud800c');
    expect(escapeXml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });

  it('the CLI renders it with --format junit and --fail-on decides what a gap is', async () => {
    const lenient = await cli(['fixtures/candidates/no-declaration', '--format', 'junit']);
    const strict = await cli(['fixtures/candidates/no-declaration', '--format', 'junit', '--fail-on', 'gap']);
    expect(lenient.code).toBe(0);
    expect(strict.code).toBe(1);
    const a = totals(parseJunit(lenient.stdout));
    const b = totals(parseJunit(strict.stdout));
    expect(a.failures).toBe(0);
    expect(b.failures).toBeGreaterThan(0);
    expect(b.failures).toBe(a.skipped - (b.skipped));
  });
});
