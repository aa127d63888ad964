/**
 * The markdown reporter: for pull-request comments and `$GITHUB_STEP_SUMMARY`.
 * A verdict table of the eleven indicators (status words, the emoji only
 * doubles them), then failures, errors and gaps with their evidence and what
 * to do, then passes and n/a folded in `<details>`.
 *
 * GitHub refuses comments over 65,536 characters. The table always fits; the
 * findings are added most serious first until the budget is spent, and a note
 * says how many were left out and where to find them all.
 *
 * Candidate text (names, messages built from file contents, paths, URLs) is
 * escaped: it cannot open links, images, HTML or tables, and `@name` cannot
 * ping anyone.
 */
import { configSection } from './config-trust.js';
import { INDICATOR_IDS, decisive, type Evidence, type Finding, type Report, type Status } from '../model.js';
import { sanitize } from './text.js';
import { baselineCountsText, baselineWord } from './baseline.js';
import {
  ATTENTION_ORDER, STATUS_LABELS, adviceToShow, clip, questionnaireLine, describeCounts, fileLink, fileLocation, findingsOfIndicator, isSafeUrl, locationText,
  sourceLinkBase, splitCodeSpans, withPrefix,
} from './common.js';

/** GitHub's limit on an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * A length that stays under GitHub's 1 MiB limit on a step summary whatever the characters (a JavaScript
 * string unit is at most 3 bytes of UTF-8), so the summary can list every finding.
 */
export const STEP_SUMMARY_LIMIT = 340_000;

/**
 * The first line of every markdown report: an HTML comment GitHub does not show, so a workflow can find
 * the comment it posted before and update it (one sticky pull-request comment; docs/ci.md).
 */
export const MARKDOWN_MARKER = '<!-- dpg-check -->';

export interface MarkdownOptions {
  /** Maximum length of the output (JavaScript string length, which never undercounts GitHub's characters). */
  maxLength?: number;
  /** URL prefix for file links, e.g. `https://github.com/o/r/blob/<sha>/`; derived from a GitHub source when absent. */
  linkBase?: string;
  /** Repository-relative folder of the candidate, for links (`--path` in a monorepo, a candidate in a subfolder). */
  pathPrefix?: string;
}

const MESSAGE_MAX = 2_000;
const EVIDENCE_MAX = 10;
const EVIDENCE_TEXT_MAX = 300;

/**
 * Characters that start inline markdown syntax (emphasis, code, links, HTML,
 * table cells, strikethrough, math); escaped with a backslash. Others (`#`,
 * `+`, `-`, digits) only matter at the start of a line, and candidate text
 * never starts one here.
 */
