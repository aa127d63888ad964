/**
 * `dpg-check diff` as text, JSON or markdown. Everything shown that came from
 * a candidate (names, messages, paths) is sanitised like the check's reports:
 * control characters escaped in text, markdown specials escaped in markdown.
 */
import { INDICATOR_TITLES, type IndicatorId, type Status } from '../model.js';
import { sanitize } from '../reporters/text.js';
import { codeSpan, escapeMarkdown } from '../reporters/markdown.js';
import { splitCodeSpans } from '../reporters/common.js';
import { DIFF_VERSION, isUnchanged, type ComponentChange, type DiffFinding, type ReportDiff } from './compare.js';
import { changedCandidates, type BatchDiff, type CandidateDiff } from './batch.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export type DiffDocument =
  | { kind: 'report'; old: string; new: string; diff: ReportDiff }
  | { kind: 'batch'; old: string; new: string; diff: BatchDiff };

const word = (status: Status | null | undefined): string => (status === null || status === undefined ? 'none' : status.toUpperCase());
const arrow = (old: string, now: string): string => `${old} → ${now}`;

interface Style {
  escape(text: string): string;
  /** A rule message: its `code` spans kept where the format has them. */
  message(text: string): string;
  code(text: string): string;
  heading(level: number, text: string): string;
  /** A list item under a heading of `level`: `depth` 0 for lines beside the headings, 1 inside a section, 2 nested. */
  item(text: string, level: number, depth: number): string;
}

const TEXT: Style = {
  escape: sanitize,
  message: sanitize,
  code: sanitize,
  heading: (level, text) => `${'  '.repeat(level - 2)}${text}\n`,
  item: (text, level, depth) => `${'  '.repeat(level - 2 + depth)}${text}\n`,
};

const MARKDOWN: Style = {
  escape: escapeMarkdown,
  message: (text) => splitCodeSpans(text).map((part) => (part.code ? codeSpan(part.text) : escapeMarkdown(part.text))).join(''),
  code: codeSpan,
  heading: (level, text) => `\n${'#'.repeat(level)} ${text}\n\n`,
  item: (text, _level, depth) => `${'  '.repeat(Math.max(0, depth - 1))}- ${text}\n`,
};

function findingLine(f: DiffFinding, style: Style, oldStatus?: Status): string {
  const status = oldStatus ? arrow(word(oldStatus), word(f.status)) : word(f.status);
  const where = f.location ? ` (${style.code(f.location)})` : '';
  const advice = f.level === 'advice' ? ' [advice]' : '';
  return `${status}${advice} ${style.code(f.ruleAlias ?? f.ruleId)}: ${style.message(f.message)}${where}`;
}

function byIndicatorSection(title: string, findings: readonly (DiffFinding & { oldStatus?: Status })[], style: Style, depth: number): string {
  if (findings.length === 0) return '';
  let out = style.heading(depth, `${title} (${findings.length})`);
  let current: IndicatorId | undefined;
  for (const f of findings) {
    if (f.indicator !== current) {
      current = f.indicator;
      out += style.item(`Indicator ${f.indicator}, ${INDICATOR_TITLES[f.indicator]}`, depth, 1);
    }
    out += style.item(findingLine(f, style, f.oldStatus), depth, 2);
  }
  return out;
}

function componentLine(c: ComponentChange, style: Style): string {
  const what = c.old === undefined ? `now named (${word(c.new)})` : c.new === undefined ? `no longer named (was ${word(c.old)})` : arrow(word(c.old), word(c.new));
  return `${style.escape(c.name)}: ${what}`;
}

function reportSections(diff: ReportDiff, style: Style, depth: number): string {
  if (isUnchanged(diff)) return style.item('No change: the same findings, verdicts, licence and closed components.', depth, 0);
  let out = '';
  if (diff.verdict.old !== diff.verdict.new) out += style.item(`Overall verdict: ${arrow(word(diff.verdict.old), word(diff.verdict.new))}`, depth, 0);
  if (diff.indicators.length > 0) {
    out += style.heading(depth, `Indicator verdicts (${diff.indicators.length} changed)`);
    for (const i of diff.indicators) out += style.item(`${i.id} ${i.title}: ${arrow(word(i.old), word(i.new))}`, depth, 1);
  }
  out += byIndicatorSection('New', diff.added, style, depth);
  out += byIndicatorSection('Changed status', diff.changed, style, depth);
  out += byIndicatorSection('Resolved', diff.resolved, style, depth);
  if (diff.license) {
    out += style.heading(depth, 'Licence');
    out += style.item(`${diff.license.old === null ? 'none concluded' : style.code(diff.license.old)} → ${diff.license.new === null ? 'none concluded' : style.code(diff.license.new)}`, depth, 1);
  }
  if (diff.closedComponents.length > 0) {
    out += style.heading(depth, 'Closed components');
    for (const c of diff.closedComponents) out += style.item(componentLine(c, style), depth, 1);
  }
  return out;
}

function candidateSection(c: CandidateDiff, style: Style): string {
  const title = `${style.escape(c.name)} (${style.code(c.id)})`;
  switch (c.change) {
    case 'added':
      return style.item(`${title}: added, ${c.error?.new ? `not checked: ${style.escape(c.error.new)}` : `verdict ${word(c.verdict.new)}`}`, 3, 0);
    case 'removed':
      return style.item(`${title}: removed (was ${word(c.verdict.old)})`, 3, 0);
    case 'unchecked':
      return style.item(`${title}: ${c.error?.new ? `could not be checked: ${style.escape(c.error.new)}` : 'checked now, could not be checked before'} (${arrow(word(c.verdict.old), word(c.verdict.new))})`, 3, 0);
    default:
      return `${style.heading(3, title)}${reportSections(c.diff!, style, 4)}`;
  }
}

function renderWith(doc: DiffDocument, style: Style): string {
  const header = `dpg-check diff: ${style.code(doc.old)} → ${style.code(doc.new)}`;
  if (doc.kind === 'report') {
    const name = doc.diff.candidate.old === doc.diff.candidate.new ? style.escape(doc.diff.candidate.new) : arrow(style.escape(doc.diff.candidate.old), style.escape(doc.diff.candidate.new));
    return `${style.heading(2, header)}${style.item(`Candidate: ${name}`, 3, 0)}${reportSections(doc.diff, style, 3)}`;
  }
  const changed = changedCandidates(doc.diff);
  const counts = { added: 0, removed: 0, unchecked: 0, compared: 0 };
  for (const c of changed) counts[c.change] += 1;
  const summary = `${doc.diff.candidates.length} candidates: ${counts.compared} changed, ${counts.added} added, ${counts.removed} removed, ${counts.unchecked} not checked on a side, ${doc.diff.candidates.length - changed.length} unchanged`;
  return `${style.heading(2, header)}${style.item(summary, 3, 0)}${changed.map((c) => candidateSection(c, style)).join('')}`;
}

export function renderDiff(doc: DiffDocument, format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify({ diffVersion: DIFF_VERSION, ...doc }, null, 2)}\n`;
  if (format === 'markdown') return `<!-- dpg-check diff -->\n${renderWith(doc, MARKDOWN).replace(/^\n+/, '')}`;
  return renderWith(doc, TEXT);
}
