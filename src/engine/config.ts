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
import type { PathClassOverride } from './path-classes.js';

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
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const problems: string[] = [];
  for (const [id, setting] of configured) {
    const rule = rules.find((r) => r.meta.id === id || r.meta.alias === id);
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
