/**
 * The config file, `.dpg-check.yml` at the candidate root (or `--config`):
 *
 *   rules:
 *     dpg-8-02: off                # or the alias: practices-in-repository: off
 *     dpg-1-02: { options: { minWords: 20 } }
 *   ignore:
 *     - path: vendor/              # gitignore syntax
 *       reason: third-party code, not ours
 *   paths:                       # what a path is to the candidate (overrides the built-in path classes)
 *     - path: legacy/lib/          # gitignore syntax
 *       class: vendored            # own, test, vendored, example, docs-site, dev-env, ci
 *       reason: a copy of an upstream library
 *   packs:
 *     - ./tools/our-rules.js       # a local module, relative to this file
 *     - dpg-check-pack-health      # or an npm package
 *   ruleTimeoutMs: 5000
 *
 * Every problem is reported as `file:line:col key: message`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Node } from 'yaml';
import { PATH_CLASSES, type ConfigEntry, type ConfigRequest, type ConfigTrust, type PathClass, type RuleLevel } from '../model.js';
import type { Snapshot } from '../snapshot/types.js';
import type { PathClassOverride } from './path-classes.js';
import { findRule, formerIds } from './rule-names.js';
import { importModule } from '../import-module.js';

export interface RuleSetting {
  enabled: boolean;
  options: Readonly<Record<string, unknown>>;
  /** `file:line:col` of the entry, for messages about its options. */
  location?: string;
}
export interface IgnoreEntry { path: string; reason: string }

export interface Config {
  /** The file it came from as shown to the user, or null for defaults. */
  file: string | null;
  /** Directory that local pack paths are relative to. */
  dir: string;
  rules: ReadonlyMap<string, RuleSetting>;
  ignore: readonly IgnoreEntry[];
  /** `paths:` overrides of the path classes. */
  paths: readonly PathClassOverride[];
  packs: readonly string[];
  ruleTimeoutMs?: number;
}

export const CONFIG_FILE_NAMES = ['.dpg-check.yml', '.dpg-check.yaml'] as const;
const MAX_CONFIG_BYTES = 256 * 1024;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export const DEFAULT_CONFIG: Config = { file: null, dir: process.cwd(), rules: new Map(), ignore: [], paths: [], packs: [] };

