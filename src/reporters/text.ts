/**
 * The text reporter: what a person reads in a terminal. Grouped by indicator,
 * verdict first; each finding with its evidence and, for fails and gaps, what
 * to do next. Colour is decided by the caller (TTY, NO_COLOR, --no-color) and
 * only ever doubles a word that is printed anyway, so nothing depends on it.
 */
import { configSection } from './config-trust.js';
import { Chalk, type ChalkInstance } from 'chalk';
import { INDICATOR_IDS, STATUSES, decisive, type Evidence, type Finding, type IndicatorId, type Report, type Status } from '../model.js';

export interface TextOptions {
  color: boolean;
  /** Only indicators that fail, have gaps or errors, and only their fail/gap/error findings. */
  quiet?: boolean;
  /** Also excerpts, message ids, aliases, identified licences and ignored rules. */
  verbose?: boolean;
}

const VERDICT_WIDTH = Math.max(...STATUSES.map((s) => s.length));
const ID_WIDTH = Math.max(...INDICATOR_IDS.map((id) => id.length));
const EXCERPT_MAX = 120;

/**
 * Text from the scanned candidate (file names, excerpts, declared answers)
 * reaches the terminal through this report. Control characters could move
 * the cursor, recolour or hide lines, and bidirectional overrides could make a
 * line read differently from what it contains; show them as visible escapes.
 * Line breaks become spaces so one item stays on one line.
 */
