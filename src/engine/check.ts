/**
 * Checks one candidate, along one path whatever the target:
 *
 *   source.open (../sources: local, git, GitHub, GitLab, declaration-only)
 *   → resolveConfig (./config.ts: the reviewer's and the candidate's)
 *   → selectRules (./select.ts) → loadDeclaration (./declaration.ts)
 *   → links (--online) → checkSnapshot: facts, rules, report.
 *
 * The CLI and batch call this; it prints nothing. Problems that make a check
 * impossible throw `CheckError` (exit 2).
 */
import ignore from 'ignore';
import type { LinkStatus, Rule } from '../rule-api.js';
import { INDICATOR_IDS, INDICATOR_TITLES, STANDARD_VERSION, aggregate, decisive, type Finding, type Report, type RuleLevel, type SolutionType } from '../model.js';
import { findRule } from './rule-names.js';
import { questionnaireSummary } from '../declaration/questionnaire.js';
import type { Snapshot, TextSearch } from '../snapshot/types.js';
import { withoutPaths } from '../snapshot/memory.js';
import { formatDeclarationError, makeDeclarationView, type LoadedDeclaration } from '../declaration/load.js';
import { checkLinks, declaredEvidenceUrls, defaultNetwork, sourceFor, type CandidateSource, type NetworkOptions } from '../sources/index.js';
import { computeFacts } from './facts.js';
import { createRuleContext } from './context.js';
import { runRules, DEFAULT_RULE_TIMEOUT_MS } from './runner.js';
import {
  DEFAULT_CONFIG, candidateConfigFile, candidateConfigReader, describeTrust, readCandidateConfig, readReviewerConfig, refusalWarning, resolveConfig, ruleSetting,
  type Config, type ConfigResolution,
} from './config.js';
import { loadDeclaration } from './declaration.js';
import { CheckError, asCheckError } from './errors.js';
import { readPlan } from './read-plan.js';
import { selectRules } from './select.js';
import { builtInRules } from '../../rules/index.js';
import { TOOL_VERSION } from '../version.js';
import { concludeLicense } from '../licenses/conclude.js';
import { normalizeSpdx } from '../licenses/spdx.js';
import { loadLicenseIndex } from '../licenses/license-index.js';

export { CheckError } from './errors.js';
export { selectRules } from './select.js';

export interface CheckOptions {
  /** What to check: a directory or a repository URL (see `sourceFor`), or a source already made (declaration-only). */
  target: string | CandidateSource;
  /** `--path`: a subfolder of the target (monorepo). */
  subPath?: string;
  /** `--declaration`: a declaration file, relative to the working directory. */
  declarationFile?: string;
  /** `--type`: solution types that override the declaration's. */
  types?: SolutionType[];
  /** `--config`: the reviewer's config file, relative to the working directory. */
  configFile?: string;
  /** Only these rules (by id or alias); all when absent. */
  only?: readonly string[];
  /** `--online`: check that the declaration's evidence URLs resolve (facts.links). */
  online?: boolean;
  /**
   * Whether the candidate's own config is trusted: applied, its exemptions listed, its packs (code) loaded. The
   * CLI trusts it for a single local check (your own repository, as ESLint does); batch checks pass false, and
   * remote checks never trust it. An untrusted config is read and reported, never applied (docs/security.md).
   */
  trustCandidateConfig?: boolean;
  /** Remote targets and `--online`: tokens, cache, endpoints and the request log (default: from process.env). */
  network?: NetworkOptions;
}

export async function checkCandidate(options: CheckOptions): Promise<Report> {
  try {
    return await checkAlongThePath(options);
  } catch (error) {
    throw asCheckError(error);
  }
}

