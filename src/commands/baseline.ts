/**
 * `--baseline <report.json>`: marks each finding of a check `new` or
 * `unchanged` against a saved report, and lists the baseline's findings that
 * are gone as `absent`. Findings match by fingerprint (`src/fingerprint.ts`)
 * and status: a gap that became a fail is new (and the old gap absent), a
 * reworded message is unchanged. The exit code then counts only what is new
 * (`counted` in the model).
 */
import { counted, exceedsFailOn, type FailOn, type Finding, type Report } from '../model.js';
import { findingFingerprint } from '../fingerprint.js';

function matchKey(finding: Finding): string {
  return `${findingFingerprint(finding)}|${finding.status}`;
}

/** The report with every finding marked against the baseline, and `baseline` saying what was compared and what is gone. */
export function applyBaseline(report: Report, baseline: Report, baselinePath: string): Report {
  // A multiset: two alike findings in the baseline excuse two alike findings now, not three.
  const remaining = new Map<string, Finding[]>();
  for (const old of baseline.findings) {
    const key = matchKey(old);
    remaining.set(key, [...(remaining.get(key) ?? []), old]);
  }
  const findings = report.findings.map((finding): Finding => {
    const matches = remaining.get(matchKey(finding));
    const matched = matches?.shift();
    return { ...finding, baseline: matched ? 'unchanged' : 'new' };
  });
  // Only what needs attention is worth listing as resolved: a pass that is gone is not news.
  const absent = [...remaining.values()].flat()
    .filter((old) => old.status === 'fail' || old.status === 'gap' || old.status === 'error')
    .map((old): Finding => ({ ...old, baseline: 'absent' }));
  return { ...report, findings, baseline: { path: baselinePath, absent } };
}

/** Exit code 1 when a counted finding (new, with a baseline) is at or above `--fail-on`. */
export function failsOn(report: Report, failOn: FailOn): boolean {
  return counted(report.findings).some((f) => exceedsFailOn(f.status, failOn));
}
