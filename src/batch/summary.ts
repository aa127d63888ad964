/**
 * The batch summary: one row per candidate with the verdict of each of the
 * eleven (sub)indicators, as JSON, CSV and text. Rows are sorted by candidate
 * id (code-unit order) and hold nothing that depends on the run (no
 * durations, dates or shard numbers), so a merged summary of shards is byte
 * for byte the summary of one unsharded run.
 */
import { INDICATOR_IDS, STANDARD_VERSION, STATUSES, decisive, exceedsFailOn, type FailOn, type IndicatorId, type Report, type SolutionType, type SourceInfo, type Status } from '../model.js';
import { sanitize } from '../reporters/text.js';
import { TOOL_VERSION } from '../version.js';

export interface SummaryRow {
  id: string;
  /** The candidate's name (from its declaration), or its id when it could not be checked. */
  name: string;
  types: SolutionType[];
  source: SourceInfo['kind'] | null;
  /** The declaration file or target the candidate was read from. */
  location: string;
  /** DPGA registry stage (`nominee`, `DPG`, `archive`) of a registry entry. */
  stage?: string;
  status: 'checked' | 'error';
  /** The report's verdict; `error` when the candidate could not be checked. */
  verdict: Status;
  /** Verdict per indicator, all eleven; `null` when the candidate could not be checked. */
  indicators: Record<IndicatorId, Status | null>;
  /** Findings per status. */
  findings: Record<Status, number>;
  /** Why the candidate could not be checked. */
  message?: string;
  /** The JSON report, relative to the output folder. */
  report?: string;
  /** Exemptions the applied config makes (report.config): requirement rules turned off, paths ignored or reclassed. */
  exemptions?: number;
  /** What the candidate's own config asked for and was refused (report.config). */
  refused?: number;
}

export interface Summary {
  summaryVersion: 1;
  tool: { name: 'dpg-check'; version: string };
  standard: { name: 'DPG Standard'; version: string };
  /** False when the batch was interrupted: `pending` candidates have no row yet. */
  complete: boolean;
  counts: { candidates: number; checked: number; errors: number; pending: number; verdicts: Record<Status, number> };
  rows: SummaryRow[];
}

const emptyCounts = (): Record<Status, number> => ({ pass: 0, fail: 0, gap: 0, 'n/a': 0, error: 0 });

export function rowFromReport(id: string, report: Report, extra: { stage?: string; report?: string }): SummaryRow {
  const findings = emptyCounts();
  // Requirement findings only: advice never makes a candidate exceed --fail-on (docs/policy.md).
  for (const finding of decisive(report.findings)) findings[finding.status] += 1;
  const indicators = Object.fromEntries(INDICATOR_IDS.map((indicator) => [indicator, report.indicators.find((i) => i.id === indicator)?.verdict ?? null])) as Record<IndicatorId, Status | null>;
  const source = report.candidate.sources[0];
  return {
    id,
    name: report.candidate.name,
    types: [...report.candidate.types],
    source: source?.kind ?? null,
    location: source?.location ?? report.candidate.declaration.path ?? id,
    ...(extra.stage ? { stage: extra.stage } : {}),
    status: 'checked',
    verdict: report.verdict,
    indicators,
    findings,
    ...(extra.report ? { report: extra.report } : {}),
    ...(report.config?.exemptions.length ? { exemptions: report.config.exemptions.length } : {}),
    ...(report.config?.refused.length ? { refused: report.config.refused.length } : {}),
  };
}

export function errorRow(id: string, message: string, extra: { location?: string; source?: SourceInfo['kind']; stage?: string }): SummaryRow {
  return {
    id,
    name: id,
    types: [],
    source: extra.source ?? null,
    location: extra.location ?? id,
    ...(extra.stage ? { stage: extra.stage } : {}),
    status: 'error',
    verdict: 'error',
    indicators: Object.fromEntries(INDICATOR_IDS.map((indicator) => [indicator, null])) as Record<IndicatorId, Status | null>,
    findings: emptyCounts(),
    message,
  };
}

