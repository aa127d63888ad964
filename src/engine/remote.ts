/**
 * Checking a remote candidate (a git URL, GitHub or GitLab repository): the
 * same core as a local check (`checkSnapshot`), fed by a remote snapshot.
 *
 * What differs, on purpose:
 * - the files to fetch are decided before the rules run, and fetched in one
 *   batch: every rule's `meta.reads` patterns, what the engine itself reads
 *   (`ENGINE_READS`), and what a dry run of the rules over the bare file list
 *   asks for (a rule sampling source-file headers picks its files from the
 *   list alone: the dry run sees exactly which). A file read only because of
 *   another file's content is not known in advance: it reads as
 *   `not-fetched`, and the report warns about it;
 * - the candidate's own `.dpg-check.yml` is read and reported, NEVER
 *   applied: a candidate cannot exempt itself (turn off a requirement rule,
 *   ignore a path) and a pack is code that checking someone else's
 *   repository must not run. Only a `--config` the user gives applies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LinkStatus, Rule } from '../rule-api.js';
import { SOLUTION_TYPES, type Report } from '../model.js';
import type { Snapshot } from '../snapshot/types.js';
import { DECLARATION_FILE_NAMES, findDeclaration, makeDeclarationView, parseDeclaration, readDeclarationFile, type LoadedDeclaration } from '../declaration/load.js';
import { computeFacts } from './facts.js';
import { createRuleContext } from './context.js';
import { DEFAULT_RULE_TIMEOUT_MS, runRules } from './runner.js';
import { normalizeRelative } from '../sources/remote-snapshot.js';
import { CONFIG_FILE_NAMES, ConfigError, DEFAULT_CONFIG, parseConfig, readCandidateConfig, readConfigFile, resolveConfig, type Config } from './config.js';
import { CheckError, checkSnapshot, selectRules, type CheckOptions } from './check.js';
import {
  RequestLog, SourceError, checkLinks, declaredEvidenceUrls, openRemoteSnapshot, parseRemoteTarget, remoteSettings,
  type RemoteSettings, type RemoteTarget,
} from '../sources/index.js';

/** Where the network settings and the request log of a check come from. */
export interface NetworkOptions {
  settings: RemoteSettings;
  log: RequestLog;
}

/**
 * Files the engine reads whatever the rules: the declaration, the config,
 * licence files at any depth and root manifests (facts.ts, identify.ts), the
 * root README. Gitignore syntax, relative to the candidate root.
 */
export const ENGINE_READS: readonly string[] = Object.freeze([
  ...DECLARATION_FILE_NAMES.map((name) => `/${name}`),
  ...CONFIG_FILE_NAMES.map((name) => `/${name}`),
  'licen[cs]e*', 'unlicense*', 'copying*',
  '/package.json', '/composer.json', '/Cargo.toml', '/pyproject.toml', '/setup.cfg', '/DESCRIPTION',
  '/readme*',
]);

export function networkFor(options: CheckOptions): NetworkOptions {
  return options.network ?? { settings: remoteSettings(process.env), log: new RequestLog() };
}