async function checkAlongThePath(options: CheckOptions): Promise<Report> {
  const started = performance.now();
  const network = options.network ?? defaultNetwork();
  const source = typeof options.target === 'string' ? sourceFor(options.target, network) : options.target;
  // Read when first needed: a remote source asks for the read plan after its target proved valid, a local one never.
  const reviewer = once(() => (options.configFile ? readReviewerConfig(options.configFile) : undefined));
  const reviewerRules = once(() => selectRules(reviewer() ?? DEFAULT_CONFIG, options.only));
  const opened = await source.open({
    ...(options.subPath ? { subPath: options.subPath } : {}),
    readPlan: async () => readPlan(await reviewerRules(), reviewer() ?? DEFAULT_CONFIG),
    // The built-ins' searches start their workers while a large work tree is listed (all of them unless --only picks
    // rules); a config that turns such a rule off is read after the listing, and costs that search's time on the
    // other core, nothing more.
    ...(options.only ? {} : { searches: BUILT_IN_SEARCHES }),
    // Every check identifies licence texts; loading their index (20–30 ms) costs nothing while git lists the files.
    whileListing: () => { loadLicenseIndex(); },
  });
  const snapshotMs = performance.now() - started;
  // The one place the candidate's config meets the reviewer's (src/engine/config.ts, resolveConfig): trusted, it
  // applies whole; untrusted (batch, remote) or replaced by --config, it is read only to report what it asked for.
  const reviewerConfig = reviewer();
  const trusted = opened.trusted && options.trustCandidateConfig !== false;
  const configWarnings: string[] = [];
  const candidate = readCandidateConfig(candidateConfigFile(opened.snapshot), candidateConfigReader(opened.snapshot, opened.directory), trusted && !reviewerConfig, configWarnings);
  const resolution = resolveConfig({ reviewer: reviewerConfig, candidate, trusted });
  const { config } = resolution;
  const rules = config === (reviewerConfig ?? DEFAULT_CONFIG) ? await reviewerRules() : await selectRules(config, options.only);
  const declaration = loadDeclaration(opened, options.declarationFile);
  const links = options.online ? await checkDeclaredLinks(declaration, network) : undefined;
  const report = await checkSnapshot({
    snapshot: opened.snapshot, declaration, config, rules, resolution,
    ...(options.types ? { types: options.types } : {}),
    ...(links ? { links } : {}),
    fallbackName: opened.fallbackName,
  });
  if (configWarnings.length > 0) report.warnings = [...(report.warnings ?? []), ...configWarnings];
  report.timings.snapshotMs = round(snapshotMs);
  report.timings.totalMs = round(performance.now() - started);
  return report;
}

/** `--online`: the statuses of the declaration's evidence URLs. */
async function checkDeclaredLinks(declaration: LoadedDeclaration | undefined, network: NetworkOptions): Promise<ReadonlyMap<string, LinkStatus>> {
  const urls = declaration?.data ? declaredEvidenceUrls(declaration.data) : [];
  return checkLinks(urls, { log: network.log });
}

/** The reviewer's `--config` and the rules it selects, checked once (batch reads it before any candidate). */
export async function loadReviewerConfig(file: string): Promise<{ config: Config; rules: Rule[] }> {
  try {
    const config = readReviewerConfig(file);
    return { config, rules: await selectRules(config) };
  } catch (error) {
    throw asCheckError(error);
  }
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) { value = compute(); done = true; }
    return value;
  };
}

export interface SnapshotCheck {
  snapshot: Snapshot;
  /** The loaded declaration, or undefined when the candidate has none. */
  declaration: LoadedDeclaration | undefined;
  config?: Config;
  /** The rules to run (built-ins, plus packs the caller loaded). */
  rules?: readonly Rule[];
  types?: SolutionType[];
  /** Candidate name when neither the declaration nor a manifest names it. */
  fallbackName: string;
  /** `--online`: what the declaration's URLs answered (becomes `facts.links`). */
  links?: ReadonlyMap<string, LinkStatus>;
  /** How `config` was decided (resolveConfig): the report lists its exemptions, refusals and packs. */
  resolution?: ConfigResolution;
}

/**
 * The source-independent core: runs the rules over a snapshot and a
 * declaration already loaded. Local, remote and declaration-only candidates
 * (batch over a registry) all come through here.
 */
