/**
 * Facts: values derived once per candidate and shared by every rule, so rules
 * stay small and agree with each other (which file is the README, which
 * solution types apply, which licences were identified).
 */
import type { Facts, DeclarationView, DependencyFacts, ManifestFact } from '../rule-api.js';
import type { Snapshot } from '../snapshot/types.js';
import { SOLUTION_TYPES, type SolutionType } from '../model.js';
import { candidateLicenseFiles, identifyLicenses } from '../licenses/identify.js';
import { classifyPaths, type PathClasses, type PathClassOverride } from './path-classes.js';
import { findManifests, parseManifest } from '../manifests/index.js';
import { deepFreeze } from '../freeze.js';
import { judgeLicense, type ApprovedLicenseTable, type LicenseJudgement } from '../licenses/policy.js';
import { compareText } from '../text/compare.js';
// The licence-file names, their priorities and the third-party trees live with the licence knowledge.
export { LICENSE_FILE, isThirdParty } from '../licenses/files.js';

const README = /^readme(\.(md|markdown|rst|txt|adoc|asciidoc|org))?$/i;

export function computeFacts(snapshot: Snapshot, declaration: DeclarationView, typeOverride?: readonly SolutionType[], pathOverrides: readonly PathClassOverride[] = []): Facts {
  const declared = (declaration.data?.types ?? []).filter((t): t is SolutionType => (SOLUTION_TYPES as readonly string[]).includes(t));
  const [types, typesSource] = typeOverride && typeOverride.length > 0
    ? [[...typeOverride], 'option' as const]
    : declared.length > 0 ? [declared, 'declaration' as const] : [['software' as SolutionType], 'default' as const];
  const rootFiles = snapshot.paths.filter((p) => !p.includes('/'));
  const readme = rootFiles.filter((p) => README.test(p)).sort(preferMarkdown)[0];
  // Root first, then by name priority (LICENSE before LICENSE-DATA before MIT-LICENSE).
  const licenseFiles = candidateLicenseFiles(snapshot);
  const paths = classifyPaths(snapshot.paths, pathOverrides);
  return Object.freeze({
    types: Object.freeze(types),
    typesSource,
    ...(readme ? { readme } : {}),
    paths,
    licenseFiles: Object.freeze(licenseFiles),
    // Each licence with its scope: the project's, a component's (a part under its own licence) or third-party (vendored).
    licenses: Object.freeze(identifyLicenses(snapshot, declaration, licenseFiles, (p) => paths.classOf(p))),
    dependencies: dependencyFacts(snapshot, paths),
    judgeLicense: memoisedJudgement(),
  });
}

/**
 * Judgements of frozen tables (the DPGA's list, which the built-ins pass), shared by every check in the
 * process: judging is a pure function of the expression, the kind and the table, and a table that cannot
 * change gives the same judgement to every candidate. A registry batch judged "MIT" for software again for
 * each of 714 candidates, each time spelling out the table's 300 ids (issue 13). Bounded, as a batch's
 * declarations can name any number of different expressions.
 */
const sharedJudgements = new WeakMap<ApprovedLicenseTable, Map<string, LicenseJudgement>>();
const SHARED_JUDGEMENTS_MAX = 10_000;

/** `judgeLicense`, each (table, kind, expression) judged once; the table is the rule's (the built-ins pass the DPGA's list). */
function memoisedJudgement(): Facts['judgeLicense'] {
  const byTable = new WeakMap<ApprovedLicenseTable, Map<string, LicenseJudgement>>();
  return (expression, kind, table) => {
    if (typeof expression !== 'string') return judgeLicense(expression, kind, table);
    const shared = isFrozenTable(table);
    const memo = shared ? sharedJudgements : byTable;
    let known = memo.get(table);
    if (!known) {
      known = new Map<string, LicenseJudgement>();
      memo.set(table, known);
    }
    const key = `${kind}\u0000${expression}`;
    let judgement = known.get(key);
    if (!judgement) {
      judgement = deepFreeze(judgeLicense(expression, kind, table));
      if (shared && known.size >= SHARED_JUDGEMENTS_MAX) known.clear();
      known.set(key, judgement);
    }
    return judgement;
  };
}

/** A table none of whose lists judging reads can change: frozen, and each list frozen too. */
function isFrozenTable(table: ApprovedLicenseTable): boolean {
  if (typeof table !== 'object' || table === null || !Object.isFrozen(table)) return false;
  const lists = [table.software, table.content, table.data, table.osiApproved, table.encouraged, table.encouraged?.content];
  return lists.every((list) => list === undefined || Object.isFrozen(list));
}

/**
 * The dependency facts, lazy at two levels: the manifest list is made on first
 * access (from paths alone), and each manifest is read and parsed on first
 * access to its `parsed`, once for every rule. Laziness keeps a candidate
 * whose rules never ask for a manifest from reading it, and lets the read
 * plan's dry run give each rule dependency facts reading through its own
 * snapshot, so each read counts for the rule that asked, as when rules parsed
 * manifests themselves.
 */
export function dependencyFacts(snapshot: Snapshot, paths: PathClasses): DependencyFacts {
  let manifests: readonly ManifestFact[] | undefined;
  return Object.freeze({
    get manifests(): readonly ManifestFact[] {
      manifests ??= Object.freeze(findManifests(snapshot.paths).map(({ path, kind }) => manifestFact(snapshot, path, kind, paths)));
      return manifests;
    },
  });
}

function manifestFact(snapshot: Snapshot, path: string, kind: ManifestFact['kind'], paths: PathClasses): ManifestFact {
  let parsed: { value: ManifestFact['parsed'] } | undefined;
  return Object.freeze({
    path,
    kind,
    pathClass: paths.classOf(path),
    get parsed(): ManifestFact['parsed'] {
      if (!parsed) {
        const text = snapshot.read(path)?.text;
        parsed = { value: text === undefined ? undefined : deepFreeze(parseManifest(path, text, kind)) };
      }
      return parsed.value;
    },
  });
}

const preferMarkdown = (a: string, b: string): number => Number(!/\.md$/i.test(a)) - Number(!/\.md$/i.test(b)) || compareText(a, b);
