/**
 * The report model: the words of BRIEF §2 and the JSON contract of BRIEF §8.
 * Everything downstream of the rules (reporters, batch, outside scripts) reads
 * only these types.
 */

export const STANDARD_VERSION = '1.1.7';

/** The eleven (sub)indicators of the DPG Standard, in report order. */
export const INDICATOR_IDS = ['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c'] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const INDICATOR_TITLES: Readonly<Record<IndicatorId, string>> = {
  '1': 'Relevance to Sustainable Development Goals',
  '2': 'Use of Approved Open Licenses',
  '3': 'Clear Ownership',
  '4': 'Platform Independence',
  '5': 'Documentation',
  '6': 'Mechanism for Extracting Data and Content',
  '7': 'Adherence to Privacy and Applicable Laws',
  '8': 'Adherence to Standards & Best Practices',
  '9a': 'Data Privacy & Security',
  '9b': 'Inappropriate & Illegal Content',
  '9c': 'Protection from Harassment',
};

export const STATUSES = ['pass', 'fail', 'gap', 'n/a', 'error'] as const;
export type Status = (typeof STATUSES)[number];

/** Solution types of the DPG questionnaire ("Solution category"), plus open standards. */
export const SOLUTION_TYPES = ['software', 'content', 'data', 'aimodel', 'standard'] as const;
export type SolutionType = (typeof SOLUTION_TYPES)[number];

/** Where a finding's evidence lives. Paths are relative to the candidate root, with `/`. */
export type Evidence =
  | { kind: 'file'; path: string; line?: number; column?: number; excerpt?: string }
  | { kind: 'declaration'; path: string; key: string; line?: number; column?: number }
  | { kind: 'url'; url: string }
  | { kind: 'host'; key: string; value?: string }
  | { kind: 'note'; text: string };

/**
 * `requirement`: the rule enforces a sentence of the DPG Standard; its findings decide verdicts and the exit code.
 * `advice`: good practice the Standard does not demand; shown apart, never changes a verdict.
 */