export function readConfigFile(absPath: string, shownAs: string): Config {
  let buffer: Buffer;
  try {
    const stat = fs.statSync(absPath);
    if (!stat.isFile()) throw new ConfigError([`${shownAs}:1:1 (root): not a file`]);
    if (stat.size > MAX_CONFIG_BYTES) throw new ConfigError([`${shownAs}:1:1 (root): the config file is ${stat.size} bytes; the limit is ${MAX_CONFIG_BYTES}`]);
    buffer = fs.readFileSync(absPath);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`${shownAs}:1:1 (root): cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  return { ...parseConfig(buffer.toString('utf8'), shownAs), dir: path.dirname(absPath) };
}

export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (node: Node | null | undefined): string => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  const problems: string[] = [];
  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    problems.push(`${file}:${pos.line}:${pos.col} (root): ${error.message.split('\n')[0]}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (doc.contents === null) return { ...DEFAULT_CONFIG, file };
  if (!isMap(doc.contents)) throw new ConfigError([`${at(doc.contents)} (root): the config must be a mapping of rules, ignore, paths, packs, ruleTimeoutMs`]);
  let js: Record<string, unknown>;
  try {
    js = doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError([`${file}:1:1 (root): ${(error as Error).message} (aliases are limited to keep a hostile file from exploding)`]);
  }

  const config: { rules: Map<string, RuleSetting>; ignore: IgnoreEntry[]; paths: PathClassOverride[]; packs: string[]; ruleTimeoutMs?: number } = { rules: new Map(), ignore: [], paths: [], packs: [] };
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    const plain = js[key];
    switch (key) {
      case 'rules':
        if (!isMap(value)) { problems.push(`${at(value ?? (pair.key as Node))} rules: must be a mapping of rule id to off, on or { options }`); break; }
        for (const rulePair of value.items) {
          const id = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
          const setting = (plain as Record<string, unknown>)[id];
          const where = `${at((rulePair.value as Node | null) ?? (rulePair.key as Node))} rules.${id}`;
          if (setting === 'off' || setting === false) config.rules.set(id, { enabled: false, options: {} });
          else if (setting === 'on' || setting === true) config.rules.set(id, { enabled: true, options: {} });
          else if (isRecord(setting) && Object.keys(setting).every((k) => k === 'options' || k === 'enabled')) {
            if (setting.options !== undefined && !isRecord(setting.options)) { problems.push(`${where}.options: must be a mapping`); continue; }
            config.rules.set(id, { enabled: setting.enabled !== false, options: (setting.options as Record<string, unknown>) ?? {}, location: where.slice(0, where.lastIndexOf(' ')) });
          } else problems.push(`${where}: must be off, on, or { enabled, options }`);
        }
        break;
      case 'ignore':
        if (!Array.isArray(plain)) { problems.push(`${at(value)} ignore: must be a list of { path, reason }`); break; }
        plain.forEach((entry, i) => {
          if (isRecord(entry) && typeof entry.path === 'string' && entry.path.trim() && typeof entry.reason === 'string' && entry.reason.trim()) {
            config.ignore.push({ path: entry.path.trim(), reason: entry.reason.trim() });
          } else problems.push(`${at(value)} ignore[${i}]: needs a path and a reason (an ignore without a reason hides evidence from reviewers)`);
        });
        break;
      case 'paths':
        if (!Array.isArray(plain)) { problems.push(`${at(value)} paths: must be a list of { path, class, reason }`); break; }
        plain.forEach((entry, i) => {
          if (isRecord(entry) && typeof entry.path === 'string' && entry.path.trim() && (PATH_CLASSES as readonly unknown[]).includes(entry.class) && typeof entry.reason === 'string' && entry.reason.trim()) {
            config.paths.push({ path: entry.path.trim(), class: entry.class as PathClass, reason: entry.reason.trim() });
          } else problems.push(`${at(value)} paths[${i}]: needs a path, a class (${PATH_CLASSES.join(', ')}) and a reason`);
        });
        break;
      case 'packs':
        if (!Array.isArray(plain) || !plain.every((p) => typeof p === 'string' && p.trim() !== '')) { problems.push(`${at(value)} packs: must be a list of module paths or package names`); break; }
        config.packs.push(...(plain as string[]));
        break;
      case 'ruleTimeoutMs':
        if (typeof plain !== 'number' || !Number.isInteger(plain) || plain < 1 || plain > 600_000) { problems.push(`${at(value)} ruleTimeoutMs: must be an integer number of milliseconds from 1 to 600000`); break; }
        config.ruleTimeoutMs = plain;
        break;
      default:
        problems.push(`${at(pair.key as Node)} ${key}: unknown key (expected rules, ignore, paths, packs or ruleTimeoutMs)`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { file, dir: process.cwd(), ...config };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------
// Which config a check runs with: the one place the candidate's own config is
// read and weighed against the reviewer's.

/** The reviewer's `--config`, a file on this machine. Throws `ConfigError`. */
export function readReviewerConfig(file: string): Config {
  if (!fs.existsSync(file)) throw new ConfigError([`${file}:1:1 (root): no such file`]);
  return readConfigFile(path.resolve(file), file);
}

/**
 * How to read the candidate's own config file (`found`, a root-relative name): from its folder on this disk
 * when it has one (local pack paths are then relative to it), else from the snapshot. Throws `ConfigError`.
 */
export function candidateConfigReader(snapshot: Snapshot, directory: string | undefined): (found: string) => Config {
  return (found) => {
    if (directory !== undefined) return readConfigFile(path.join(directory, found), found);
    const text = snapshot.read(found)?.text;
    if (text === undefined) throw new ConfigError([`${found}:1:1 (root): cannot read the config file (${snapshot.skipped(found) ?? 'unreadable'})`]);
    return parseConfig(text, found);
  };
}

/** The candidate's own config file, when it has one. */
export function candidateConfigFile(snapshot: Snapshot): string | undefined {
  return CONFIG_FILE_NAMES.find((name) => snapshot.has(name));
}

/**
 * A rule's setting in the config: by id, alias or former id (deprecated), else by one of its tags
 * (`host: off`). The rule's own entry wins over its tag's, as in markdownlint.
 */
export function ruleSetting(config: Config, rule: { meta: { id: string; alias: string; tags?: readonly string[] | undefined } }): RuleSetting | undefined {
  for (const name of [rule.meta.id, rule.meta.alias, ...formerIds(rule.meta.id), ...(rule.meta.tags ?? [])]) {
    const setting = config.rules.get(name);
    if (setting) return setting;
  }
  return undefined;
}

/**
 * Whose config applies to a check, and what it changes (docs/security.md).
 *
 * A candidate's own `.dpg-check.yml` is the candidate speaking about itself. In a local check of
 * one's own repository it is trusted: it applies whole (packs included), and the report names every
 * exemption it makes. In batch and remote checks — someone else's repository — it is read and
 * reported, never applied: a candidate cannot turn off a requirement rule, ignore or reclass a path,
 * change a rule's options or timeout, or load code. The reviewer's `--config` always applies, whole,
 * and replaces the candidate's.
 */
export interface ConfigResolution {
  /** The config that applies. */
  config: Config;
  /** Whose it is: the reviewer's `--config`, the candidate's own file, or the defaults. */
  source: 'reviewer' | 'candidate' | 'defaults';
  /** Everything the applied config asks for. */
  applied: ConfigRequest[];
  /** What the candidate's own config asked for and was not applied. */
  refused: ConfigRequest[];
  /** Why it was not applied: an untrusted candidate (batch, remote), or a `--config` that replaces it. */
  refusedBecause?: 'untrusted' | 'replaced';
}

/**
 * The one place where a candidate's config meets the reviewer's. Pure: the caller reads the files
 * (`reviewer` from `--config`, `candidate` from the candidate's tree) and says whether the candidate
 * is trusted (a local check of one's own repository).
 */
export function resolveConfig(input: { reviewer?: Config | undefined; candidate?: Config | undefined; trusted: boolean }): ConfigResolution {
  const { reviewer, candidate, trusted } = input;
  if (reviewer) {
    return { config: reviewer, source: 'reviewer', applied: configRequests(reviewer), refused: candidate ? configRequests(candidate) : [], ...(candidate ? { refusedBecause: 'replaced' as const } : {}) };
  }
  if (candidate && trusted) return { config: candidate, source: 'candidate', applied: configRequests(candidate), refused: [] };
  const refused = candidate ? configRequests(candidate) : [];
  return { config: DEFAULT_CONFIG, source: 'defaults', applied: [], refused, ...(refused.length > 0 ? { refusedBecause: 'untrusted' as const } : {}) };
}

/** Everything a config asks for, in the order of its sections. */
export function configRequests(config: Config): ConfigRequest[] {
  const file = config.file ?? '(defaults)';
  const requests: ConfigRequest[] = [];
  for (const [ruleId, setting] of config.rules) {
    if (!setting.enabled) requests.push({ kind: 'rule-off', file, ruleId });
    else if (Object.keys(setting.options).length > 0) requests.push({ kind: 'rule-options', file, ruleId });
  }
  for (const entry of config.ignore) requests.push({ kind: 'ignore', file, path: entry.path, reason: entry.reason });
  for (const entry of config.paths) requests.push({ kind: 'path-class', file, path: entry.path, class: entry.class, reason: entry.reason });
  for (const pack of config.packs) requests.push({ kind: 'pack', file, pack });
  if (config.ruleTimeoutMs !== undefined) requests.push({ kind: 'rule-timeout', file, timeoutMs: config.ruleTimeoutMs });
  return requests;
}

/**
 * The applied requests that exempt the candidate from a requirement: a requirement rule turned off,
 * a path ignored, a path reclassed (a test or vendored path is not held against the candidate).
 * `levelOf` gives a rule's level by id or alias; a rule it does not know counts as a requirement, so
 * nothing is left out of the list.
 */
export function exemptionsOf(applied: readonly ConfigRequest[], levelOf: (ruleId: string) => RuleLevel | undefined): ConfigRequest[] {
  return applied.filter((request) => {
    if (request.kind === 'ignore' || request.kind === 'path-class') return true;
    if (request.kind === 'rule-off') return levelOf(request.ruleId as string) !== 'advice';
    return false;
  });
}

/** A request in words, as reports show it: `turn off dpg-9a-03`, `ignore vendor/ (third-party code)`. */
export function describeRequest(request: ConfigRequest): string {
  const why = request.reason ? ` (${request.reason})` : '';
  switch (request.kind) {
    case 'rule-off': return `turn off ${request.ruleId}`;
    case 'rule-options': return `change the options of ${request.ruleId}`;
    case 'ignore': return `ignore ${request.path}${why}`;
    case 'path-class': return `class ${request.path} as ${request.class}${why}`;
    case 'pack': return `load the rule pack ${request.pack}`;
    case 'rule-timeout': return `set ruleTimeoutMs to ${request.timeoutMs}`;
  }
}

/** The report's account of a resolution (`report.config`), or undefined when there is nothing to say. */
export function describeTrust(resolution: ConfigResolution, levelOf: (ruleId: string) => RuleLevel | undefined): ConfigTrust | undefined {
  const entry = (request: ConfigRequest): ConfigEntry => {
    const level = request.ruleId !== undefined ? levelOf(request.ruleId) : undefined;
    return { ...request, ...(level ? { level } : {}), text: describeRequest(request) };
  };
  const exemptions = exemptionsOf(resolution.applied, levelOf).map(entry);
  const refused = resolution.refused.map(entry);
  const packs = [...resolution.config.packs];
  if (exemptions.length === 0 && refused.length === 0 && packs.length === 0) return undefined;
  return {
    source: resolution.source,
    ...(resolution.config.file ? { file: resolution.config.file } : {}),
    exemptions, refused,
    ...(resolution.refusedBecause && refused.length > 0 ? { refusedBecause: resolution.refusedBecause } : {}),
    packs,
  };
}

/** One warning for what a candidate's config asked and was refused (shown on stderr and in batch rows' reports). */
export function refusalWarning(trust: ConfigTrust | undefined): string | undefined {
  if (!trust || trust.refused.length === 0) return undefined;
  const file = trust.refused[0]?.file ?? '.dpg-check.yml';
  const why = trust.refusedBecause === 'replaced'
    ? 'your --config replaces it'
    : "a candidate's own config never exempts itself or runs code in batch and remote checks — pass your own --config to change the check";
  return `the candidate's config ${file} asks to ${trust.refused.map((r) => r.text).join('; ')}; not applied: ${why}`;
}

/**
 * The candidate's own config, read by `read` when the candidate has one (`found`). When it will not be
 * applied (`strict` false: an untrusted candidate, or a `--config` replaces it), a file that cannot be read
 * or is not valid is a warning rather than a reason the check cannot run: a candidate must not be able to
 * make itself uncheckable with a broken config.
 */
export function readCandidateConfig(found: string | undefined, read: (file: string) => Config, strict: boolean, warnings: string[]): Config | undefined {
  if (!found) return undefined;
  try {
    return read(found);
  } catch (error) {
    if (strict || !(error instanceof ConfigError)) throw error;
    const [first, ...more] = error.problems;
    warnings.push(`the candidate's config ${found} is not valid (${first}${more.length > 0 ? `, and ${more.length} more problem${more.length === 1 ? '' : 's'}` : ''}); it was not applied`);
    return undefined;
  }
}

/** The part of a rule `ruleOptionProblems` needs: its names and the schema of its options. */
interface RuleWithOptions { readonly meta: Readonly<{ id: string; alias: string; schema?: Readonly<Record<string, unknown>> }> }

/**
 * Each configured rule's `options` checked against the rule's `meta.schema` (ESLint's convention), as
 * `file:line:col rules.<id>.options.<key>: message`. Options given to a rule without a schema are its own
 * business (it reads them defensively). ajv is loaded only when some rule has options configured, so a check
 * without options pays nothing for it.
 */
export async function ruleOptionProblems(config: Config, rules: readonly RuleWithOptions[]): Promise<string[]> {
  const configured = [...config.rules].filter(([, setting]) => setting.enabled && Object.keys(setting.options).length > 0);
  if (configured.length === 0) return [];
  const { Ajv2020 } = await importModule('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const problems: string[] = [];
  for (const [id, setting] of configured) {
    const rule = findRule(rules, id);
    if (!rule?.meta.schema) continue;
    let validate;
    try {
      validate = ajv.compile(rule.meta.schema);
    } catch (error) {
      problems.push(`${setting.location ?? config.file ?? '(config)'} rules.${id}.options: the rule's meta.schema is not a valid JSON Schema (${(error as Error).message}); a bug in the rule`);
      continue;
    }
    if (validate(setting.options)) continue;
    for (const error of validate.errors ?? []) {
      const key = `rules.${id}.options${error.instancePath.replace(/\//g, '.')}`;
      const extra = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)}; the rule takes ${Object.keys((rule.meta.schema.properties as Record<string, unknown> | undefined) ?? {}).join(', ') || 'no options'})` : '';
      problems.push(`${setting.location ?? config.file ?? '(config)'} ${key}: ${error.message ?? 'is not valid'}${extra}`);
    }
  }
  return problems;
}
