/**
 * `dpg-check --explain <ruleId|indicator>`: traces one verdict back to what
 * produced it. For an indicator: the precedence rule that turns findings into
 * its verdict, which findings decided it, then each rule. For a rule: what it
 * looked at (the files it reads, the declaration), what it found (each
 * outcome with its evidence), and why that status.
 *
 * It reads the finished report and rule metadata only, like a reporter: the
 * explanation can never disagree with the report it explains.
 */
import { INDICATOR_IDS, INDICATOR_TITLES, type Finding, type IndicatorId, type Report, type Status } from './model.js';
import type { Rule } from './rule-api.js';
import { formatEvidence, sanitize } from './reporters/text.js';
import { currentRuleName } from './engine/rule-names.js';
import { STATUS_LABELS, describeCounts, describeRule, findingsByRule, findingsOfIndicator, ruleStatus, type RuleDescriptor } from './reporters/common.js';

export class ExplainError extends Error {}

/** The metadata of rules, as plain data for reporters and explanations. */
export function describeRules(rules: readonly Rule[]): RuleDescriptor[] {
  return rules.map(({ meta }) => ({
    id: meta.id,
    alias: meta.alias,
    indicator: meta.indicator,
    title: meta.title,
    motivation: meta.motivation,
    remediation: meta.remediation,
    docsUrl: meta.docsUrl,
    reads: meta.reads ?? [],
    appliesTo: meta.appliesTo,
  }));
}

const PRECEDENCE = 'any fail → FAIL; else any error → ERROR; else any gap → GAP; else any pass → PASS; else N/A';

/** Why a single outcome has its status, in words a product owner can act on. */
const WHY: Readonly<Record<Status, string>> = {
  pass: 'the evidence listed meets the requirement.',
  fail: 'the evidence listed shows a problem the standard does not allow; the message says which.',
  gap: 'the rule could not find or could not verify the evidence (a gap is never counted as a fail); the message names what to add or answer.',
  'n/a': 'the requirement does not apply to the candidate\'s solution types.',
  error: 'the rule itself could not run; this says nothing about the candidate.',
};

/** What an empty evidence list means, by status. */
const NO_EVIDENCE: Readonly<Record<Status, string>> = {
  pass: ' listed',
  fail: ' listed',
  gap: ' (what the rule looked for is not there)',
  'n/a': ' needed (the rule does not apply)',
  error: ' (the rule did not finish)',
};

function word(status: Status): string {
  return STATUS_LABELS[status]?.word ?? String(status).toUpperCase();
}

function explainRule(rule: RuleDescriptor, findings: readonly Finding[], report: Report): string[] {
  const alias = rule.alias ? ` (${rule.alias})` : '';
  const lines = [`Rule ${rule.id}${alias}: ${sanitize(rule.title)}`];
  if (findings.length === 0) {
    const off = report.ignored?.find((entry) => currentRuleName(entry.ruleId ?? '') === rule.id || (rule.alias !== undefined && entry.ruleId === rule.alias));
    lines.push(`  Did not run: ${off ? `turned off (${sanitize(off.reason)})` : 'not selected for this check'}. It adds nothing to indicator ${rule.indicator}.`);
    return lines;
  }
  const status = ruleStatus(findings);
  lines.push(`  Status:      ${word(status)}${findings.length > 1 ? ` (the most serious of its ${findings.length} outcomes: ${describeCounts(findings)})` : ''}`);
  const reads = rule.reads === undefined ? 'unknown (a rule not built in)' : rule.reads.length > 0 ? `the declaration and files matching ${rule.reads.join(', ')}` : 'the declaration only';
  lines.push(`  Looked at:   ${reads}`);
  if (rule.appliesTo !== undefined) {
    lines.push(`  Applies to:  ${rule.appliesTo === 'all' ? 'every solution type' : rule.appliesTo.join(', ')} (the candidate is ${report.candidate.types.join(', ') || 'untyped'})`);
  }
  for (const [index, finding] of findings.entries()) {
    lines.push('', `  Outcome ${index + 1}: ${word(finding.status)}${finding.messageId ? ` (message ${finding.messageId})` : ''}`);
    lines.push(`    Found:     ${sanitize(finding.message)}`);
    if (finding.evidence.length === 0) lines.push(`    Evidence:  none${NO_EVIDENCE[finding.status] ?? ''}`);
    for (const [n, evidence] of finding.evidence.entries()) lines.push(`    ${n === 0 ? 'Evidence:  ' : '           '}${formatEvidence(evidence, true)}`);
    lines.push(`    Why ${word(finding.status)}: ${WHY[finding.status] ?? ''}`);
    if (finding.remediation && finding.status !== 'pass' && finding.status !== 'n/a') lines.push(`    What to do: ${sanitize(finding.remediation)}`);
  }
  if (rule.docsUrl) lines.push('', `  Standard:    ${sanitize(rule.docsUrl)}`);
  return lines;
}

