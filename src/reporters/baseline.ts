/**
 * How the reporters show a `--baseline` comparison: the counts, and the
 * marker next to each finding. Reads the report model only.
 */
import type { Finding, Report } from '../model.js';

export interface BaselineCounts {
  /** Fails, gaps and errors the baseline does not have. */
  new: number;
  /** Fails, gaps and errors the baseline has too. */
  unchanged: number;
  /** The baseline's fails, gaps and errors this check no longer reports. */
  absent: number;
}

function needsAttention(finding: Finding): boolean {
  return finding.status === 'fail' || finding.status === 'gap' || finding.status === 'error';
}

export function baselineCounts(report: Report): BaselineCounts | undefined {
  if (!report.baseline) return undefined;
  const attention = report.findings.filter(needsAttention);
  return {
    new: attention.filter((f) => f.baseline === 'new').length,
    unchanged: attention.filter((f) => f.baseline === 'unchanged').length,
    absent: report.baseline.absent.filter(needsAttention).length,
  };
}

/** `2 new, 40 unchanged, 3 resolved` (fails, gaps and errors), or undefined without a baseline. */
export function baselineCountsText(report: Report): string | undefined {
  const counts = baselineCounts(report);
  return counts ? `${counts.new} new, ${counts.unchanged} unchanged, ${counts.absent} resolved` : undefined;
}

/** The word shown before a marked finding's message: `new`, `unchanged`, `resolved`; undefined without a baseline. */
export function baselineWord(finding: Finding): string | undefined {
  if (finding.baseline === undefined) return undefined;
  return finding.baseline === 'absent' ? 'resolved' : finding.baseline;
}