const MARKDOWN_SPECIALS = /[\\`*_[\]<>|~$]/g;

/** One line of plain text, safe in markdown: no syntax, no HTML, no mentions. */
export function escapeMarkdown(text: string): string {
  return sanitize(text)
    .replace(/\s+/g, ' ')
    .replace(MARKDOWN_SPECIALS, (char) => `\\${char}`)
    // A zero-width space after `@` stops GitHub from turning `@user` / `@org/team` into a notification.
    .replace(/@(?=[\w-])/g, '@\u200b');
}

/** A code span that holds any text, backticks included (CommonMark: a longer fence, padded with spaces). */
export function codeSpan(text: string): string {
  const clean = sanitize(text).replace(/\s+/g, ' ');
  const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Rule messages keep their `code` spans; everything else is escaped. */
function messageMarkdown(message: string): string {
  return splitCodeSpans(clip(message, MESSAGE_MAX))
    .map((part) => (part.code ? codeSpan(part.text) : escapeMarkdown(part.text)))
    .join('');
}

/** A link whose target cannot break out of the `(…)`: only http(s), with spaces, brackets and quotes percent-encoded. */
function link(text: string, url: string): string {
  const target = url.trim().replace(/[\s()<>[\]"'`\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${text}](${target})`;
}

function evidenceMarkdown(evidence: Evidence, options: MarkdownOptions, linkBase: string | undefined): string {
  const location = fileLocation(evidence);
  if (location) {
    const shown = codeSpan(clip(locationText(location), EVIDENCE_TEXT_MAX));
    const href = fileLink(linkBase, { ...location, path: withPrefix(options.pathPrefix, location.path) });
    const key = evidence.kind === 'declaration' ? ` ${codeSpan(clip(evidence.key, EVIDENCE_TEXT_MAX))}` : '';
    const excerpt = evidence.kind === 'file' && evidence.excerpt ? ` “${escapeMarkdown(clip(evidence.excerpt.trim(), 120))}”` : '';
    return `${href ? link(shown, href) : shown}${key}${excerpt}`;
  }
  switch (evidence.kind) {
    case 'url':
      return isSafeUrl(evidence.url) ? link(escapeMarkdown(clip(evidence.url, EVIDENCE_TEXT_MAX)), evidence.url) : codeSpan(clip(evidence.url, EVIDENCE_TEXT_MAX));
    case 'host':
      return `host ${codeSpan(evidence.key)}${evidence.value !== undefined ? ` = ${codeSpan(clip(evidence.value, EVIDENCE_TEXT_MAX))}` : ''}`;
    case 'note':
      return escapeMarkdown(clip(evidence.text, EVIDENCE_TEXT_MAX));
    default:
      return codeSpan(clip(JSON.stringify(evidence), EVIDENCE_TEXT_MAX));
  }
}

function ruleLabel(finding: Finding): string {
  return `${codeSpan(finding.ruleId)}${finding.ruleAlias ? ` (${escapeMarkdown(finding.ruleAlias)})` : ''}`;
}

/** ` · 🆕 new` / ` · unchanged` / ` · ✔️ resolved` after the status word, with a baseline. */
function baselineMarker(finding: Finding): string {
  const word = baselineWord(finding);
  if (word === undefined) return '';
  return ` · ${finding.baseline === 'new' ? '🆕 ' : finding.baseline === 'absent' ? '✔️ ' : ''}*${word}*`;
}

/** A fail, error or gap: status word, indicator, rule, message; then evidence and what to do. */
function attentionItem(finding: Finding, options: MarkdownOptions, linkBase: string | undefined): string {
  const label = STATUS_LABELS[finding.status];
  const lines = [`- ${label.emoji} **${label.word}**${baselineMarker(finding)} · indicator ${escapeMarkdown(finding.indicator)} · ${ruleLabel(finding)}: ${messageMarkdown(finding.message)}`];
  if (finding.evidence.length > 0) {
    const shown = finding.evidence.slice(0, EVIDENCE_MAX).map((e) => evidenceMarkdown(e, options, linkBase));
    const more = finding.evidence.length > EVIDENCE_MAX ? `, and ${finding.evidence.length - EVIDENCE_MAX} more` : '';
    lines.push(`  - Evidence: ${shown.join(' · ')}${more}`);
  }
  if (finding.remediation) {
    const docs = finding.docsUrl && isSafeUrl(finding.docsUrl) ? ` ${link('DPG Standard', finding.docsUrl)}` : '';
    lines.push(`  - What to do: ${messageMarkdown(finding.remediation)}${docs}`);
  }
  return lines.join('\n');
}

/** A pass or n/a, one line, inside the folded section. */
function foldedItem(finding: Finding, options: MarkdownOptions, linkBase: string | undefined): string {
  const label = STATUS_LABELS[finding.status];
  const evidence = finding.evidence.slice(0, 3).map((e) => evidenceMarkdown(e, options, linkBase));
  return `- ${label.emoji} **${label.word}** · indicator ${escapeMarkdown(finding.indicator)} · ${ruleLabel(finding)}: ${messageMarkdown(finding.message)}${evidence.length > 0 ? ` — ${evidence.join(' · ')}` : ''}`;
}

function headerLines(report: Report): string[] {
  const verdict = STATUS_LABELS[report.verdict];
  const { candidate } = report;
  const source = candidate.sources[0];
  const facts = [
    `**${escapeMarkdown(clip(candidate.name, 200))}** (${candidate.types.map(escapeMarkdown).join(', ') || 'no type'})`,
    `${escapeMarkdown(report.standard.name)} ${escapeMarkdown(report.standard.version)}`,
    candidate.declaration.path === null ? 'no declaration' : `declaration ${codeSpan(clip(candidate.declaration.path, 200))}${candidate.declaration.valid ? '' : ' (invalid)'}`,
    ...(source ? [`source ${codeSpan(clip(source.location, 200))}${source.revision ? ` @ ${codeSpan(source.revision.slice(0, 12))}` : ''}`] : []),
    `${escapeMarkdown(report.tool.name)} ${escapeMarkdown(report.tool.version)}`,
  ];
  const lines = [MARKDOWN_MARKER, `## ${verdict.emoji} DPG Standard check: ${verdict.word}`, '', facts.join(' · ')];
  if (report.baseline) {
    lines.push('', `Compared with the baseline ${codeSpan(clip(report.baseline.path, 200))}: ${baselineCountsText(report) ?? ''} (fails, gaps and errors); only new findings decide the exit code.`);
  }
  return lines;
}