/** Whether a row is above `--fail-on`: a fail or error finding (or gap, with `--fail-on gap`); a candidate that could not be checked always is. */
export function rowExceeds(row: SummaryRow, failOn: FailOn): boolean {
  if (row.status === 'error') return true;
  return STATUSES.some((status) => row.findings[status] > 0 && exceedsFailOn(status, failOn));
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildSummary(rows: readonly SummaryRow[], pending: number): Summary {
  const sorted = [...rows].sort((a, b) => compareIds(a.id, b.id));
  const verdicts = emptyCounts();
  for (const row of sorted) verdicts[row.verdict] += 1;
  return {
    summaryVersion: 1,
    tool: { name: 'dpg-check', version: TOOL_VERSION },
    standard: { name: 'DPG Standard', version: STANDARD_VERSION },
    complete: pending === 0,
    counts: {
      candidates: sorted.length + pending,
      checked: sorted.filter((r) => r.status === 'checked').length,
      errors: sorted.filter((r) => r.status === 'error').length,
      pending,
      verdicts,
    },
    rows: sorted.map(orderedRow),
  };
}

/** Keys in a fixed order, whatever order the row was built or read in. */
function orderedRow(row: SummaryRow): SummaryRow {
  return {
    id: row.id,
    name: row.name,
    types: row.types,
    source: row.source,
    location: row.location,
    ...(row.stage !== undefined ? { stage: row.stage } : {}),
    status: row.status,
    verdict: row.verdict,
    indicators: Object.fromEntries(INDICATOR_IDS.map((i) => [i, row.indicators[i] ?? null])) as Record<IndicatorId, Status | null>,
    findings: Object.fromEntries(STATUSES.map((s) => [s, row.findings[s] ?? 0])) as Record<Status, number>,
    ...(row.message !== undefined ? { message: row.message } : {}),
    ...(row.report !== undefined ? { report: row.report } : {}),
    ...(row.exemptions !== undefined ? { exemptions: row.exemptions } : {}),
    ...(row.refused !== undefined ? { refused: row.refused } : {}),
  };
}

export const SUMMARY_FORMATS = ['text', 'csv', 'json'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

export function renderSummary(summary: Summary, format: SummaryFormat): string {
  if (format === 'json') return `${JSON.stringify(summary, null, 2)}\n`;
  if (format === 'csv') return renderCsv(summary);
  return renderTextSummary(summary);
}

const CSV_HEADER = ['id', 'name', 'stage', 'types', 'source', 'location', 'status', 'verdict', ...INDICATOR_IDS, 'fail', 'gap', 'error', 'pass', 'n/a', 'message', 'report', 'exemptions', 'refused'];

function renderCsv(summary: Summary): string {
  const lines = [CSV_HEADER.join(',')];
  for (const row of summary.rows) {
    lines.push([
      row.id, row.name, row.stage ?? '', row.types.join(' '), row.source ?? '', row.location, row.status, row.verdict,
      ...INDICATOR_IDS.map((i) => row.indicators[i] ?? ''),
      row.findings.fail, row.findings.gap, row.findings.error, row.findings.pass, row.findings['n/a'],
      row.message ?? '', row.report ?? '', row.exemptions ?? '', row.refused ?? '',
    ].map((cell) => csvCell(String(cell))).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * RFC 4180 quoting; a cell a spreadsheet would run as a formula (`=`, `+`,
 * `-`, `@` first, after any spaces) gets a leading `'` — names and messages come from the
 * candidates, and a summary must be safe to open.
 */
function csvCell(value: string): string {
  // Spreadsheets skip leading spaces before a formula (` =1+1` runs too), so they do not hide one here.
  const safe = /^[\s\u00a0]*[=+\-@]|^[\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const SHORT: Readonly<Record<Status, string>> = { pass: 'pass', fail: 'FAIL', gap: 'gap', 'n/a': 'n/a', error: 'ERR' };

function renderTextSummary(summary: Summary): string {
  const { counts } = summary;
  const lines: string[] = [];
  const state = summary.complete ? '' : `, ${counts.pending} not checked yet (interrupted: rerun with --resume)`;
  lines.push(`dpg-check batch: ${counts.candidates} candidate${counts.candidates === 1 ? '' : 's'}, ${counts.checked} checked, ${counts.errors} could not be checked${state} (DPG Standard ${summary.standard.version})`);
  lines.push('');
  const cell = (text: string): string => text.padEnd(5);
  lines.push(`${cell('')}  ${INDICATOR_IDS.map((i) => cell(i)).join('')}  candidate`);
  for (const row of summary.rows) {
    const verdicts = row.status === 'error' ? INDICATOR_IDS.map(() => cell('-')).join('') : INDICATOR_IDS.map((i) => cell(SHORT[row.indicators[i] ?? 'error'])).join('');
    const stage = `${row.stage ? ` [${row.stage}]` : ''}${configFlag(row)}`;
    const why = row.status === 'error' ? ` — ${firstLine(row.message ?? 'could not be checked')}` : row.name !== row.id ? `  ${row.name}` : '';
    lines.push(sanitize(`${cell(SHORT[row.verdict])}  ${verdicts}  ${row.id}${stage}${why}`));
  }
  lines.push('');
  lines.push(`${cell('')}  ${INDICATOR_IDS.map((i) => cell(i)).join('')}  verdicts per indicator`);
  for (const status of STATUSES) {
    const perIndicator = INDICATOR_IDS.map((i) => summary.rows.filter((r) => r.indicators[i] === status).length);
    lines.push(`${cell(SHORT[status])}  ${perIndicator.map((n) => cell(String(n))).join('')}  ${counts.verdicts[status]} candidate${counts.verdicts[status] === 1 ? '' : 's'} with this overall verdict`);
  }
  return `${lines.join('\n')}\n`;
}

/** `[config: 2 refused]`: the candidate's config asked for exemptions it did not get, or the applied config made some. */
function configFlag(row: SummaryRow): string {
  const parts = [row.refused ? `${row.refused} refused` : '', row.exemptions ? `${row.exemptions} exemption${row.exemptions === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.length > 0 ? ` [config: ${parts.join(', ')}]` : '';
}

function firstLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const first = lines.length > 1 && /:$/.test(lines[0]!) ? `${lines[0]} ${lines[1]}` : lines[0] ?? '';
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}
