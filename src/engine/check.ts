/**
 * Checks one candidate: source → snapshot → context → rules → findings →
 * verdicts → report. The CLI and batch call this; it prints nothing.
 * Problems that make a check impossible throw `CheckError` (exit 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import type { LinkStatus, Rule } from '../rule-api.js';
import { INDICATOR_IDS, INDICATOR_TITLES, STANDARD_VERSION, aggregate, decisive, type Finding, type Report, type SolutionType } from '../model.js';
import { questionnaireSummary } from '../declaration/questionnaire.js';
import type { Snapshot } from '../snapshot/types.js';
import { createLocalSnapshot, SnapshotError } from '../snapshot/local.js';
import { withoutPaths } from '../snapshot/memory.js';
import { findDeclaration, formatDeclarationError, makeDeclarationView, readDeclarationFile, type LoadedDeclaration } from '../declaration/load.js';
import { computeFacts } from './facts.js';
import { createRuleContext } from './context.js';
import { runRules, DEFAULT_RULE_TIMEOUT_MS } from './runner.js';
import { CONFIG_FILE_NAMES, ConfigError, DEFAULT_CONFIG, readConfigFile, ruleOptionProblems, type Config } from './config.js';
import { loadPacks, PackError } from './packs.js';
import { builtInRules } from '../../rules/index.js';
import { TOOL_VERSION } from '../version.js';
import { looksRemote } from '../sources/target.js';
import { checkDeclaredLinks, checkRemoteCandidate, networkFor, type NetworkOptions } from './remote.js';
import { concludeLicense } from '../licenses/conclude.js';
import { normalizeSpdx } from '../licenses/spdx.js';

export class CheckError extends Error {}

export interface CheckOptions {
  /** Directory of the candidate. */
  target: string;
  /** `--path`: a subfolder of the target (monorepo). */
  subPath?: string;
  /** `--declaration`: a declaration file, relative to the working directory. */
  declarationFile?: string;
  /** `--type`: solution types that override the declaration's. */
  types?: SolutionType[];
  /** `--config`: a config file, relative to the working directory. */
  configFile?: string;
  /** Only these rules (by id or alias); all when absent. */
  only?: readonly string[];
  /** `--online`: check that the declaration's evidence URLs resolve (facts.links). */
  online?: boolean;
  /**
   * Whether rule packs named by a config found inside the candidate may load. A pack is code: the CLI allows it
   * for a single local check (your own repository, as ESLint does); batch and remote checks never do.
   */
  candidatePacks?: boolean;
  /** Remote targets and `--online`: tokens, cache, endpoints and the request log (default: from process.env). */
  network?: NetworkOptions;
}