function tableLines(report: Report): string[] {
  const lines = ['| # | Indicator | Verdict | Findings |', '|---|---|---|---|'];
  const listed = report.indicators.length > 0 ? report.indicators : INDICATOR_IDS.map((id) => ({ id, title: id, verdict: 'n/a' as Status }));
  for (const indicator of listed) {
    const label = STATUS_LABELS[indicator.verdict];
    const title = escapeMarkdown(indicator.title);
    lines.push(`| ${escapeMarkdown(indicator.id)} | ${title} | ${label.emoji} **${label.word}** | ${describeCounts(findingsOfIndicator(report, indicator.id))} |`);
  }
  return lines;
}

function legendLine(): string {
  const entries = (['pass', 'fail', 'gap', 'n/a', 'error'] as const).map((s) => `${STATUS_LABELS[s].emoji} **${STATUS_LABELS[s].word}** ${STATUS_LABELS[s].meaning}`);
  return `<sub>${entries.join(' · ')}</sub>`;
}

const SECTION_TITLES: Readonly<Record<'fail' | 'error' | 'gap', string>> = {
  fail: 'Failures',
  error: 'Errors (rules that could not run)',
  gap: 'Gaps (evidence to add or questions to answer)',
};

function truncationNote(omitted: readonly Finding[], limit: number): string {
  return [
    '',
    `> [!NOTE]`,
    `> ${omitted.length} more finding${omitted.length === 1 ? ' is' : 's are'} not shown (${describeCounts(omitted)}): this summary is kept under ${limit.toLocaleString('en-US')} characters, the size limit of a GitHub comment.`,
    '> Every finding is in the full report: `dpg-check --format json` or `--format html`.',
  ].join('\n');
}