export function sanitize(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => {
    if (char === '\n' || char === '\r' || char === '\t') return ' ';
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function palette(color: boolean): { chalk: ChalkInstance; status: (status: Status, text: string) => string } {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const styles: Readonly<Record<Status, (text: string) => string>> = {
    pass: chalk.green,
    fail: chalk.red,
    gap: chalk.yellow,
    'n/a': chalk.dim,
    error: chalk.magenta,
  };
  return { chalk, status: (status, text) => styles[status](text) };
}

/** Upper-case, fixed width, coloured; the padding stays outside the colour codes. */
function verdictWord(status: Status, paint: (status: Status, text: string) => string): string {
  const word = status.toUpperCase();
  return paint(status, word) + ' '.repeat(VERDICT_WIDTH - word.length);
}

function location(path: string, line?: number, column?: number): string {
  let where = sanitize(path);
  if (line !== undefined) where += `:${line}`;
  if (line !== undefined && column !== undefined) where += `:${column}`;
  return where;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One evidence item as one line: `file:line`, `dpg.yml:12 licenses[0].spdx`, a URL, host metadata or a note. */
export function formatEvidence(evidence: Evidence, verbose = false): string {
  switch (evidence.kind) {
    case 'file': {
      const where = location(evidence.path, evidence.line, evidence.column);
      const excerpt = verbose && evidence.excerpt ? `  "${truncate(sanitize(evidence.excerpt.trim()), EXCERPT_MAX)}"` : '';
      return where + excerpt;
    }
    case 'declaration':
      return `${location(evidence.path, evidence.line, evidence.column)} ${sanitize(evidence.key)}`;
    case 'url':
      return sanitize(evidence.url);
    case 'host':
      return `host ${sanitize(evidence.key)}${evidence.value !== undefined ? ` = ${sanitize(evidence.value)}` : ''}`;
    case 'note':
      return sanitize(evidence.text);
    default: {
      // A kind this reporter does not know yet (a newer engine): show it rather than fail.
      const unknown = evidence as { kind?: unknown };
      return sanitize(`(${String(unknown.kind)}) ${JSON.stringify(evidence)}`);
    }
  }
}

function countByStatus(findings: readonly Finding[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const finding of findings) if (finding.status in counts) counts[finding.status] += 1;
  return counts;
}

function formatMs(ms: number): string {
  return ms >= 10 ? `${Math.round(ms)} ms` : `${Math.round(ms * 10) / 10} ms`;
}

function renderHeader(report: Report, chalk: ChalkInstance, verbose: boolean): string[] {
  const { candidate } = report;
  const lines = [chalk.bold(`${sanitize(candidate.name)}`) + ` (${candidate.types.join(', ')})`];
  if (candidate.sources.length === 0) lines.push('  source       none');
  for (const source of candidate.sources) {
    const revision = source.revision ? ` @ ${sanitize(source.revision)}` : '';
    lines.push(`  source       ${source.kind} ${sanitize(source.location)}${revision}`);
  }
  const { declaration } = candidate;
  if (declaration.path === null) {
    lines.push('  declaration  no declaration');
  } else {
    const state = declaration.valid ? 'valid' : chalk.red('invalid');
    lines.push(`  declaration  ${sanitize(declaration.path)} (${state})`);
  }
  // Declaration errors explain many gaps below, so they are shown whatever the verbosity.
  for (const error of declaration.errors ?? []) lines.push(`    ${sanitize(error)}`);
  const tool = verbose ? `, ${report.tool.name} ${report.tool.version}` : '';
  lines.push(`  standard     ${report.standard.name} ${report.standard.version}${tool}`);
  return lines;
}

function renderFinding(finding: Finding, options: Required<TextOptions>, chalk: ChalkInstance, paint: (status: Status, text: string) => string): string[] {
  const ids = [finding.ruleId, ...(options.verbose && finding.ruleAlias ? [finding.ruleAlias] : []), ...(options.verbose && finding.messageId ? [finding.messageId] : [])];
  const lines = [`  ${verdictWord(finding.status, paint)} ${sanitize(finding.message)}  ${chalk.dim(sanitize(ids.join(' · ')))}`];
  const detailIndent = ' '.repeat(2 + VERDICT_WIDTH + 1);
  for (const evidence of finding.evidence) lines.push(detailIndent + formatEvidence(evidence, options.verbose));
  if (finding.status === 'fail' || finding.status === 'gap') {
    if (finding.remediation) lines.push(`${detailIndent}→ ${sanitize(finding.remediation)}`);
    if (finding.docsUrl) lines.push(`${detailIndent}  ${chalk.underline(sanitize(finding.docsUrl))}`);
  }
  return lines;
}

function showIndicator(verdict: Status, quiet: boolean): boolean {
  return !quiet || verdict === 'fail' || verdict === 'gap' || verdict === 'error';
}

function showFinding(status: Status, quiet: boolean): boolean {
  return !quiet || (status !== 'pass' && status !== 'n/a');
}

/** Findings grouped by indicator in report order; findings of an indicator missing from `indicators` are still shown. */
function groupFindings(report: Report): Map<IndicatorId, Finding[]> {
  const groups = new Map<IndicatorId, Finding[]>();
  for (const finding of decisive(report.findings)) {
    const group = groups.get(finding.indicator) ?? [];
    group.push(finding);
    groups.set(finding.indicator, group);
  }
  return groups;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function summaryLine(report: Report): string {
  const requirements = decisive(report.findings);
  const counts = countByStatus(requirements);
  const byStatus = STATUSES.map((s) => `${counts[s]} ${s}`).join(', ');
  const advice = report.findings.length - requirements.length;
  const { timings } = report;
  const files = `checked ${plural(timings.files, 'file')} in ${formatMs(timings.totalMs)}`;
  const extras = [
    report.ignored?.length ? plural(report.ignored.length, 'item') + ' ignored by configuration' : '',
    report.warnings?.length ? plural(report.warnings.length, 'warning') : '',
  ].filter(Boolean);
  const adviceNote = advice > 0 ? ` (+ ${advice} advice)` : '';
  return `${plural(requirements.length, 'finding')}: ${byStatus}${adviceNote}${extras.map((e) => `; ${e}`).join('')} — ${files}`;
}

export function renderText(report: Report, options: TextOptions): string {
  const settings: Required<TextOptions> = { color: options.color, quiet: options.quiet ?? false, verbose: options.verbose ?? false };
  const { chalk, status: paint } = palette(settings.color);
  const lines: string[] = [];

  if (!settings.quiet) lines.push(...renderHeader(report, chalk, settings.verbose), '');
  const verdict = `${chalk.bold('Verdict')} ${paint(report.verdict, report.verdict.toUpperCase())}`;
  // Quiet output has no header, so the verdict line names the candidate (useful in CI logs of several checks).
  lines.push(settings.quiet ? `${verdict}  ${sanitize(report.candidate.name)}` : verdict, '');

  const groups = groupFindings(report);
  const listed = new Set<string>();
  for (const indicator of report.indicators) {
    listed.add(indicator.id);
    if (!showIndicator(indicator.verdict, settings.quiet)) continue;
    lines.push(`${verdictWord(indicator.verdict, paint)} ${indicator.id.padEnd(ID_WIDTH)} ${chalk.bold(sanitize(indicator.title))}`);
    // Not-applicable findings explain an n/a indicator; elsewhere they are noise unless asked for (--verbose).
    let hidden = 0;
    for (const finding of groups.get(indicator.id) ?? []) {
      if (finding.status === 'n/a' && indicator.verdict !== 'n/a' && !settings.verbose) hidden++;
      else if (showFinding(finding.status, settings.quiet)) lines.push(...renderFinding(finding, settings, chalk, paint));
    }
    if (hidden > 0 && !settings.quiet) lines.push(chalk.dim(`${' '.repeat(VERDICT_WIDTH + 2)}(${plural(hidden, 'rule')} not applicable; --verbose lists them)`));
  }
  // Defensive: findings for an indicator absent from the list would otherwise vanish from the text.
  for (const [id, findings] of groups) {
    if (listed.has(id)) continue;
    lines.push(`${' '.repeat(VERDICT_WIDTH)} ${sanitize(id)} (not in the indicator list)`);
    for (const finding of findings) if (showFinding(finding.status, settings.quiet)) lines.push(...renderFinding(finding, settings, chalk, paint));
  }

  // Advice: good practice the Standard does not demand. Apart, labelled, and never part of a verdict.
  const advice = report.findings.filter((f) => f.level === 'advice' && (settings.verbose || (f.status !== 'pass' && f.status !== 'n/a')));
  if (advice.length > 0 && !settings.quiet) {
    lines.push('', `${chalk.bold('Advice')} ${chalk.dim('(good practice the DPG Standard does not require; never changes a verdict)')}`);
    for (const finding of advice) lines.push(...renderFinding({ ...finding, message: `[${finding.indicator}] ${finding.message}` }, settings, chalk, paint));
  }

  const questionnaire = report.questionnaire;
  if (questionnaire && !settings.quiet) {
    lines.push('', `${chalk.bold('Questionnaire')} ${questionnaire.answered} of ${plural(questionnaire.total, 'application question')} answered`);
    for (const q of questionnaire.unanswered) lines.push(`  ${chalk.dim(`${q.indicator === 'general' ? '-' : q.indicator}`.padEnd(ID_WIDTH))} ${sanitize(q.question)}  ${chalk.dim(sanitize(q.key))}`);
  }

  if (settings.verbose) {
    lines.push('', chalk.bold('Licences identified'));
    if (report.licenses.length === 0) lines.push('  none');
    for (const license of report.licenses) {
      lines.push(`  ${sanitize(license.spdx)}  ${location(license.path, license.line)}  (${license.method}, confidence ${license.confidence.toFixed(2)})`);
    }
    if (report.ignored?.length) {
      lines.push('', chalk.bold('Ignored by configuration'));
      for (const entry of report.ignored) {
        const what = [entry.ruleId ? `rule ${entry.ruleId}` : '', entry.path ? `path ${entry.path}` : ''].filter(Boolean).join(', ');
        lines.push(`  ${sanitize(what)}: ${sanitize(entry.reason)}`);
      }
    }
  }

  // Exemptions and a candidate's refused requests change what a verdict means: shown even when quiet.
  const trust = configSection(report);
  if (trust) lines.push('', chalk.bold(trust.title), ...trust.lines.map((line) => `  ${sanitize(line)}`));

  // Reading problems (symlinks out of the root, read budget) can explain a gap, so they show unless quiet.
  if (!settings.quiet && report.warnings?.length) {
    lines.push('', chalk.bold('Warnings'));
    for (const warning of report.warnings) lines.push(`  ${chalk.yellow('warning')} ${sanitize(warning)}`);
  }

  lines.push('', summaryLine(report));
  if (settings.verbose) {
    lines.push(`snapshot ${formatMs(report.timings.snapshotMs)}, rules ${formatMs(report.timings.rulesMs)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One line per indicator: id, verdict word, title and the finding counts behind
 * the verdict. Plain columns for batch summaries and other reporters to embed.
 */
export function renderIndicatorMatrix(report: Report, options: { color?: boolean } = {}): string {
  const { status: paint } = palette(options.color ?? false);
  const titleWidth = Math.max(...report.indicators.map((i) => i.title.length), 0);
  const groups = groupFindings(report);
  const lines = report.indicators.map((indicator) => {
    const counts = countByStatus(groups.get(indicator.id) ?? []);
    const detail = STATUSES.filter((s) => counts[s] > 0)
      .map((s) => `${counts[s]} ${s}`)
      .join(', ');
    return `${indicator.id.padEnd(ID_WIDTH)} ${verdictWord(indicator.verdict, paint)} ${sanitize(indicator.title).padEnd(titleWidth)}  ${detail || 'no findings'}`.trimEnd();
  });
  return `${lines.join('\n')}\n`;
}