export const RULE_LEVELS = ['requirement', 'advice'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export interface Finding {
  ruleId: string;
  /** Whether the rule encodes a requirement of the Standard or advice. Engine-made findings are `requirement`. */
  level: RuleLevel;
  /** The rule's readable alias, e.g. `license-approved`. */
  ruleAlias?: string;
  indicator: IndicatorId;
  status: Status;
  /** The rule's message id, stable across wording changes. Absent for engine-made findings. */
  messageId?: string;
  message: string;
  evidence: Evidence[];
  remediation?: string;
  /** Link into the DPG Standard or its guidance, attached by the engine from the rule's metadata. */
  docsUrl?: string;
  /** With `--baseline`: whether the baseline report has this finding (`unchanged`) or not (`new`); see `src/fingerprint.ts`. */
  baseline?: BaselineState;
}

/**
 * A finding's state against a baseline report (`--baseline`), in SARIF's words: `new` (not in the baseline),
 * `unchanged` (in the baseline with the same status), `absent` (in the baseline, gone now: resolved).
 */
export const BASELINE_STATES = ['new', 'unchanged', 'absent'] as const;
export type BaselineState = (typeof BASELINE_STATES)[number];

/** What a check compared against with `--baseline`. */
export interface BaselineSummary {
  /** The baseline report as it was given on the command line. */
  path: string;
  /** The baseline's findings that this check no longer reports (resolved, or changed status), each marked `absent`. */
  absent: Finding[];
}

export interface IndicatorVerdict {
  id: IndicatorId;
  title: string;
  verdict: Status;
}

export interface SourceInfo {
  kind: 'local' | 'git' | 'github' | 'gitlab' | 'declaration-only';
  location: string;
  revision?: string;
}

/** Which part of the candidate a licence covers. */
export type LicenseScope = 'project' | 'component' | 'third-party';

export interface IdentifiedLicense {
  /** SPDX id or expression as found, never silently corrected; `NOASSERTION` for a licence file whose licence could not be identified. */
  spdx: string;
  /** File, manifest, `declaration` or `host` the licence came from. */
  path: string;
  confidence: number;
  /** `text`: identified from the licence text; `notice`: a sentence or title naming the licence. */
  method: 'declared' | 'spdx-header' | 'manifest' | 'text' | 'notice' | 'filename' | 'host';
  line?: number;
  /** A person must review it: "probably this licence" (a modified text), or a licence file nothing matches. */
  review?: true;
  /** How the text differs from the licence (`line 12: added "…"`), when `review`. */
  diff?: string[];
  /** How it was found, in words (`REUSE licence file for MIT`, `R licence stub completing "MIT + file LICENSE"`). */
  note?: string;
  /** What the file or manifest wrote, when `spdx` had to be normalised from it (`The MIT License (MIT)`, `GPL`). */
  raw?: string;
  /** `project`: the candidate's licence; `component`: a part of the candidate under its own licence (see `covers`); `third-party`: vendored code. */
  scope?: LicenseScope;
  /** For a component: the folder (or file) it covers, relative to the root. */
  covers?: string;
}

export interface Report {
  reportVersion: 2;
  tool: { name: 'dpg-check'; version: string };
  standard: { name: 'DPG Standard'; version: string };
  candidate: {
    name: string;
    types: SolutionType[];
    sources: SourceInfo[];
    declaration: { path: string | null; valid: boolean; errors?: string[] };
    /** The candidate's own licence, concluded from the project-scope licences found (absent when none was identified). */
    license?: { expression: string; evidence: Evidence[] };
  };
  verdict: Status;
  indicators: IndicatorVerdict[];
  findings: Finding[];
  licenses: IdentifiedLicense[];
  timings: { totalMs: number; snapshotMs: number; rulesMs: number; files: number };
  /** What the config file left out: rules turned off and paths ignored, each with its reason. */
  ignored?: { ruleId?: string; path?: string; reason: string }[];
  /** Notes from the snapshot (symlinks out of the root, unreadable files, read budget). */
  warnings?: string[];
  /** What is the candidate's own: files per path class, and the folders or files where each non-own class begins. */
  pathClasses?: PathClassSummary;
  /** How much of the DPG application questionnaire the declaration answers (for product owners; never a verdict). */
  questionnaire?: QuestionnaireSummary;
  /** With `--baseline`: the report compared against, and its findings no longer reported. */
  baseline?: BaselineSummary;
  /**
   * Whose config applied and what it changed: the exemptions it makes, what a candidate's own config asked for and
   * was refused (batch and remote checks), the rule packs loaded. Present when any of these is not empty.
   */
  config?: ConfigTrust;
}

/** What a config file asks for: turn a rule off, change its options, ignore or reclass a path, load a pack, set the rule timeout. */
export const CONFIG_REQUEST_KINDS = ['rule-off', 'rule-options', 'ignore', 'path-class', 'pack', 'rule-timeout'] as const;
export type ConfigRequestKind = (typeof CONFIG_REQUEST_KINDS)[number];

export interface ConfigRequest {
  kind: ConfigRequestKind;
  /** The config file that asks it, as shown to the user. */
  file: string;
  ruleId?: string;
  path?: string;
  class?: PathClass;
  pack?: string;
  timeoutMs?: number;
  /** The reason the config gives (ignores and path classes require one). */
  reason?: string;
}

/** A config request as reports show it. */
export interface ConfigEntry extends ConfigRequest {
  /** For a rule: its level, when the rule is known (an unknown rule counts as a requirement). */
  level?: RuleLevel;
  /** In words: `turn off dpg-9a-03`, `ignore vendor/ (third-party code)`. */
  text: string;
}

export interface ConfigTrust {
  /** Whose config applied: the reviewer's `--config`, the candidate's own (a local check of one's own repository), or none. */
  source: 'reviewer' | 'candidate' | 'defaults';
  /** The applied config file, when there is one. */
  file?: string;
  /** What the applied config exempts from the Standard's requirements: requirement rules turned off, paths ignored or reclassed. */
  exemptions: ConfigEntry[];
  /** What the candidate's own config asked for and was not applied. */
  refused: ConfigEntry[];
  /** Why it was not applied: `untrusted` (a batch or remote check: someone else's repository) or `replaced` (a `--config` was given). */
  refusedBecause?: 'untrusted' | 'replaced';
  /** Rule packs loaded: code that ran with the user's rights. */
  packs: string[];
}

/**
 * Path classes: what a file is to the candidate. `own` code and content; `test` (tests and fixtures);
 * `vendored` third-party code; `example` (examples and demos); `docs-site` (a documentation site's own
 * tooling and pages); `dev-env` (development environments: dev containers, sample env files, dev/test
 * compose files); `ci` (CI/CD and repository automation).
 */
export const PATH_CLASSES = ['own', 'test', 'vendored', 'example', 'docs-site', 'dev-env', 'ci'] as const;
export type PathClass = (typeof PATH_CLASSES)[number];

export interface PathClassSummary {
  counts: Record<PathClass, number>;
  /** Where each non-own class begins (`test/`, `web/static/lib/jquery-3.5.1/`), with its file count and why. */
  roots: { path: string; class: PathClass; files: number; reason: string }[];
}

export interface QuestionnaireSummary {
  answered: number;
  total: number;
  /** The questions not answered, each with the declaration key that answers it. */
  unanswered: { indicator: IndicatorId | 'general'; key: string; question: string }[];
}

/** The findings that decide verdicts and exit codes: requirement findings only (advice is shown, never counted). */
export function decisive<T extends Pick<Finding, 'level'>>(findings: readonly T[]): T[] {
  return findings.filter((f) => f.level !== 'advice');
}

/** BRIEF §2: any fail → fail; else any error → error; else any gap → gap; else any pass → pass; else n/a. */
export function aggregate(statuses: Iterable<Status>): Status {
  const seen = new Set(statuses);
  for (const s of ['fail', 'error', 'gap', 'pass'] as const) if (seen.has(s)) return s;
  return 'n/a';
}

/** Order of severity used by `--fail-on`: a finding "at or above" a level. */
export const FAIL_ON_LEVELS = ['fail', 'gap'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/**
 * The findings the exit code counts: requirement findings, and with a baseline only those not in it
 * (`--baseline`: CI fails on what a change breaks, not on what was already known).
 */
export function counted<T extends Pick<Finding, 'level' | 'baseline'>>(findings: readonly T[]): T[] {
  return decisive(findings).filter((f) => f.baseline !== 'unchanged');
}

export function exceedsFailOn(status: Status, failOn: FailOn): boolean {
  if (status === 'fail' || status === 'error') return true;
  return failOn === 'gap' && status === 'gap';
}
