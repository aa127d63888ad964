/**
 * The rule API. Built-in rules and rule packs use exactly this module: a rule
 * is metadata plus one check function of a frozen, read-only context. The
 * engine, not the rule, attaches the rule id, indicator, remediation and docs
 * link to each finding. Rules do no I/O.
 */
import type { Evidence, IndicatorId, SolutionType, Status, IdentifiedLicense, RuleLevel } from './model.js';
import type { PathClass, PathClasses } from './engine/path-classes.js';
import type { ManifestKind, ParsedManifest } from './manifests/types.js';
import type { ApprovedLicenseTable, LicenseJudgement, LicenseKind } from './licenses/policy.js';
import type { Declaration } from './declaration/types.js';
import type { Snapshot, TextSearch } from './snapshot/types.js';
import { isPrintableAscii } from './snapshot/text.js';

// The types a rule reads and returns, so that a rule imports its whole API from here (built-ins and packs alike).
export type { Evidence, IndicatorId, SolutionType, Status, IdentifiedLicense, RuleLevel, PathClass } from './model.js';
export type { Declaration, HandlingLevel, OwnerType } from './declaration/types.js';
export type { Snapshot, FileText, HostMetadata, ReadOptions, SkipReason, TextSearch } from './snapshot/types.js';
export type { PathClasses } from './engine/path-classes.js';

export interface RuleMeta {
  /**
   * Stable id, never reused. Built-in rules: `dpg-<indicator>-<nn>` (`dpg-2-07`). A pack's rules: `<pack>/<name>`
   * (`dpi/federation`), one prefix per pack, so that no pack id can equal a built-in one.
   */
  id: string;
  /** Readable alias, e.g. `license-approved`. */
  alias: string;
  indicator: IndicatorId;
  title: string;
  /**
   * `requirement`: the rule enforces a sentence of the DPG Standard (quoted in `requirement`); its findings decide
   * the indicator's verdict, the overall verdict and the exit code. `advice`: good practice the Standard does not
   * demand (a SECURITY.md, dependency automation…), shown apart and never turning an indicator to gap or fail.
   */
  level: RuleLevel;
  /** For a requirement: the sentence of the Standard (or its changelog) the rule enforces, and where it is. */
  requirement?: { quote: string; url: string };
  /** In plain words, for docs/policy.md: what makes this rule fail, and what makes it a gap (`—` when it never does). */
  policy?: { fail: string; gap: string };
  /** Solution types the rule applies to; for other types the engine reports `n/a`. */
  appliesTo: readonly SolutionType[] | 'all';
  /** DPG Standard version whose text this rule implements (a built-in rule's indicator folder declares it: `defineIndicatorRules`). */
  standardVersion: string;
  /** Why this matters, in a sentence or two (shown by `explain`). */
  motivation: string;
  /** Message templates by id; `{name}` placeholders are filled from `data`. */
  messages: Readonly<Record<string, string>>;
  /** What to do about a fail or gap. */
  remediation: string;
  /** Link into the DPG Standard or its guidance. */
  docsUrl: string;
  /** File patterns the rule reads (e.g. `README*`, `**\/package.json`); sources prefetch them. */
  reads?: readonly string[];
  /**
   * Strings the rule looks for in every file (a secrets scan's token prefixes): a source that can search a whole
   * tree at once (a local git work tree) starts that search before the rules run, and the rule's
   * `await context.snapshot.searchWithout?.(meta.searches, waitMs)` tells it which files hold none of them (waiting at
   * most `waitMs`, 2 s by default, for a search still running).
   */
  searches?: TextSearch;
  /** Tags (`host`, `online`): a `rules:` key of `.dpg-check.yml` that is a tag turns on or off every rule carrying it. */
  tags?: readonly string[];
  /**
   * JSON Schema (draft 2020-12) of the rule's options, the `options` of its `rules.<id>` entry in `.dpg-check.yml`,
   * as ESLint's `meta.schema`: configured options are validated against it before the check (a located config
   * error, exit 2), and docs/rules.md shows it. A rule without one takes no options (or reads them defensively).
   */
  schema?: Readonly<Record<string, unknown>>;
  /** A declaration the rule passes and one it fails (or, for a rule that never fails, leaves a gap), for the docs. */
  examples?: Readonly<{ pass?: RuleExample; fail?: RuleExample }>;
}

/**
 * A candidate in a few lines, for a rule's documentation: its declaration (dpg.yml text) and, when the rule
 * reads the repository too, the files beside it. test/rule-examples.test.ts checks the rule reports `status`.
 */
export interface RuleExample {
  /** The dpg.yml text. */
  declaration: string;
  /** Other files of the candidate, path → text. */
  files?: Readonly<Record<string, string>>;
  /** The status the rule reports on it (default: pass for `pass`, fail for `fail`). */
  status?: 'pass' | 'fail' | 'gap';
  /** What makes it pass or fail, in a sentence. */
  note?: string;
}

export interface RuleOutcome {
  status: Exclude<Status, 'error'>;
  messageId: string;
  data?: Readonly<Record<string, string | number>>;
  evidence?: Evidence[];
}