export async function checkSnapshot(input: SnapshotCheck): Promise<Report> {
  const started = performance.now();
  const { snapshot, declaration: loaded } = input;
  const config = input.config ?? DEFAULT_CONFIG;
  const rules = input.rules ?? builtInRules;
  if (loaded && !loaded.valid) {
    throw new CheckError(`the declaration ${loaded.file} is not valid:\n${loaded.errors.map(formatDeclarationError).join('\n')}`);
  }
  const ignored: NonNullable<Report['ignored']> = [];
  let checked = snapshot;
  if (config.ignore.length > 0) {
    const matcher = ignore().add(config.ignore.map((entry) => entry.path));
    checked = withoutPaths(snapshot, (p) => matcher.ignores(p));
    for (const entry of config.ignore) ignored.push({ path: entry.path, reason: entry.reason });
  }
  for (const [id, setting] of config.rules) if (!setting.enabled) ignored.push({ ruleId: id, reason: `turned off in ${config.file}` });

  const enabled = rules.filter((rule) => ruleSetting(config, rule)?.enabled !== false);
  // Searches ahead start first: a worker thread searches the tree on the other core while the facts are computed
  // and the other rules run; the rules that asked await the answer (src/snapshot/types.ts, `searchWithout`).
  for (const rule of enabled) if (rule.meta.searches) void checked.searchWithout?.(rule.meta.searches);
  const view = makeDeclarationView(loaded);
  const computed = computeFacts(checked, view, input.types, config.paths);
  const facts = input.links ? Object.freeze({ ...computed, links: input.links }) : computed;
  const rulesStarted = performance.now();
  const findings = await runRules(
    enabled,
    (rule) => createRuleContext(checked, view, facts, ruleSetting(config, rule)?.options ?? {}),
    { timeoutMs: config.ruleTimeoutMs ?? DEFAULT_RULE_TIMEOUT_MS, plainOutcomes: (rule) => BUILT_IN.has(rule) },
  );
  const rulesMs = performance.now() - rulesStarted;
  const licenses = [...facts.licenses, ...hostLicense(snapshot)];
  const report = buildReport({
    name: loaded?.data?.name ?? packageName(snapshot) ?? input.fallbackName,
    types: [...facts.types],
    snapshot,
    declaration: loaded ? { path: loaded.file, valid: loaded.valid } : { path: null, valid: false },
    findings,
    licenses,
    license: concludeLicense(licenses),
    timings: { totalMs: round(performance.now() - started), snapshotMs: 0, rulesMs: round(rulesMs), files: checked.paths.length },
    ignored,
    pathClasses: facts.paths.summary,
    questionnaire: questionnaireSummary(loaded?.data, facts.types),
  });
  if (input.resolution) {
    // Rules turned off are not in `rules`: the built-ins give their levels (a pack's rule turned off counts as a
    // requirement). A config key may be an id, an alias, a former id or a tag (src/engine/rule-names.ts); a tag
    // is a requirement exemption when any rule it turns off is a requirement.
    const known = [...builtInRules, ...rules];
    const levelOf = (name: string): RuleLevel | undefined => {
      const rule = findRule(known, name);
      if (rule) return rule.meta.level;
      const tagged = known.filter((r) => r.meta.tags?.includes(name));
      if (tagged.length === 0) return undefined;
      return tagged.some((r) => r.meta.level === 'requirement') ? 'requirement' : 'advice';
    };
    const trust = describeTrust(input.resolution, levelOf);
    if (trust) report.config = trust;
    const warning = refusalWarning(trust);
    if (warning) report.warnings = [...(report.warnings ?? []), warning];
  }
  return report;
}

function buildReport(input: {
  name: string; types: SolutionType[]; snapshot: Snapshot; declaration: Report['candidate']['declaration'];
  findings: Finding[]; licenses: Report['licenses']; timings: Report['timings']; ignored?: Report['ignored'];
  pathClasses?: Report['pathClasses']; questionnaire?: Report['questionnaire']; license?: Report['candidate']['license'];
}): Report {
  // Verdicts come from requirement findings only: advice is reported, never counted (docs/policy.md).
  const requirements = decisive(input.findings);
  const indicators = INDICATOR_IDS.map((id) => ({
    id,
    title: INDICATOR_TITLES[id],
    verdict: aggregate(requirements.filter((f) => f.indicator === id).map((f) => f.status)),
  }));
  return {
    reportVersion: 2,
    tool: { name: 'dpg-check', version: TOOL_VERSION },
    standard: { name: 'DPG Standard', version: STANDARD_VERSION },
    candidate: {
      name: input.name, types: input.types, sources: [input.snapshot.source], declaration: input.declaration,
      ...(input.license ? { license: input.license } : {}),
    },
    verdict: aggregate(indicators.map((i) => i.verdict)),
    indicators,
    findings: input.findings,
    licenses: input.licenses,
    timings: input.timings,
    ...(input.ignored && input.ignored.length > 0 ? { ignored: input.ignored } : {}),
    ...(input.snapshot.warnings.length > 0 ? { warnings: [...input.snapshot.warnings] } : {}),
    ...(input.pathClasses ? { pathClasses: input.pathClasses } : {}),
    ...(input.questionnaire ? { questionnaire: input.questionnaire } : {}),
  };
}

function packageName(snapshot: Snapshot): string | undefined {
  const text = snapshot.has('package.json') ? snapshot.read('package.json')?.text : undefined;
  const match = text ? /"name"\s*:\s*"([^"]+)"/.exec(text) : null;
  return match?.[1];
}

/** The built-in rules: their outcomes are plain data (src/engine/runner.ts reads them without a guard). */
const BUILT_IN: ReadonlySet<Rule> = new Set(builtInRules);
/** The built-in rules' `meta.searches`, one of each (the two secrets rules share theirs). */
const BUILT_IN_SEARCHES: readonly TextSearch[] = [...new Set(builtInRules.flatMap((rule) => (rule.meta.searches ? [rule.meta.searches] : [])))];

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** The licence the host detected, listed in the report (not in facts: rules weigh it themselves, see rules/host). */
function hostLicense(snapshot: Snapshot): Report['licenses'] {
  const spdx = snapshot.host?.license;
  if (!spdx || /^(NOASSERTION|NONE|other)$/i.test(spdx)) return [];
  const normalized = normalizeSpdx(spdx);
  if (normalized.spdx === 'NOASSERTION') return [];
  return [{ spdx: normalized.spdx, path: 'host', confidence: 0.9, method: 'host', scope: 'project', ...(normalized.spdx !== spdx ? { raw: spdx } : {}) }];
}