function explainIndicator(id: IndicatorId, report: Report, catalogue: readonly RuleDescriptor[]): string[] {
  const indicator = report.indicators.find((i) => i.id === id);
  const title = indicator?.title ?? INDICATOR_TITLES[id];
  const verdict: Status = indicator?.verdict ?? 'n/a';
  const findings = findingsOfIndicator(report, id);
  const byRule = findingsByRule(findings);
  const lines = [`Indicator ${id} — ${sanitize(title)}: ${word(verdict)}`, ''];
  lines.push(`Why ${word(verdict)}: an indicator's verdict is the most serious status among its findings (${PRECEDENCE}).`);
  if (findings.length === 0) {
    lines.push('No rule reported on this indicator, so its verdict is N/A.');
  } else {
    const deciding = findings.filter((f) => f.status === verdict);
    const decidingRules = [...new Set(deciding.map((f) => f.ruleId))];
    lines.push(`${byRule.size} rule${byRule.size === 1 ? '' : 's'} reported ${findings.length} finding${findings.length === 1 ? '' : 's'} (${describeCounts(findings)}); ${deciding.length === 1 ? 'the deciding one comes' : `the ${deciding.length} deciding ones come`} from ${decidingRules.join(', ')}.`);
  }
  lines.push(`Candidate: ${sanitize(report.candidate.name)} (${report.candidate.types.join(', ') || 'untyped'}), declaration ${report.candidate.declaration.path === null ? 'none' : sanitize(report.candidate.declaration.path)}.`);
  if (id === '2') {
    lines.push('Licences identified:');
    if (report.licenses.length === 0) lines.push('  none');
    for (const license of report.licenses) {
      lines.push(`  ${sanitize(license.spdx)} in ${sanitize(license.path)}${license.line !== undefined ? `:${license.line}` : ''} (${license.method}, confidence ${license.confidence.toFixed(2)})`);
    }
  }
  const ruleIds = [...byRule.keys()];
  // Rules of this indicator that did not report (turned off in the config) are listed too: they explain an absence.
  for (const rule of catalogue) if (rule.indicator === id && !byRule.has(rule.id)) ruleIds.push(rule.id);
  for (const ruleId of ruleIds) {
    const ruleFindings = byRule.get(ruleId) ?? [];
    lines.push('', ...explainRule(describeRule(ruleId, ruleFindings, catalogue), ruleFindings, report));
  }
  return lines;
}

/**
 * The explanation of one indicator (`2`, `9a`) or rule (id or alias) in a
 * finished report. Throws `ExplainError` when the report knows neither.
 */
export function explain(report: Report, subject: string, catalogue: readonly RuleDescriptor[] = []): string {
  const wanted = subject.trim();
  const indicator = INDICATOR_IDS.find((id) => id === wanted.toLowerCase().replace(/^indicator\s*/, ''));
  let lines: string[];
  if (indicator) {
    lines = explainIndicator(indicator, report, catalogue);
  } else {
    // A former id (`dpg-2-91`, deprecated) names the rule it became.
    const current = currentRuleName(wanted);
    const fromFindings = report.findings.find((f) => f.ruleId === current || f.ruleAlias === wanted);
    const fromCatalogue = catalogue.find((r) => r.id === current || r.alias === wanted);
    const ruleId = fromFindings?.ruleId ?? fromCatalogue?.id;
    if (!ruleId) {
      throw new ExplainError(`--explain: unknown rule or indicator "${sanitize(wanted)}" (indicators: ${INDICATOR_IDS.join(', ')}; rules: see \`dpg-check rules\`)`);
    }
    const findings = report.findings.filter((f) => f.ruleId === ruleId);
    const rule = describeRule(ruleId, findings, catalogue);
    const verdict = report.indicators.find((i) => i.id === rule.indicator)?.verdict ?? 'n/a';
    lines = [
      ...explainRule(rule, findings, report),
      '',
      `It counts towards indicator ${rule.indicator} (${INDICATOR_TITLES[rule.indicator] ?? ''}), whose verdict is ${word(verdict)}: \`dpg-check --explain ${rule.indicator}\` shows every rule behind it.`,
    ];
  }
  return `${lines.join('\n')}\n`;
}
