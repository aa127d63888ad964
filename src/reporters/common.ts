/**
 * What the markdown, SARIF, JUnit, HTML and annotation reporters share: the
 * words and symbols of each status, grouping of findings, evidence locations
 * and the optional rule catalogue. Everything here reads the report model
 * only; nothing recomputes a verdict (per-rule roll-ups use the model's own
 * `aggregate`, the same rule the engine uses for indicators).
 */
import { STATUSES, aggregate, type Evidence, type Finding, type IndicatorId, type Report, type Status } from '../model.js';

/**
 * Rule metadata a reporter may show (SARIF `tool.driver.rules`, `--explain`).
 * Plain data, so reporters never import rules: the CLI passes what it knows
 * (the built-in rules); rules it does not know (packs) fall back to what their
 * findings carry.
 */
export interface RuleDescriptor {
  id: string;
  alias?: string;
  indicator: IndicatorId;
  title: string;
  motivation?: string;
  remediation?: string;
  docsUrl?: string;
  /** File patterns the rule reads; absent or empty when it reads the declaration only. */
  reads?: readonly string[];
  appliesTo?: readonly string[] | 'all';
}

/**
 * A verdict is always shown as a word; the symbol doubles it for people who
 * scan, the colour (where a format has one) triples it. Nothing relies on
 * colour or symbol alone.
 */
export const STATUS_LABELS: Readonly<Record<Status, { word: string; symbol: string; emoji: string; meaning: string }>> = {
  pass: { word: 'PASS', symbol: '✓', emoji: '✅', meaning: 'the requirement is met by the evidence shown' },
  fail: { word: 'FAIL', symbol: '✗', emoji: '❌', meaning: 'the evidence shows a real problem' },
  gap: { word: 'GAP', symbol: '?', emoji: '⚠️', meaning: 'evidence is missing or needs a person to judge — never counted as a fail' },
  'n/a': { word: 'N/A', symbol: '–', emoji: '➖', meaning: 'does not apply to this kind of solution' },
  error: { word: 'ERROR', symbol: '!', emoji: '💥', meaning: 'a rule could not run (a fault in the rule, not in the candidate)' },
};

/** Order in which findings that need attention are listed: most serious first. */
export const ATTENTION_ORDER: readonly Status[] = ['fail', 'error', 'gap'];

export function countByStatus(findings: readonly Finding[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const finding of findings) if (finding.status in counts) counts[finding.status] += 1;
  return counts;
}

/** `2 pass, 1 fail`: the non-zero counts in status order, or `no findings`. */
export function describeCounts(findings: readonly Finding[]): string {
  const counts = countByStatus(findings);
  const parts = STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/** An indicator's requirement findings: the ones its verdict is made of. */
export function findingsOfIndicator(report: Report, indicator: string): Finding[] {
  return report.findings.filter((f) => f.indicator === indicator && f.level !== 'advice');
}

/** Advice findings that ask for something (fail or gap): shown apart, never part of a verdict. */
export function adviceToShow(report: Report): Finding[] {
  return report.findings.filter((f) => f.level === 'advice' && (f.status === 'fail' || f.status === 'gap' || f.status === 'error'));
}

/** "17 of 31 application questions answered", or undefined without a questionnaire summary. */
export function questionnaireLine(report: Report): string | undefined {
  const q = report.questionnaire;
  return q ? `${q.answered} of ${q.total} application questions answered` : undefined;
}

/** Findings by rule id, rules in order of first appearance (the engine's run order). */
export function findingsByRule(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.ruleId) ?? [];
    group.push(finding);
    groups.set(finding.ruleId, group);
  }
  return groups;
}

/** One status for a rule that reported several outcomes, by the same precedence as indicator verdicts (BRIEF §2). */
export function ruleStatus(findings: readonly Finding[]): Status {
  return aggregate(findings.map((f) => f.status));
}

/** A place in a file: file evidence, or declaration evidence (the declaration is a file too). */
export interface FileLocation {
  path: string;
  line?: number;
  column?: number;
}