/** Values derived once per candidate and shared by rules. */
export interface Facts {
  /** Solution types: `--type` if given, else the declaration's `types`, else `software`. */
  readonly types: readonly SolutionType[];
  readonly typesSource: 'option' | 'declaration' | 'default';
  /** README at the root (`README`, `README.md`, …), if any. */
  readonly readme?: string;
  /** Licence-like files (LICENSE, LICENCE, COPYING, UNLICENSE…), root first; a `<name>-license` document with no word of a licence in it (a how-to about a product's licence key) is left out. */
  readonly licenseFiles: readonly string[];
  /** What each path is to the candidate (own, test, vendored, example, docs-site, dev-env, ci): decide with this, not a regex of your own. */
  readonly paths: PathClasses;
  /** Licences identified in the candidate (manifests, SPDX headers, declared, texts). */
  readonly licenses: readonly IdentifiedLicense[];
  /**
   * The dependency manifests, lockfiles and container files of the whole tree,
   * each parsed at most once per candidate (on first use) and shared by every
   * rule: read these instead of parsing manifests yourself.
   */
  readonly dependencies: DependencyFacts;
  /**
   * The licence judgement (`judgeLicense` of `dpg-check/helpers`), memoised
   * for the candidate: each expression is judged once per kind and table, and
   * every rule gets the same frozen answer.
   */
  readonly judgeLicense: (expression: string, kind: LicenseKind, table: ApprovedLicenseTable) => LicenseJudgement;
  /**
   * `--online` only: what each URL of the declaration answered, keyed by the
   * URL as written there (trimmed). Absent when links were not checked.
   */
  readonly links?: ReadonlyMap<string, LinkStatus>;
}

export interface DependencyFacts {
  /** Every file the manifest reader understands, in the snapshot's order (listed from paths alone, on first access). */
  readonly manifests: readonly ManifestFact[];
}

export interface ManifestFact {
  readonly path: string;
  readonly kind: ManifestKind;
  /** What the path is to the candidate (`facts.paths.classOf`). */
  readonly pathClass: PathClass;
  /** What it declares, with scopes; read and parsed on first access, frozen. `undefined` when the file cannot be read. */
  readonly parsed: ParsedManifest | undefined;
}

/**
 * A checked URL. `broken`: it does not lead anywhere (404, 410, unknown host,
 * bad certificate, redirect loop). `unverified`: the check could not tell
 * (401/403/429, 5xx, timeout, refused connection) — never counted as broken.
 */
export interface LinkStatus {
  readonly state: 'ok' | 'broken' | 'unverified';
  /** Final HTTP status, when there was one. */
  readonly status?: number;
  /** Where redirects ended, when they did. */
  readonly finalUrl?: string;
  /** Plain words: `404 Not Found`, `host not found`, `timeout`. */
  readonly reason: string;
}

export interface DeclarationView {
  /** The parsed declaration; `undefined` when none was found or it could not be parsed. */
  readonly data: Readonly<Declaration> | undefined;
  /** Path of the declaration file relative to the candidate root (or as given). */
  readonly path: string | null;
  /** Whether it passed schema validation. */
  readonly valid: boolean;
  /** Line and column of a key path such as `licenses[0].spdx`, for evidence. */
  locate(key: string): { line: number; column: number } | undefined;
  /** Evidence pointing at a declaration key (with its line when known). */
  evidence(key: string): Evidence;
}

export interface RuleContext {
  readonly snapshot: Snapshot;
  readonly declaration: DeclarationView;
  readonly facts: Facts;
  /** The rule's options from the config file's `rules.<id>` entry; rules read them defensively. */
  readonly options: Readonly<Record<string, unknown>>;
}

export type CheckResult = RuleOutcome | readonly RuleOutcome[];

export interface Rule {
  readonly meta: Readonly<RuleMeta>;
  check(context: RuleContext): CheckResult | Promise<CheckResult>;
}

/** Declares a rule. Returns it frozen, after checking its metadata is well formed. */
export function defineRule(rule: Rule): Rule {
  const problems = validateRuleMeta(rule);
  if (problems.length > 0) throw new Error(`invalid rule ${rule.meta?.id ?? '(no id)'}: ${problems.join('; ')}`);
  Object.freeze(rule.meta.messages);
  if (rule.meta.requirement) Object.freeze(rule.meta.requirement);
  Object.freeze(rule.meta);
  return Object.freeze(rule);
}

/** What an indicator folder declares once for all its rules: the indicator, the Standard's version, the docs page. */
export type IndicatorFields = Readonly<Pick<RuleMeta, 'indicator' | 'standardVersion' | 'docsUrl'>>;

/**
 * A rule of an indicator folder before the folder completes it: its meta without the fields the folder declares
 * (`indicator`, `standardVersion`, `docsUrl`). It may still give a `docsUrl` of its own (a more specific page than
 * the indicator's); an `indicator` or `standardVersion` it gives must equal the folder's.
 */
export interface RuleDraft {
  readonly meta: Omit<RuleMeta, keyof IndicatorFields> & Partial<IndicatorFields>;
  check(context: RuleContext): CheckResult | Promise<CheckResult>;
}

