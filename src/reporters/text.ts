/**
 * The text reporter: what a person reads in a terminal. It leads with what to
 * do: the problems first (fails, then errors, then gaps), grouped by
 * indicator, each finding with its evidence and its one next step (a next step
 * or link repeated by several findings is said once); what passes is folded
 * into one line per indicator; the report closes with the next steps ranked.
 * Lines are wrapped to the width the caller gives (the terminal's). Colour is
 * decided by the caller (TTY, NO_COLOR, --no-color) and only ever doubles a
 * word that is printed anyway, so nothing depends on it.
 */
import { configSection } from './config-trust.js';
import { Chalk, type ChalkInstance } from 'chalk';
import { countByStatus, describeCounts } from './common.js';
import { INDICATOR_IDS, STATUSES, decisive, type Evidence, type Finding, type IndicatorId, type Report, type Status } from '../model.js';

export interface TextOptions {
  color: boolean;
  /** Problems only: the indicators that fail, have gaps or errors, and only their fail/gap/error findings. */
  quiet?: boolean;
  /** Every finding (passes and n/a too), excerpts, message ids, aliases, identified licences and ignored rules. */
  verbose?: boolean;
  /** Columns to wrap lines at (the terminal's width); 80 when absent. */
  width?: number;
}

export const DEFAULT_WIDTH = 80;

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

