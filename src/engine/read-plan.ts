/**
 * What the rules will read, decided before they run, for sources that must
 * fetch files up front (remote ones): every rule's `meta.reads` patterns, what
 * the engine itself reads (`ENGINE_READS`), and what a dry run of the rules
 * over the bare file list asks for (a rule sampling source-file headers picks
 * its files from the list alone: the dry run sees exactly which). A file read
 * only because of another file's content is not known in advance: it reads as
 * `not-fetched`, and the report warns about it.
 */
import type { Facts, Rule } from '../rule-api.js';
import { SOLUTION_TYPES } from '../model.js';
import type { Snapshot } from '../snapshot/types.js';
import { normalizeRelative } from '../snapshot/cached.js';
import type { ReadPlan } from '../sources/adapter.js';
import { DECLARATION_FILE_NAMES, makeDeclarationView, parseDeclaration } from '../declaration/load.js';
import { computeFacts, dependencyFacts } from './facts.js';
import { createRuleContext } from './context.js';
import { DEFAULT_RULE_TIMEOUT_MS, runRules } from './runner.js';
import { CONFIG_FILE_NAMES, ruleSetting, type Config } from './config.js';

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

/** The read plan of these rules under this config. */
export function readPlan(rules: readonly Rule[], config: Config): ReadPlan {
  return { patterns: [...new Set([...rules.flatMap((rule) => rule.meta.reads ?? []), ...ENGINE_READS])], probe: dryRun(rules, config) };
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
      // The dependency facts read lazily, through the snapshot of the rule that asks: each rule's reads are its own, as when it parsed manifests itself.
      const factsFor = (rule: Rule): Facts => Object.freeze({ ...facts, dependencies: dependencyFacts(snapshotFor(rule), facts.paths) });
      await runRules(rules, (rule) => createRuleContext(snapshotFor(rule), view, factsFor(rule), ruleSetting(config, rule)?.options ?? {}), {
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