/** Declares a rule whose indicator fields its folder's `defineIndicatorRules` fills in (typed; checked there). */
export function defineRuleDraft(draft: RuleDraft): RuleDraft {
  return draft;
}

/**
 * The rules of one indicator, declared once for all of them: `defineIndicatorRules({ indicator: '5',
 * standardVersion: STANDARD, docsUrl: guidanceUrl('5') }, [readmeUsable, …])`. Fills the fields into each rule's
 * meta and defines it (`defineRule`: validated, frozen). Throws for a rule that declares another indicator or
 * standard version than its folder, so that a rule moved between folders cannot keep a stale one.
 */
export function defineIndicatorRules(fields: IndicatorFields, drafts: readonly RuleDraft[]): readonly Rule[] {
  return Object.freeze(drafts.map((draft) => {
    for (const key of ['indicator', 'standardVersion'] as const) {
      const own = draft.meta[key];
      if (own !== undefined && own !== fields[key]) throw new Error(`invalid rule ${draft.meta.id}: meta.${key} is ${own}, but its indicator's rules declare ${fields[key]}`);
    }
    return defineRule({ meta: { ...draft.meta, indicator: fields.indicator, standardVersion: fields.standardVersion, docsUrl: draft.meta.docsUrl ?? fields.docsUrl }, check: draft.check.bind(draft) });
  }));
}

const INDICATORS = new Set<string>(['1', '2', '3', '4', '5', '6', '7', '8', '9a', '9b', '9c']);
const TYPES = new Set<string>(['software', 'content', 'data', 'aimodel', 'standard']);

export function validateRuleMeta(rule: unknown): string[] {
  const problems: string[] = [];
  if (typeof rule !== 'object' || rule === null) return ['a rule must be an object with meta and check'];
  const { meta, check } = rule as { meta?: Partial<RuleMeta>; check?: unknown };
  if (typeof check !== 'function') problems.push('check must be a function');
  if (typeof meta !== 'object' || meta === null) return [...problems, 'meta is missing'];
  if (typeof meta.id !== 'string' || !/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/.test(meta.id)) problems.push('meta.id must be kebab-case (a pack\'s rules prefix it with the pack\'s name: `pack/rule`)');
  if (typeof meta.alias !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(meta.alias)) problems.push('meta.alias must be kebab-case');
  if (!INDICATORS.has(String(meta.indicator))) problems.push('meta.indicator must be one of 1–8, 9a, 9b, 9c');
  for (const key of ['title', 'standardVersion', 'motivation', 'remediation', 'docsUrl'] as const) {
    if (typeof meta[key] !== 'string' || meta[key] === '') problems.push(`meta.${key} must be a non-empty string`);
  }
  if (typeof meta.docsUrl === 'string' && meta.docsUrl !== '' && !isUrl(meta.docsUrl)) problems.push('meta.docsUrl must be an http(s) URL');
  if (meta.appliesTo !== 'all' && !(Array.isArray(meta.appliesTo) && meta.appliesTo.length > 0 && meta.appliesTo.every((t) => TYPES.has(t)))) {
    problems.push('meta.appliesTo must be "all" or a non-empty list of solution types');
  }
  if (meta.level !== 'requirement' && meta.level !== 'advice') problems.push('meta.level must be "requirement" or "advice"');
  if (meta.level === 'requirement') {
    const req = meta.requirement;
    if (typeof req !== 'object' || req === null || typeof req.quote !== 'string' || req.quote.trim().length < 20 || typeof req.url !== 'string' || !isUrl(req.url)) {
      problems.push('meta.requirement must quote the sentence of the DPG Standard the rule enforces ({ quote, url }) when meta.level is "requirement"');
    }
  }
  if (meta.level === 'advice' && meta.requirement !== undefined) problems.push('meta.requirement is for requirement rules; advice quotes no requirement');
  if (typeof meta.messages !== 'object' || meta.messages === null || Object.keys(meta.messages).length === 0) problems.push('meta.messages must name at least one message');
  if (meta.searches !== undefined) {
    const { needles, skippedExtensions } = meta.searches as { needles?: unknown; skippedExtensions?: unknown };
    const printable = (value: unknown): boolean => Array.isArray(value) && value.every(isPrintableAscii);
    if (!printable(needles) || (needles as unknown[]).length === 0 || (skippedExtensions !== undefined && !printable(skippedExtensions))) {
      problems.push('meta.searches must be { needles, skippedExtensions? }: non-empty lists of printable ASCII strings');
    }
  }
  if (meta.schema !== undefined && (typeof meta.schema !== 'object' || meta.schema === null || Array.isArray(meta.schema))) problems.push('meta.schema must be a JSON Schema object describing the rule\'s options');
  return problems;
}

/** Fills `{name}` placeholders of a message template. Unknown placeholders stay visible. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** True for http(s) URLs; anything else in an evidence list is a path in the candidate. */
export function isUrl(link: string): boolean {
  return /^https?:\/\//i.test(link.trim());
}
