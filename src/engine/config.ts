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
import { PATH_CLASSES, type PathClass } from '../model.js';
import type { Snapshot } from '../snapshot/types.js';
import type { PathClassOverride } from './path-classes.js';

export interface RuleSetting { enabled: boolean; options: Readonly<Record<string, unknown>> }
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
            config.rules.set(id, { enabled: setting.enabled !== false, options: (setting.options as Record<string, unknown>) ?? {} });
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
 * The candidate's own config file, or undefined when it has none: read from
 * its folder on this disk when it has one (local pack paths are then relative
 * to it), else from the snapshot. Throws `ConfigError`.
 */
export function readCandidateConfig(snapshot: Snapshot, directory: string | undefined): Config | undefined {
  const found = CONFIG_FILE_NAMES.find((name) => snapshot.has(name));
  if (!found) return undefined;
  if (directory !== undefined) return readConfigFile(path.join(directory, found), found);
  const text = snapshot.read(found)?.text;
  if (text === undefined) throw new ConfigError([`${found}:1:1 (root): cannot read the config file (${snapshot.skipped(found) ?? 'unreadable'})`]);
  return parseConfig(text, found);
}

export interface ConfigInputs {
  /** The reviewer's config (`--config`), when given. */
  reviewer: Config | undefined;
  /** Reads the candidate's own config (undefined when it has none); called only when it is needed. Throws `ConfigError`. */
  readCandidate: () => Config | undefined;
  /**
   * Whether the candidate is the user's own (a single local check): only then
   * may its config load rule packs, which are code.
   */
  trusted: boolean;
  /** Whether the candidate was fetched from elsewhere (the warning says so). */
  remote: boolean;
}

export interface ResolvedConfig {
  config: Config;
  /** What the report should say about the config (packs not loaded…). */
  warnings: string[];
}

/**
 * The config a check runs with. The reviewer's, when given, replaces the
 * candidate's entirely (which is then not even read); otherwise the
 * candidate's own, without its packs unless the candidate is trusted.
 */
export function resolveConfig(inputs: ConfigInputs): ResolvedConfig {
  if (inputs.reviewer) return { config: inputs.reviewer, warnings: [] };
  const candidate = inputs.readCandidate();
  if (!candidate) return { config: DEFAULT_CONFIG, warnings: [] };
  if (inputs.trusted || candidate.packs.length === 0) return { config: candidate, warnings: [] };
  const whose = inputs.remote ? "a remote candidate's own config never runs code" : "a candidate's own config never runs code here";
  return {
    config: { ...candidate, packs: [] },
    warnings: [`${candidate.file} names rule packs (${candidate.packs.join(', ')}); they were not loaded: ${whose} — pass your own --config to use packs`],
  };
}

/** A rule's setting in the config, by id or alias. */
export function ruleSetting(config: Config, rule: { meta: { id: string; alias: string } }): RuleSetting | undefined {
  return config.rules.get(rule.meta.id) ?? config.rules.get(rule.meta.alias);
}
