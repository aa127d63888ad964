/**
 * The diff of two batch `--out` folders: candidates matched by their id (the
 * batch's stable id: `nominees/dhis2`, a list's `id` column), each pair of
 * reports compared with `diffReports`. Candidates only on one side are listed
 * as added or removed; one that could not be checked on a side says why.
 */
import { counted, exceedsFailOn, type FailOn, type Status } from '../model.js';
import { diffReports, isUnchanged, reachesFailOn, type ReportDiff } from './compare.js';
import type { BatchCandidate } from './inputs.js';

export interface CandidateDiff {
  id: string;
  name: string;
  /**
   * `compared`: checked on both sides (`diff`); `added` / `removed`: on one side only;
   * `unchecked`: could not be checked on at least one side (`error` says why, per side).
   */
  change: 'compared' | 'added' | 'removed' | 'unchecked';
  verdict: { old: Status | null; new: Status | null };
  diff?: ReportDiff;
  error?: { old?: string; new?: string };
}

export interface BatchDiff {
  candidates: CandidateDiff[];
}

const verdictOf = (candidate: BatchCandidate | undefined): Status | null =>
  candidate === undefined ? null : candidate.report?.verdict ?? 'error';

export function diffBatches(before: readonly BatchCandidate[], after: readonly BatchCandidate[]): BatchDiff {
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Map(after.map((c) => [c.id, c]));
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort();
  const candidates = ids.map((id): CandidateDiff => {
    const o = old.get(id);
    const n = now.get(id);
    const base = { id, name: (n ?? o)!.name, verdict: { old: verdictOf(o), new: verdictOf(n) } };
    if (!o) return { ...base, change: 'added', ...(n?.error ? { error: { new: n.error } } : {}) };
    if (!n) return { ...base, change: 'removed', ...(o.error ? { error: { old: o.error } } : {}) };
    if (o.report && n.report) return { ...base, change: 'compared', diff: diffReports(o.report, n.report) };
    return { ...base, change: 'unchecked', error: { ...(o.error ? { old: o.error } : {}), ...(n.error ? { new: n.error } : {}) } };
  });
  return { candidates };
}

/** Candidates with something to show: not compared-and-unchanged. */
export function changedCandidates(diff: BatchDiff): CandidateDiff[] {
  return diff.candidates.filter((c) => c.change !== 'compared' || (c.diff !== undefined && !isUnchanged(c.diff)));
}

/**
 * `--fail-on` over a batch: a compared candidate with something new at the level;
 * a candidate that could not be checked now but could before (it is no longer shown to pass);
 * an added candidate with a requirement finding at the level.
 */
export function batchReachesFailOn(diff: BatchDiff, after: readonly BatchCandidate[], failOn: FailOn): boolean {
  const now = new Map(after.map((c) => [c.id, c]));
  return diff.candidates.some((c) => {
    if (c.change === 'compared') return c.diff !== undefined && reachesFailOn(c.diff, failOn);
    if (c.change === 'unchecked') return c.error?.new !== undefined && c.error.old === undefined;
    if (c.change === 'added') {
      const report = now.get(c.id)?.report;
      return report === undefined || counted(report.findings).some((f) => exceedsFailOn(f.status, failOn));
    }
    return false;
  });
}