export async function checkRemoteCandidate(options: CheckOptions): Promise<Report> {
  const started = performance.now();
  let target: RemoteTarget;
  try {
    target = parseRemoteTarget(options.target);
  } catch (error) {
    if (error instanceof SourceError) throw new CheckError(error.message);
    throw error;
  }
  const network = networkFor(options);
  const userConfig = options.configFile ? readUserConfig(options.configFile) : undefined;
  const prefetchRules = await selectRules(userConfig ?? DEFAULT_CONFIG, options.only);
  const patterns = [...new Set([...prefetchRules.flatMap((rule) => rule.meta.reads ?? []), ...ENGINE_READS])];

  let snapshot: Snapshot;
  try {
    snapshot = await openRemoteSnapshot(target, {
      patterns, probe: dryRun(prefetchRules, userConfig ?? DEFAULT_CONFIG),
      ...(options.subPath ? { subPath: options.subPath } : {}), settings: network.settings, log: network.log,
    });
  } catch (error) {
    if (error instanceof SourceError) throw new CheckError(error.message);
    throw error;
  }
  const snapshotMs = performance.now() - started;

  const extraWarnings: string[] = [];
  // Someone else's repository: its own config is reported, never applied (resolveConfig, trusted: false).
  const resolution = resolveConfig({ reviewer: userConfig, candidate: candidateConfig(snapshot, extraWarnings), trusted: false });
  const { config } = resolution;
  const rules = prefetchRules;
  const declaration = options.declarationFile ? readLocalDeclaration(options.declarationFile) : remoteDeclaration(snapshot);
  const links = options.online ? await checkDeclaredLinks(declaration, network) : undefined;
  const report = await checkSnapshot({
    snapshot, declaration, config, rules, resolution,
    ...(options.types ? { types: options.types } : {}),
    ...(links ? { links } : {}),
    fallbackName: repositoryName(target),
  });
  if (extraWarnings.length > 0) report.warnings = [...(report.warnings ?? []), ...extraWarnings];
  report.timings.snapshotMs = Math.round(snapshotMs * 10) / 10;
  report.timings.totalMs = Math.round((performance.now() - started) * 10) / 10;
  return report;
}

/**
 * The declaration of the second dry run: every question answered in the way
 * that sends rules down their longest paths (an owner to compare copyright
 * holders with, users who interact, personal data and content handled…),
 * because the real declaration is not known before the batch.
 */
const DRY_RUN_DECLARATION = `name: Dry run
types: [software, content, data, aimodel, standard]
owner: { name: Dry Run Owner, type: non-profit, ownsAll: false, contributorAgreement: false }
organizations: [{ name: Dry Run Owner, role: owner }]
licenses: [{ spdx: MIT }]
platformIndependence: { closedComponents: true, components: [{ name: Dry run component, openAlternatives: [Dry run alternative] }] }
dataExtraction: { collectsNonPII: true }
doNoHarm:
  dataPrivacy: { piiLevel: collected-stored-distributed }
  content: { contentLevel: collected-stored-distributed }
  harassment: { userInteraction: true }
`;

/**
 * A rule whose dry run reads more files than this is a scanner (a secrets
 * scan reads every text file): fetching all it asks for would be a clone.
 * Its `meta.reads` patterns are still fetched; what it reads beyond them is
 * `not-fetched`, and the report says so.
 */
export const DRY_RUN_MAX_FILES_PER_RULE = 100;

/**
 * The dry run: every rule, for every solution type, over a snapshot that has
 * the file list and no contents — once without a declaration, once with
 * `DRY_RUN_DECLARATION` — recording the paths each rule tries to read. Rules
 * are pure, so what they pick from the list alone they pick again in the real
 * run (a rule sampling 40 source-file headers, say).
 */
function dryRun(rules: readonly Rule[], config: Config): (paths: readonly string[]) => Promise<string[]> {
  return async (paths) => {
    const listed = new Set(paths);
    const key = (p: string): string => (listed.has(p) ? p : normalizeRelative(p));
    const byRule = new Map<Rule, Set<string>>();
    const snapshotFor = (rule: Rule): Snapshot => {
      const requested = byRule.get(rule) ?? new Set<string>();
      byRule.set(rule, requested);
      return {
        source: { kind: 'git', location: '(dry run)' },
        paths,
        has: (p) => listed.has(key(p)),
        read: (p) => {
          if (listed.has(key(p))) requested.add(key(p));
          return undefined;
        },
        skipped: (p) => (listed.has(key(p)) ? 'not-fetched' : 'missing'),
        warnings: [],
      };
    };
    for (const view of [makeDeclarationView(undefined), makeDeclarationView(parseDeclaration(DRY_RUN_DECLARATION, DECLARATION_FILE_NAMES[0] as string))]) {
      const facts = computeFacts(snapshotFor(ENGINE), view, SOLUTION_TYPES);
      await runRules(rules, (rule) => createRuleContext(snapshotFor(rule), view, facts, (config.rules.get(rule.meta.id) ?? config.rules.get(rule.meta.alias))?.options ?? {}), {
        timeoutMs: config.ruleTimeoutMs ?? DEFAULT_RULE_TIMEOUT_MS,
      });
    }
    const wanted = new Set<string>();
    for (const [rule, requested] of byRule) {
      if (rule !== ENGINE && requested.size > DRY_RUN_MAX_FILES_PER_RULE) continue;
      for (const p of requested) wanted.add(p);
    }
    return [...wanted];
  };
}