export async function checkCandidate(options: CheckOptions): Promise<Report> {
  // A git URL, github:owner/repo, a GitHub or GitLab URL (a path that exists on disk stays local).
  if (looksRemote(options.target)) return checkRemoteCandidate(options);
  const started = performance.now();
  const root = path.resolve(options.target);
  let snapshot: Snapshot;
  try {
    // The target as the user gave it: the report shows it (`.`), not this machine's absolute path.
    snapshot = await createLocalSnapshot(options.target, options.subPath ? { subPath: options.subPath } : {});
  } catch (error) {
    if (error instanceof SnapshotError) throw new CheckError(error.message);
    throw error;
  }
  const candidateRoot = options.subPath ? path.resolve(root, options.subPath) : root;
  const snapshotMs = performance.now() - started;
  let config = loadConfig(options.configFile, candidateRoot, snapshot);
  const dropped = !options.configFile && options.candidatePacks === false && config.packs.length > 0 ? config.packs : [];
  if (dropped.length > 0) config = { ...config, packs: [] };
  const rules = await selectRules(config, options.only);
  const declaration = loadDeclaration(options.declarationFile, candidateRoot, snapshot);
  const links = options.online ? await checkDeclaredLinks(declaration, networkFor(options)) : undefined;
  const report = await checkSnapshot({
    snapshot, declaration, config, rules,
    ...(options.types ? { types: options.types } : {}),
    ...(links ? { links } : {}),
    fallbackName: path.basename(candidateRoot),
  });
  if (dropped.length > 0) {
    report.warnings = [...(report.warnings ?? []), `${config.file} names rule packs (${dropped.join(', ')}); they were not loaded: a candidate's own config never runs code here — pass your own --config to use packs`];
  }
  report.timings.snapshotMs = round(snapshotMs);
  report.timings.totalMs = round(performance.now() - started);
  return report;
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

  const view = makeDeclarationView(loaded);
  const computed = computeFacts(checked, view, input.types, config.paths);
  const facts = input.links ? Object.freeze({ ...computed, links: input.links }) : computed;
  const rulesStarted = performance.now();
  const findings = await runRules(
    rules.filter((rule) => settingFor(config, rule)?.enabled !== false),
    (rule) => createRuleContext(checked, view, facts, settingFor(config, rule)?.options ?? {}),
    { timeoutMs: config.ruleTimeoutMs ?? DEFAULT_RULE_TIMEOUT_MS },
  );
  const rulesMs = performance.now() - rulesStarted;
  const licenses = [...facts.licenses, ...hostLicense(snapshot)];
  return buildReport({
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
}

export function buildReport(input: {
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

export function loadConfig(configFile: string | undefined, candidateRoot: string, snapshot: Snapshot): Config {
  try {
    if (configFile) return readConfigFile(path.resolve(configFile), configFile);
    const found = CONFIG_FILE_NAMES.find((name) => snapshot.has(name));
    return found ? readConfigFile(path.join(candidateRoot, found), found) : DEFAULT_CONFIG;
  } catch (error) {
    if (error instanceof ConfigError) throw new CheckError(`the config is not valid:\n${error.message}`);
    throw error;
  }
}

/** Built-in rules plus the config's packs, without the rules the config turns off, optionally only some. */
export async function selectRules(config: Config, only?: readonly string[]): Promise<Rule[]> {
  let packRules: Rule[] = [];
  try {
    packRules = await loadPacks(config.packs, config.dir, builtInRules);
  } catch (error) {
    if (error instanceof PackError) throw new CheckError(error.message);
    throw error;
  }
  const all = [...builtInRules, ...packRules];
  const known = new Set(all.flatMap((r) => [r.meta.id, r.meta.alias]));
  const unknown = [...config.rules.keys(), ...(only ?? [])].filter((id) => !known.has(id));
  if (unknown.length > 0) throw new CheckError(`unknown rule ${unknown.join(', ')} (see \`dpg-check rules\`)`);
  const optionProblems = await ruleOptionProblems(config, all);
  if (optionProblems.length > 0) throw new CheckError(`the config is not valid:\n${optionProblems.join('\n')}`);
  return all.filter((rule) => settingFor(config, rule)?.enabled !== false)
    .filter((rule) => !only || only.includes(rule.meta.id) || only.includes(rule.meta.alias));
}

function settingFor(config: Config, rule: Rule): { enabled: boolean; options: Readonly<Record<string, unknown>> } | undefined {
  return config.rules.get(rule.meta.id) ?? config.rules.get(rule.meta.alias);
}

function loadDeclaration(declarationFile: string | undefined, candidateRoot: string, snapshot: Snapshot): LoadedDeclaration | undefined {
  if (declarationFile) {
    if (!fs.existsSync(declarationFile)) throw new CheckError(`cannot read the declaration ${declarationFile}: no such file`);
    return readDeclarationFile(path.resolve(declarationFile), declarationFile);
  }
  const found = findDeclaration((p) => snapshot.has(p));
  return found ? readDeclarationFile(path.join(candidateRoot, found), found) : undefined;
}

function packageName(snapshot: Snapshot): string | undefined {
  const text = snapshot.has('package.json') ? snapshot.read('package.json')?.text : undefined;
  const match = text ? /"name"\s*:\s*"([^"]+)"/.exec(text) : null;
  return match?.[1];
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** The licence the host detected, listed in the report (not in facts: rules weigh it themselves, see rules/host). */
function hostLicense(snapshot: Snapshot): Report['licenses'] {
  const spdx = snapshot.host?.license;
  if (!spdx || /^(NOASSERTION|NONE|other)$/i.test(spdx)) return [];
  const normalized = normalizeSpdx(spdx);
  if (normalized.spdx === 'NOASSERTION') return [];
  return [{ spdx: normalized.spdx, path: 'host', confidence: 0.9, method: 'host', scope: 'project', ...(normalized.spdx !== spdx ? { raw: spdx } : {}) }];
}