/** The step summary of a check that could not be carried out (exit 2): why, in a code block. */
export function cannotCheckMarkdown(message: string): string {
  const text = clip(message, MESSAGE_MAX * 5).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return [
    MARKDOWN_MARKER,
    `## ${STATUS_LABELS.error.emoji} DPG Standard check: could not check`,
    '',
    'dpg-check could not carry out the check (exit 2), so there are no verdicts. Why:',
    '',
    `${fence}text`, text, fence,
    '',
  ].join('\n');
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const linkBase = options.linkBase ?? sourceLinkBase(report);
  const head = [...headerLines(report), '', ...tableLines(report), '', legendLine()].join('\n');

  // Blocks in reading order; each knows the findings it shows so that what is cut can be counted.
  interface Block { text: string; findings: Finding[] }
  const blocks: Block[] = [];
  for (const status of ATTENTION_ORDER) {
    const findings = decisive(report.findings).filter((f) => f.status === status);
    if (findings.length === 0) continue;
    blocks.push({ text: `\n### ${STATUS_LABELS[status].emoji} ${SECTION_TITLES[status as 'fail' | 'error' | 'gap']} (${findings.length})\n`, findings: [] });
    for (const finding of findings) blocks.push({ text: attentionItem(finding, options, linkBase), findings: [finding] });
  }
  const advice = adviceToShow(report);
  if (advice.length > 0) {
    blocks.push({ text: `\n### 💡 Advice (${advice.length})\n\nGood practice the DPG Standard does not require; never changes a verdict.\n`, findings: [] });
    for (const finding of advice) blocks.push({ text: attentionItem(finding, options, linkBase), findings: [finding] });
  }
  const resolved = report.baseline?.absent ?? [];
  if (resolved.length > 0) {
    blocks.push({ text: `\n### ✔️ Resolved since the baseline (${resolved.length})\n`, findings: [] });
    for (const finding of resolved) blocks.push({ text: attentionItem(finding, options, linkBase), findings: [finding] });
  }
  const folded = report.findings.filter((f) => !advice.includes(f) && (f.status === 'pass' || f.status === 'n/a' || f.level === 'advice'));
  const foldedOpen = folded.length > 0 ? `\n<details><summary>Passes and not applicable (${describeCounts(folded)})</summary>\n` : '';
  const foldedClose = folded.length > 0 ? '\n</details>' : '';
  if (folded.length > 0) blocks.push({ text: foldedOpen, findings: [] });
  for (const finding of folded) blocks.push({ text: foldedItem(finding, options, linkBase), findings: [finding] });

  const tail: string[] = [];
  // Exemptions and a candidate's refused requests change what a verdict means: always shown (at most 20 lines).
  const trust = configSection(report);
  if (trust) {
    const shown = trust.lines.slice(0, 20).map((line) => `- ${escapeMarkdown(line)}`);
    if (trust.lines.length > shown.length) shown.push(`- …and ${trust.lines.length - shown.length} more (see the JSON report's \`config\`)`);
    tail.push('', `**${trust.title}**`, '', ...shown);
  }
  const questionnaire = questionnaireLine(report);
  if (questionnaire && report.questionnaire) {
    const keys = report.questionnaire.unanswered.map((q) => codeSpan(q.key));
    tail.push('', `Questionnaire: ${questionnaire}${keys.length > 0 ? ` (unanswered: ${keys.join(', ')})` : ''}.`);
  }
  if (report.licenses.length > 0) {
    const licences = report.licenses.slice(0, 20).map((l) => `${codeSpan(l.spdx)} in ${codeSpan(l.path)}`).join(', ');
    tail.push('', `Licences identified: ${licences}${report.licenses.length > 20 ? `, and ${report.licenses.length - 20} more` : ''}.`);
  }

  // Reserve room for the note, the closing tag and the tail whatever happens, so the cut is decided in one pass.
  const reserve = truncationNote(report.findings, limit).length + foldedClose.length + tail.join('\n').length + 64;
  let body = head;
  let cutAt = blocks.length;
  for (const [index, block] of blocks.entries()) {
    if (body.length + 1 + block.text.length > limit - reserve) {
      cutAt = index;
      break;
    }
    body += `\n${block.text}`;
  }
  const omitted = blocks.slice(cutAt).flatMap((b) => b.findings);
  // Close <details> only if it was opened.
  if (folded.length > 0 && blocks.slice(0, cutAt).some((b) => b.text === foldedOpen)) body += `\n${foldedClose}`;
  if (omitted.length > 0) body += `\n${truncationNote(omitted, limit)}`;
  if (tail.length > 0) body += `\n${tail.join('\n')}`;
  return `${body}\n`;
}
