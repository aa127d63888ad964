/**
 * The JUnit XML reporter, for CI dashboards (Jenkins, GitLab, Azure, test
 * report actions). One `<testsuite>` per indicator (all eleven, in order), one
 * `<testcase>` per rule that reported. A rule's outcomes roll up to one status
 * by the same precedence as indicator verdicts:
 *
 * | rule status | test case |
 * |---|---|
 * | fail | `<failure type="fail">` |
 * | error | `<error>` (the rule could not run) |
 * | gap | `<failure type="gap">` with `--fail-on gap`, else `<skipped>` |
 * | n/a | `<skipped>` |
 * | pass | passed |
 *
 * The failure body lists every outcome of the rule with its evidence and what
 * to do, so a dashboard shows the whole story. With `--baseline`, each outcome
 * says whether it is new or unchanged, and the suite name carries the counts.
 */
import { exceedsFailOn, type FailOn, type Finding, type Report } from '../model.js';
import { formatEvidence } from './text.js';
import { baselineCountsText, baselineWord } from './baseline.js';
import { STATUS_LABELS, describeRule, findingsByRule, findingsOfIndicator, ruleStatus, type RuleDescriptor } from './common.js';

export interface JunitOptions {
  /** Decides whether gaps are failures or skipped tests (`--fail-on`, default `fail`). */
  failOn?: FailOn;
  rules?: readonly RuleDescriptor[];
}

/**
 * Text safe in XML 1.0 content and attributes: markup characters escaped, and
 * characters XML 1.0 cannot hold at all (most control characters, lone
 * surrogates, U+FFFE/U+FFFF) shown as visible `\uXXXX` escapes instead.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values also keep their line breaks (a parser would normalise them to spaces). */
function attr(text: string): string {
  return escapeXml(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

interface CaseCounts { tests: number; failures: number; errors: number; skipped: number }

type CaseKind = 'passed' | 'failure' | 'error' | 'skipped';

function caseKind(findings: readonly Finding[], failOn: FailOn): CaseKind {
  const status = ruleStatus(findings);
  // Advice never fails a build: a skipped case when it asks for something, passed otherwise.
  if (findings.some((f) => f.level === 'advice')) return status === 'pass' || status === 'n/a' ? (status === 'pass' ? 'passed' : 'skipped') : 'skipped';
  if (status === 'error') return 'error';
  if (status === 'fail') return 'failure';
  if (status === 'gap') return exceedsFailOn('gap', failOn) ? 'failure' : 'skipped';
  if (status === 'n/a') return 'skipped';
  return 'passed';
}

function findingText(finding: Finding): string {
  const state = baselineWord(finding);
  const lines = [`${STATUS_LABELS[finding.status].word}${state ? ` (${state})` : ''}: ${finding.message}`];
  for (const evidence of finding.evidence) lines.push(`  evidence: ${formatEvidence(evidence, true)}`);
  if (finding.remediation && finding.status !== 'pass' && finding.status !== 'n/a') lines.push(`  what to do: ${finding.remediation}`);
  if (finding.docsUrl && finding.status !== 'pass' && finding.status !== 'n/a') lines.push(`  standard: ${finding.docsUrl}`);
  return lines.join('\n');
}

function testCase(ruleId: string, findings: readonly Finding[], options: JunitOptions, indent: string): { xml: string; kind: CaseKind } {
  const failOn = options.failOn ?? 'fail';
  const rule = describeRule(ruleId, findings, options.rules);
  const kind = caseKind(findings, failOn);
  const name = `${ruleId}${rule.alias ? ` (${rule.alias})` : ''}: ${rule.title}`;
  const open = `${indent}<testcase classname="dpg.indicator-${attr(rule.indicator)}" name="${attr(name)}"`;
  const body = findings.map(findingText).join('\n');
  // The outcomes that decided the case come first in its message; the body has them all.
  const deciding = findings.filter((f) => (kind === 'error' ? f.status === 'error' : kind === 'failure' ? f.status === 'fail' || f.status === 'gap' : true));
  const message = deciding.map((f) => f.message).join(' | ');
  const inner = `${indent}  `;
  switch (kind) {
    case 'passed':
      return { kind, xml: `${open}>\n${inner}<system-out>${escapeXml(body)}</system-out>\n${indent}</testcase>` };
    case 'failure': {
      const type = ruleStatus(findings) === 'fail' ? 'fail' : 'gap';
      return { kind, xml: `${open}>\n${inner}<failure type="${type}" message="${attr(message)}">${escapeXml(body)}</failure>\n${indent}</testcase>` };
    }
    case 'error':
      return { kind, xml: `${open}>\n${inner}<error type="error" message="${attr(message)}">${escapeXml(body)}</error>\n${indent}</testcase>` };
    case 'skipped':
      return { kind, xml: `${open}>\n${inner}<skipped message="${attr(`${ruleStatus(findings)}: ${message}`)}"/>\n${inner}<system-out>${escapeXml(body)}</system-out>\n${indent}</testcase>` };
  }
}

function add(total: CaseCounts, kind: CaseKind): void {
  total.tests += 1;
  if (kind === 'failure') total.failures += 1;
  if (kind === 'error') total.errors += 1;
  if (kind === 'skipped') total.skipped += 1;
}

function countAttributes(counts: CaseCounts): string {
  return `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"`;
}

export function renderJunit(report: Report, options: JunitOptions = {}): string {
  const total: CaseCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: string[] = [];
  const ids = [...report.indicators.map((i) => i.id as string)];
  // Findings of an indicator missing from the list (a newer engine) still get a suite.
  for (const finding of report.findings) if (!ids.includes(finding.indicator)) ids.push(finding.indicator);
  for (const id of ids) {
    const indicator = report.indicators.find((i) => i.id === id);
    const counts: CaseCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const cases: string[] = [];
    for (const [ruleId, findings] of findingsByRule(findingsOfIndicator(report, id))) {
      const { xml, kind } = testCase(ruleId, findings, options, '    ');
      cases.push(xml);
      add(counts, kind);
      add(total, kind);
    }
    const title = indicator ? `${id} ${indicator.title}` : id;
    const verdict = indicator ? `\n    <properties>\n      <property name="verdict" value="${attr(indicator.verdict)}"/>\n    </properties>` : '';
    suites.push(`  <testsuite name="${attr(`Indicator ${title}`)}" id="${attr(id)}" ${countAttributes(counts)}>${verdict}${cases.length > 0 ? `\n${cases.join('\n')}` : ''}\n  </testsuite>`);
  }
  const adviceCounts: CaseCounts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const adviceCases: string[] = [];
  for (const [ruleId, findings] of findingsByRule(report.findings.filter((f) => f.level === 'advice'))) {
    const { xml, kind } = testCase(ruleId, findings, options, '    ');
    adviceCases.push(xml);
    add(adviceCounts, kind);
    add(total, kind);
  }
  if (adviceCases.length > 0) {
    suites.push(`  <testsuite name="Advice (good practice the DPG Standard does not require; never changes a verdict)" id="advice" ${countAttributes(adviceCounts)}>\n${adviceCases.join('\n')}\n  </testsuite>`);
  }
  const baseline = report.baseline ? `; baseline ${report.baseline.path}: ${baselineCountsText(report) ?? ''}` : '';
  const name = `dpg-check: ${report.candidate.name} (DPG Standard ${report.standard.version}) — ${report.verdict.toUpperCase()}${baseline}`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${attr(name)}" ${countAttributes(total)}>\n${suites.join('\n')}\n</testsuites>\n`;
}
