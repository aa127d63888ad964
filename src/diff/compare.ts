/**
 * What changed between two reports of one candidate (`dpg-check diff`): a pure
 * function of the two report models. Findings are matched by the fingerprint
 * of `src/fingerprint.ts` (rule, indicator, message id, primary place, what the
 * evidence is about), never by message text, so a reworded message is no change.
 *
 * Only findings that need attention (fail, gap, error) are listed: a pass or an
 * n/a coming or going shows in the indicator verdicts.
 * - `added`: needs attention now, and the old report had no finding with its
 *   fingerprint, or had it as a pass or n/a;
 * - `resolved`: needed attention in the old report, and is gone or passes now;
 * - `changed`: needed attention in both, with another status (gap → fail).
 */
import {
  exceedsFailOn, INDICATOR_IDS, type Evidence, type FailOn, type Finding, type IndicatorId, type Report, type RuleLevel, type Status,
} from '../model.js';
import { fingerprintAll } from '../fingerprint.js';
import { closedComponents, type ClosedComponent } from './components.js';

export const DIFF_VERSION = 1;

/** A finding as a diff shows it: enough to read it without the report. */
export interface DiffFinding {
  fingerprint: string;
  ruleId: string;
  ruleAlias?: string;
  indicator: IndicatorId;
  level: RuleLevel;
  status: Status;
  messageId?: string;
  message: string;
  /** `path:line` of its primary file or declaration evidence, when it has one. */
  location?: string;
}

export interface StatusChange<T> { old: T; new: T }

export interface ChangedFinding extends DiffFinding {
  /** The old status (`status` is the new one). */
  oldStatus: Status;
}

export interface ComponentChange {
  name: string;
  /** Absent: not named in that report. */
  old?: Status;
  new?: Status;
}

export interface ReportDiff {
  candidate: StatusChange<string>;
  verdict: StatusChange<Status>;
  /** Indicators whose verdict changed, in report order. */
  indicators: ({ id: IndicatorId; title: string } & StatusChange<Status | null>)[];
  added: DiffFinding[];
  resolved: DiffFinding[];
  changed: ChangedFinding[];
  /** The candidate's concluded licence (`candidate.license`), when it changed; null: none concluded. */
  license?: StatusChange<string | null>;
  /** Closed components named by the platform-independence findings that came, went or changed status. */
  closedComponents: ComponentChange[];
}

const ATTENTION: ReadonlySet<Status> = new Set(['fail', 'gap', 'error']);

function place(evidence: readonly Evidence[]): string | undefined {
  const located = evidence.filter((e): e is Extract<Evidence, { kind: 'file' | 'declaration' }> => e.kind === 'file' || e.kind === 'declaration');
  const primary = located.find((e) => e.line !== undefined) ?? located[0];
  if (!primary) return undefined;
  const where = primary.line !== undefined ? `${primary.path}:${primary.line}` : primary.path;
  return primary.kind === 'declaration' ? `${where} ${primary.key}` : where;
}

function shown(finding: Finding, fingerprint: string): DiffFinding {
  const location = place(finding.evidence);
  return {
    fingerprint,
    ruleId: finding.ruleId,
    ...(finding.ruleAlias ? { ruleAlias: finding.ruleAlias } : {}),
    indicator: finding.indicator,
    level: finding.level,
    status: finding.status,
    ...(finding.messageId ? { messageId: finding.messageId } : {}),
    message: finding.message,
    ...(location ? { location } : {}),
  };
}

function indexed(report: Report): Map<string, Finding> {
  const prints = fingerprintAll(report.findings);
  return new Map(report.findings.map((finding, index) => [prints[index]!, finding]));
}

const byIndicator = (a: DiffFinding, b: DiffFinding): number =>
  INDICATOR_IDS.indexOf(a.indicator) - INDICATOR_IDS.indexOf(b.indicator);

export function diffReports(oldReport: Report, newReport: Report): ReportDiff {
  const before = indexed(oldReport);
  const after = indexed(newReport);
  const added: DiffFinding[] = [];
  const changed: ChangedFinding[] = [];
  const resolved: DiffFinding[] = [];
  for (const [print, finding] of after) {
    if (!ATTENTION.has(finding.status)) continue;
    const old = before.get(print);
    if (!old || !ATTENTION.has(old.status)) added.push(shown(finding, print));
    else if (old.status !== finding.status) changed.push({ ...shown(finding, print), oldStatus: old.status });
  }
  for (const [print, finding] of before) {
    if (!ATTENTION.has(finding.status)) continue;
    const now = after.get(print);
    if (!now || !ATTENTION.has(now.status)) resolved.push(shown(finding, print));
  }

  const oldVerdicts = new Map(oldReport.indicators.map((i) => [i.id, i]));
  const newVerdicts = new Map(newReport.indicators.map((i) => [i.id, i]));
  const indicators = INDICATOR_IDS.flatMap((id) => {
    const o = oldVerdicts.get(id);
    const n = newVerdicts.get(id);
    if ((o?.verdict ?? null) === (n?.verdict ?? null)) return [];
    return [{ id, title: n?.title ?? o?.title ?? id, old: o?.verdict ?? null, new: n?.verdict ?? null }];
  });

  const oldLicense = oldReport.candidate.license?.expression ?? null;
  const newLicense = newReport.candidate.license?.expression ?? null;

  return {
    candidate: { old: oldReport.candidate.name, new: newReport.candidate.name },
    verdict: { old: oldReport.verdict, new: newReport.verdict },
    indicators,
    added: added.sort(byIndicator),
    resolved: resolved.sort(byIndicator),
    changed: changed.sort(byIndicator),
    ...(oldLicense !== newLicense ? { license: { old: oldLicense, new: newLicense } } : {}),
    closedComponents: componentChanges(closedComponents(oldReport), closedComponents(newReport)),
  };
}

function componentChanges(before: readonly ClosedComponent[], after: readonly ClosedComponent[]): ComponentChange[] {
  const key = (c: ClosedComponent): string => c.name.toLowerCase();
  const old = new Map(before.map((c) => [key(c), c]));
  const now = new Map(after.map((c) => [key(c), c]));
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  return names.flatMap((name) => {
    const o = old.get(name);
    const n = now.get(name);
    if (o?.status === n?.status) return [];
    return [{ name: (n ?? o)!.name, ...(o ? { old: o.status } : {}), ...(n ? { new: n.status } : {}) }];
  });
}

/** Whether the diff is empty: nothing came, went or changed. */
export function isUnchanged(diff: ReportDiff): boolean {
  return diff.added.length === 0 && diff.resolved.length === 0 && diff.changed.length === 0 && diff.indicators.length === 0
    && diff.license === undefined && diff.closedComponents.length === 0 && diff.verdict.old === diff.verdict.new;
}

/**
 * `--fail-on`, as in the check: a requirement finding (advice never counts) that
 * newly reaches the level, because it is new or because its status rose to it
 * (a gap turning into a fail, with `--fail-on fail`).
 */
export function reachesFailOn(diff: ReportDiff, failOn: FailOn): boolean {
  const requirement = (f: DiffFinding): boolean => f.level !== 'advice';
  return diff.added.some((f) => requirement(f) && exceedsFailOn(f.status, failOn))
    || diff.changed.some((f) => requirement(f) && exceedsFailOn(f.status, failOn) && !exceedsFailOn(f.oldStatus, failOn));
}