/** The engine's own reads in the dry run (facts), recorded like a rule's. */
const ENGINE = { meta: { id: '(engine)' } } as unknown as Rule;

/** `--online` for any candidate: the statuses of the declaration's evidence URLs. */
export async function checkDeclaredLinks(declaration: LoadedDeclaration | undefined, network: NetworkOptions): Promise<ReadonlyMap<string, LinkStatus>> {
  const urls = declaration?.data ? declaredEvidenceUrls(declaration.data) : [];
  return checkLinks(urls, { log: network.log });
}

function readUserConfig(file: string): Config {
  if (!fs.existsSync(file)) throw new CheckError(`the config is not valid:\n${file}:1:1 (root): no such file`);
  try {
    return readConfigFile(path.resolve(file), file);
  } catch (error) {
    if (error instanceof ConfigError) throw new CheckError(`the config is not valid:\n${error.message}`);
    throw error;
  }
}

/** The candidate's own config, read from the snapshot (only to be reported: see the module comment). */
function candidateConfig(snapshot: Snapshot, warnings: string[]): Config | undefined {
  return readCandidateConfig(CONFIG_FILE_NAMES.find((name) => snapshot.has(name)), (found) => {
    const text = snapshot.read(found)?.text;
    if (text === undefined) throw new ConfigError([`${found}:1:1 (root): cannot read the config file (${snapshot.skipped(found) ?? 'unreadable'})`]);
    return parseConfig(text, found);
  }, false, warnings);
}

function readLocalDeclaration(file: string): LoadedDeclaration {
  if (!fs.existsSync(file)) throw new CheckError(`cannot read the declaration ${file}: no such file`);
  return readDeclarationFile(path.resolve(file), file);
}

/**
 * The declaration from the snapshot, through the same loader as a local
 * file (so size, encoding and syntax problems read exactly alike): its text
 * goes to a private temporary file that is removed at once.
 */
function remoteDeclaration(snapshot: Snapshot): LoadedDeclaration | undefined {
  const found = findDeclaration((p) => snapshot.has(p));
  if (!found) return undefined;
  const file = snapshot.read(found);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dpg-check-declaration-${process.pid}-`));
  try {
    const temporary = path.join(dir, path.basename(found));
    if (file === undefined) {
      const reason = snapshot.skipped(found);
      // A binary declaration is reported by the loader itself; other reasons are located here.
      if (reason !== 'binary') throw new CheckError(`cannot read the declaration ${found} (${reason ?? 'unreadable'})`);
      fs.writeFileSync(temporary, Buffer.from([0]));
    } else {
      if (file.truncated) {
        // Over the read cap: a sparse file of the real size gets the loader's own "too large" message.
        fs.writeFileSync(temporary, '');
        fs.truncateSync(temporary, file.size);
      } else {
        fs.writeFileSync(temporary, file.text, file.encoding === 'latin1' ? 'latin1' : 'utf8');
      }
    }
    return readDeclarationFile(temporary, found);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function repositoryName(target: RemoteTarget): string {
  switch (target.kind) {
    case 'github':
      return target.repo;
    case 'gitlab':
      return target.project.split('/').pop() as string;
    case 'git': {
      const last = target.url.replace(/[#?].*$/, '').replace(/\/+$/, '').split(/[/:]/).pop() ?? target.display;
      return last.replace(/\.git$/, '') || target.display;
    }
  }
}