export function fileLocation(evidence: Evidence): FileLocation | undefined {
  if (evidence.kind !== 'file' && evidence.kind !== 'declaration') return undefined;
  const location: FileLocation = { path: evidence.path };
  if (evidence.line !== undefined) location.line = evidence.line;
  if (evidence.column !== undefined) location.column = evidence.column;
  return location;
}

/** The first evidence item with a file location, preferring one with a line. */
export function primaryLocation(finding: Finding): FileLocation | undefined {
  const locations = finding.evidence.map(fileLocation).filter((l): l is FileLocation => l !== undefined);
  return locations.find((l) => l.line !== undefined) ?? locations[0];
}

/**
 * A candidate-relative path made relative to the repository (or working
 * directory) the CI sees, e.g. `services/api/` + `LICENSE`. Paths that are
 * not candidate-relative (absolute, `../`) are left as they are.
 */
export function withPrefix(prefix: string | undefined, filePath: string): string {
  if (!prefix || filePath.startsWith('/') || filePath.startsWith('../') || /^[a-z]:[\\/]/i.test(filePath)) return filePath;
  return `${prefix.replace(/\/+$/, '')}/${filePath.replace(/^\.\//, '')}`;
}

/** The catalogue entry of a rule, or what its findings say about it when the catalogue does not know it (a pack rule). */
export function describeRule(ruleId: string, findings: readonly Finding[], catalogue: readonly RuleDescriptor[] = []): RuleDescriptor {
  const known = catalogue.find((r) => r.id === ruleId);
  if (known) return known;
  const first = findings[0];
  const descriptor: RuleDescriptor = {
    id: ruleId,
    indicator: first?.indicator ?? '1',
    title: first?.ruleAlias ? `${first.ruleAlias} (${ruleId})` : ruleId,
  };
  if (first?.ruleAlias) descriptor.alias = first.ruleAlias;
  const remediation = findings.find((f) => f.remediation)?.remediation;
  if (remediation) descriptor.remediation = remediation;
  const docsUrl = findings.find((f) => f.docsUrl)?.docsUrl;
  if (docsUrl) descriptor.docsUrl = docsUrl;
  return descriptor;
}

/**
 * Splits rule messages on backticks into text and code parts. Rule messages
 * mark declaration keys as `code`; formats that can show code keep that. An
 * odd number of backticks (a stray one from candidate data) means no code
 * parts at all, so candidate text can never open a span that swallows the rest.
 */
export function splitCodeSpans(text: string): { code: boolean; text: string }[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return [{ code: false, text }];
  return parts.map((part, index) => ({ code: index % 2 === 1, text: part })).filter((part) => part.text !== '');
}

/** True for http(s) URLs only: the only links a report makes clickable (never `javascript:`, `data:`, `file:`). */
export function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url.trim());
}

/** A link base for file evidence when the source is a GitHub repository at a known commit. */
export function sourceLinkBase(report: Report): string | undefined {
  const source = report.candidate.sources[0];
  if (!source?.revision || (source.kind !== 'github' && source.kind !== 'git')) return undefined;
  const match = /^(?:github:|https:\/\/github\.com\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(source.location);
  return match ? `https://github.com/${match[1]}/${match[2]}/blob/${source.revision}/` : undefined;
}

/** A link to a file (and line) under a link base such as `https://github.com/o/r/blob/<sha>/`. */
export function fileLink(linkBase: string | undefined, location: FileLocation): string | undefined {
  if (!linkBase || !isSafeUrl(linkBase)) return undefined;
  if (location.path.startsWith('/') || location.path.split('/').includes('..')) return undefined;
  const encoded = location.path.split('/').map(encodeURIComponent).join('/');
  return `${linkBase.replace(/\/?$/, '/')}${encoded}${location.line !== undefined ? `#L${location.line}` : ''}`;
}

/** `LICENSE:3:1` */
export function locationText(location: FileLocation): string {
  let text = location.path;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  return text;
}

/** Shortens text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}