function formatMs(ms: number): string {
  return ms >= 10 ? `${Math.round(ms)} ms` : `${Math.round(ms * 10) / 10} ms`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------
// Wrapping

/** Our own colour codes; a candidate's escape characters were made visible by `sanitize` and are plain text. */
const ANSI = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/**
 * Lays words out in lines of at most `width` columns: the first line starts
 * with `prefix`, the others with `indent`. A word longer than a line (a URL, a
 * path) is kept whole on a line of its own rather than cut, so it can still be
 * copied.
 */
export function wrapWords(prefix: string, words: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = prefix;
  let empty = true;
  for (const word of words) {
    if (word.trim() === '') continue;
    const candidate = empty ? line + word.replace(/^ +/, '') : `${line} ${word}`;
    if (!empty && visibleLength(candidate) > width) {
      lines.push(line);
      line = indent + word.replace(/^ +/, '');
    } else {
      line = candidate;
    }
    empty = false;
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd());
}

/** Words, each keeping the extra spaces before it (a double space stays double unless the line breaks there). */
function words(text: string): string[] {
  return text.split(/ (?=\S)/);
}

// ---------------------------------------------------------------------------
// What the report is made of

const DETAIL_INDENT = ' '.repeat(2 + VERDICT_WIDTH + 1);
const PROBLEM_RANK: Readonly<Record<Status, number>> = { fail: 0, error: 1, gap: 2, pass: 3, 'n/a': 4 };

function isProblem(status: Status): boolean {
  return status === 'fail' || status === 'gap' || status === 'error';
}

/** Stable sort: most serious first, report order within a status. */
function bySeriousness<T>(items: readonly T[], status: (item: T) => Status): T[] {
  return items.map((item, index) => ({ item, index }))
    .sort((a, b) => (PROBLEM_RANK[status(a.item)] ?? 5) - (PROBLEM_RANK[status(b.item)] ?? 5) || a.index - b.index)
    .map(({ item }) => item);
}

interface Settings {
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  width: number;
}

/** What has been said already, so that repeated next steps and links are said once. */
interface Said {
  remediations: Map<string, string>;
  docs: Set<string>;
}

interface Painters {
  chalk: ChalkInstance;
  paint: (status: Status, text: string) => string;
}

function renderHeader(report: Report, { chalk }: Painters, settings: Settings): string[] {
  const { candidate } = report;
  const wrapped = (label: string, text: string): string[] => wrapWords(`  ${label.padEnd(13)}`, words(text), settings.width, ' '.repeat(15));
  const lines = [chalk.bold(`${sanitize(candidate.name)}`) + ` (${candidate.types.join(', ')})`];
  if (candidate.sources.length === 0) lines.push('  source       none');
  for (const source of candidate.sources) {
    const revision = source.revision ? ` @ ${sanitize(source.revision)}` : '';
    lines.push(...wrapped('source', `${source.kind} ${sanitize(source.location)}${revision}`));
  }
  const { declaration } = candidate;
  if (declaration.path === null) {
    lines.push('  declaration  no declaration');
  } else {
    const state = declaration.valid ? 'valid' : chalk.red('invalid');
    lines.push(...wrapped('declaration', `${sanitize(declaration.path)} (${state})`));
  }
  // Declaration errors explain many gaps below, so they are shown whatever the verbosity.
  for (const error of declaration.errors ?? []) lines.push(...wrapWords('    ', words(sanitize(error)), settings.width, '      '));
  const tool = settings.verbose ? `, ${report.tool.name} ${report.tool.version}` : '';
  lines.push(`  standard     ${report.standard.name} ${report.standard.version}${tool}`);
  return lines;
}

/** `withNextStep` false: the next finding has the same next step, and says it once for both. */
function renderFinding(finding: Finding, settings: Settings, { chalk, paint }: Painters, said: Said, withNextStep = true): string[] {
  const ids = [finding.ruleId, ...(settings.verbose && finding.ruleAlias ? [finding.ruleAlias] : []), ...(settings.verbose && finding.messageId ? [finding.messageId] : [])];
  const lines = wrapWords(`  ${verdictWord(finding.status, paint)} `, [...words(sanitize(finding.message)), ` ${chalk.dim(sanitize(ids.join(' · ')))}`], settings.width, DETAIL_INDENT);
  for (const evidence of finding.evidence) lines.push(...wrapWords(DETAIL_INDENT, words(formatEvidence(evidence, settings.verbose)), settings.width, `${DETAIL_INDENT}  `));
  if (isProblem(finding.status) && withNextStep) {
    if (finding.remediation) {
      const first = said.remediations.get(finding.remediation);
      if (first) lines.push(chalk.dim(`${DETAIL_INDENT}→ the same next step as ${sanitize(first)} above`));
      else lines.push(...wrapWords(`${DETAIL_INDENT}→ `, words(sanitize(finding.remediation)), settings.width, `${DETAIL_INDENT}  `));
      if (!first) said.remediations.set(finding.remediation, finding.ruleId);
    }
    if (finding.docsUrl && !said.docs.has(finding.docsUrl)) {
      lines.push(`${DETAIL_INDENT}  ${chalk.underline(sanitize(finding.docsUrl))}`);
      said.docs.add(finding.docsUrl);
    }
  }
  return lines;
}

function indicatorLine(indicator: { id: string; title: string; verdict: Status }, painters: Painters, settings: Settings, detail = ''): string[] {
  const prefix = `${verdictWord(indicator.verdict, painters.paint)} ${sanitize(indicator.id).padEnd(ID_WIDTH)} `;
  const title = words(sanitize(indicator.title)).map((word) => painters.chalk.bold(word));
  return wrapWords(prefix, detail ? [...title, ` ${painters.chalk.dim(detail)}`] : title, settings.width, ' '.repeat(VERDICT_WIDTH + ID_WIDTH + 2));
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

/** `indicators: 1 fail, 7 with gaps, 3 pass` */
function indicatorTally(report: Report): string {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const indicator of report.indicators) if (indicator.verdict in counts) counts[indicator.verdict] += 1;
  const words: Readonly<Record<Status, string>> = { fail: 'fail', error: 'with errors', gap: 'with gaps', pass: 'pass', 'n/a': 'not applicable' };
  const parts = (['fail', 'error', 'gap', 'pass', 'n/a'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${words[s]}`);
  return parts.length > 0 ? `indicators: ${parts.join(', ')}` : 'no indicators';
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

// ---------------------------------------------------------------------------
// Next steps

interface NextStep {
  text: string;
  status: Status;
  level: Finding['level'];
  indicators: string[];
  ruleIds: string[];
  order: number;
}

/**
 * How much work a next step is, where its wording tells: answering a question
 * of the declaration is the cheapest, adding a file next, and anything else
 * (relicensing, changing code) is not known and comes last. Rules carry no
 * effort of their own, so this reads the imperative the remediation starts with.
 */
function effort(text: string): number {
  if (/^(answer|fill|set|declare|name|list|describe|link|say|state|give)\b/i.test(text)) return 0;
  if (/^(add|create|publish|write)\b/i.test(text)) return 1;
  return 2;
}

/** One step per distinct remediation (or, for a finding without one, its message), most urgent first. */
function nextSteps(findings: readonly Finding[]): NextStep[] {
  const steps = new Map<string, NextStep>();
  for (const finding of findings) {
    if (!isProblem(finding.status)) continue;
    const text = finding.remediation ?? finding.message;
    const step = steps.get(text);
    if (!step) {
      steps.set(text, { text, status: finding.status, level: finding.level, indicators: [finding.indicator], ruleIds: [finding.ruleId], order: steps.size });
      continue;
    }
    if (PROBLEM_RANK[finding.status] < PROBLEM_RANK[step.status]) step.status = finding.status;
    if (finding.level === 'requirement') step.level = 'requirement';
    if (!step.indicators.includes(finding.indicator)) step.indicators.push(finding.indicator);
    if (!step.ruleIds.includes(finding.ruleId)) step.ruleIds.push(finding.ruleId);
  }
  const levelRank = (level: Finding['level']): number => (level === 'advice' ? 1 : 0);
  return [...steps.values()].sort((a, b) => PROBLEM_RANK[a.status] - PROBLEM_RANK[b.status] || levelRank(a.level) - levelRank(b.level) || effort(a.text) - effort(b.text) || a.order - b.order);
}

/** One line per step (the full text is with its finding above): a ranked checklist that fits the width. */
function renderNextSteps(steps: readonly NextStep[], { chalk, paint }: Painters, settings: Settings): string[] {
  const number = String(steps.length).length;
  return [chalk.bold('Next steps'), ...steps.map((step, index) => {
    const where = step.indicators.join(',').padEnd(ID_WIDTH);
    const prefix = `  ${String(index + 1).padStart(number)}. ${verdictWord(step.status, paint)} ${where} `;
    let ids = `  ${step.ruleIds.join(', ')}${step.level === 'advice' ? ' (advice)' : ''}`;
    // On a narrow terminal the step's words matter more than its rule ids (which its finding above shows).
    if (settings.width - visibleLength(prefix) - ids.length < 16) ids = '';
    const room = Math.max(8, settings.width - visibleLength(prefix) - ids.length);
    return `${prefix}${truncate(sanitize(step.text), room)}${chalk.dim(ids)}`;
  })];
}

// ---------------------------------------------------------------------------
// The report

/**
 * Reading order: the candidate; the verdict; the problems (indicators that
 * fail, then error, then have gaps), each finding with its one next step;
 * advice that asks for something; the indicators that pass or do not apply,
 * one line each; the questionnaire questions not asked above; warnings; and
 * a ranked list of next steps. `quiet` keeps the verdict, the problems and
 * the counts; `verbose` lists every finding of every indicator.
 */
export function renderText(report: Report, options: TextOptions): string {
  const settings: Settings = {
    color: options.color, quiet: options.quiet ?? false, verbose: options.verbose ?? false,
    // Below 40 columns wrapping stops helping: every word would sit on its own line.
    width: Math.max(40, Math.floor(options.width ?? DEFAULT_WIDTH)),
  };
  const { chalk, status: paint } = palette(settings.color);
  const ink: Painters = { chalk, paint };
  const said: Said = { remediations: new Map(), docs: new Set() };
  const lines: string[] = [];

  if (!settings.quiet) lines.push(...renderHeader(report, ink, settings), '');
  const verdict = `${chalk.bold('Verdict')} ${paint(report.verdict, report.verdict.toUpperCase())}`;
  // Quiet output has no header, so the verdict line names the candidate (useful in CI logs of several checks).
  const after = settings.quiet ? words(sanitize(report.candidate.name)) : words(indicatorTally(report)).map((word) => chalk.dim(word));
  lines.push(...wrapWords(`${verdict}  `, after, settings.width, '  '), '');

  const groups = groupFindings(report);
  const shown: Finding[] = [];
  const renderAll = (findings: readonly Finding[], label: (finding: Finding) => Finding = (finding) => finding): void => {
    findings.forEach((finding, index) => {
      const next = findings[index + 1];
      const sharesNextStep = next !== undefined && finding.remediation !== undefined && next.remediation === finding.remediation && isProblem(next.status);
      lines.push(...renderFinding(label(finding), settings, ink, said, !sharesNextStep));
      shown.push(finding);
    });
  };

  // Problems first: failing indicators, then errors, then gaps; in each, its problems before anything else.
  const problemIndicators = bySeriousness(report.indicators.filter((i) => isProblem(i.verdict)), (i) => i.verdict);
  for (const indicator of problemIndicators) {
    lines.push(...indicatorLine(indicator, ink, settings));
    const findings = groups.get(indicator.id) ?? [];
    renderAll(bySeriousness(findings.filter((f) => isProblem(f.status)), (f) => f.status));
    const rest = findings.filter((f) => !isProblem(f.status));
    if (settings.verbose) renderAll(rest);
    else if (rest.length > 0 && !settings.quiet) lines.push(...wrapWords(DETAIL_INDENT, words(`(also ${describeCounts(rest)}; --verbose lists them)`).map((w) => chalk.dim(w)), settings.width, `${DETAIL_INDENT} `));
  }
  // Defensive: findings for an indicator absent from the list would otherwise vanish from the text.
  const listed = new Set<string>(report.indicators.map((i) => i.id));
  for (const [id, findings] of groups) {
    if (listed.has(id)) continue;
    const visible = findings.filter((f) => settings.verbose || isProblem(f.status));
    if (visible.length === 0) continue;
    lines.push(`${' '.repeat(VERDICT_WIDTH)} ${sanitize(id)} (not in the indicator list)`);
    renderAll(bySeriousness(visible, (f) => f.status));
  }

  if (!settings.quiet) {
    // Advice: good practice the Standard does not demand. Apart, labelled, and never part of a verdict.
    const advice = report.findings.filter((f) => f.level === 'advice' && (settings.verbose || isProblem(f.status)));
    if (advice.length > 0) {
      if (problemIndicators.length > 0) lines.push('');
      lines.push(...wrapWords(`${chalk.bold('Advice')} `, words('(good practice the DPG Standard does not require; never changes a verdict)').map((w) => chalk.dim(w)), settings.width, '  '));
      renderAll(bySeriousness(advice, (f) => f.status), (finding) => ({ ...finding, message: `[${finding.indicator}] ${finding.message}` }));
    }

    // What needs nothing: one line per indicator, its findings folded into counts (listed with --verbose).
    const settled = report.indicators.filter((i) => !isProblem(i.verdict));
    if (settled.length > 0) {
      lines.push('');
      for (const indicator of settled) {
        const findings = groups.get(indicator.id) ?? [];
        lines.push(...indicatorLine(indicator, ink, settings, settings.verbose ? '' : describeCounts(findings)));
        if (settings.verbose) renderAll(findings);
      }
      if (!settings.verbose) lines.push(...wrapWords(' '.repeat(VERDICT_WIDTH + 1), words('(--verbose lists each finding with its evidence)').map((w) => chalk.dim(w)), settings.width, ' '.repeat(VERDICT_WIDTH + 2)));
    }

    const questionnaire = report.questionnaire;
    if (questionnaire) {
      // An unanswered question a finding above already asks is not asked twice.
      const asked = (key: string): boolean => shown.some((f) => isProblem(f.status) && (f.message.includes(key) || (f.remediation ?? '').includes(key)
        || f.evidence.some((e) => e.kind === 'declaration' && (e.key === key || key.startsWith(`${e.key}.`)))));
      const unasked = questionnaire.unanswered.filter((q) => settings.verbose || !asked(q.key));
      const already = questionnaire.unanswered.length - unasked.length;
      const heading = [...words(`${questionnaire.answered} of ${plural(questionnaire.total, 'application question')} answered`), ...(already > 0 ? words(`(${already} of the unanswered asked above)`).map((w) => chalk.dim(w)) : [])];
      lines.push('', ...wrapWords(`${chalk.bold('Questionnaire')} `, heading, settings.width, '  '));
      for (const q of unasked) {
        const id = `${q.indicator === 'general' ? '-' : q.indicator}`.padEnd(ID_WIDTH);
        lines.push(...wrapWords(`  ${chalk.dim(id)} `, [...words(sanitize(q.question)), ` ${chalk.dim(sanitize(q.key))}`], settings.width, ' '.repeat(ID_WIDTH + 5)));
      }
    }
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
        lines.push(...wrapWords('  ', words(`${sanitize(what)}: ${sanitize(entry.reason)}`), settings.width, '    '));
      }
    }
  }

  // Exemptions and a candidate's refused requests change what a verdict means: shown even when quiet.
  const trust = configSection(report);
  if (trust) lines.push('', chalk.bold(trust.title), ...trust.lines.map((line) => `  ${sanitize(line)}`));

  // Reading problems (symlinks out of the root, read budget) can explain a gap, so they show unless quiet.
  if (!settings.quiet && report.warnings?.length) {
    lines.push('', chalk.bold('Warnings'));
    for (const warning of report.warnings) lines.push(...wrapWords(`  ${chalk.yellow('warning')} `, words(sanitize(warning)), settings.width, '          '));
  }

  const steps = settings.quiet ? [] : nextSteps(shown);
  if (steps.length > 0) lines.push('', ...renderNextSteps(steps, ink, settings));

  lines.push('', ...wrapWords('', words(summaryLine(report)), settings.width, '  '));
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
    const detail = describeCounts(groups.get(indicator.id) ?? []);
    return `${indicator.id.padEnd(ID_WIDTH)} ${verdictWord(indicator.verdict, paint)} ${sanitize(indicator.title).padEnd(titleWidth)}  ${detail}`.trimEnd();
  });
  return `${lines.join('\n')}\n`;
}
