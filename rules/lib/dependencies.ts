/**
 * Dependency names declared in the candidate's manifests, with file and line:
 * enough to tell which web framework, API documentation generator,
 * accessibility tool or standards library a repository uses (indicators 5 and
 * 8, and `dpg-check init`'s core technologies). Names are matched exactly by
 * the callers, never as substrings (`predis` is not Redis), and commented-out
 * lines are not dependencies.
 *
 * The parsing is src/manifests/ (shared with indicator 4); this module picks
 * what the indicator 5 and 8 rules need: the dependencies the manifests
 * declare directly (lockfiles' resolved, transitive entries and container
 * images left out), from at most `maxManifests` manifests, shallowest first,
 * the candidate's own manifests only.
 */
import type { DependencyFacts, ManifestFact, Snapshot } from '../../src/rule-api.js';
import { findManifests, parseManifest, type Ecosystem as ManifestEcosystem, comparePaths } from '../../src/helpers.js';
import { isVendored, NOT_THE_PRODUCT } from '../../src/helpers.js';

export type Ecosystem = 'npm' | 'pypi' | 'maven' | 'go' | 'rubygems' | 'composer' | 'hex' | 'nuget';

export interface Dependency {
  /** As the ecosystem spells it; Maven and Gradle as `group:artifact`; PyPI lower-cased with `-` (PEP 503). */
  name: string;
  ecosystem: Ecosystem;
  path: string;
  line: number;
}

/** The manifests' ecosystems under the names the data tables use (Packagist is `composer` there). */
const ECOSYSTEMS: Partial<Record<ManifestEcosystem, Ecosystem>> = {
  npm: 'npm', pypi: 'pypi', maven: 'maven', go: 'go', rubygems: 'rubygems', packagist: 'composer', hex: 'hex', nuget: 'nuget',
};

/** Lockfiles (resolved, transitive) and container files (images, not packages). */
const NOT_DIRECT: ReadonlySet<string> = new Set(['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'Pipfile.lock', 'poetry.lock', 'uv.lock', 'Gemfile.lock', 'composer.lock', 'mix.lock', 'pubspec.lock', 'docker-compose', 'Dockerfile', 'helm-values', 'Chart.yaml', 'kubernetes']);

/** Where the manifests come from: the candidate's dependency facts, or (outside a rule, e.g. `dpg-check init`) a bare snapshot. */
type ManifestSource = Pick<DependencyFacts, 'manifests'> | Snapshot;
type Manifest = Pick<ManifestFact, 'path' | 'kind' | 'parsed'> & { readonly pathClass?: ManifestFact['pathClass'] };

/**
 * Manifests the reader understands (no lockfiles, no container files), shallowest first, the candidate's own only:
 * a vendored plugin's package.json, a test suite's or an example app's declares what that code uses (an e2e suite's
 * browser driver, a demo's map library), not what the product is built on. A bare snapshot has no path classes:
 * vendored trees are left out by name.
 */
function directManifests(manifests: readonly Manifest[], maxManifests: number): Manifest[] {
  return manifests
    .filter((m) => !NOT_DIRECT.has(m.kind) && (m.pathClass ? !NOT_THE_PRODUCT.has(m.pathClass) : !isVendored(m.path)))
    .sort((a, b) => comparePaths(a.path, b.path))
    .slice(0, maxManifests);
}

/** A snapshot's manifests in the facts' shape, each parsed on use. */
function manifestsOf(snapshot: Snapshot): Manifest[] {
  return findManifests(snapshot.paths).map(({ path, kind }) => ({
    path,
    kind,
    get parsed() {
      const text = snapshot.read(path)?.text;
      return text === undefined ? undefined : parseManifest(path, text, kind);
    },
  }));
}

/**
 * Remembered per source: several rules (API documentation, standards) ask
 * for the same list. The source is read-only, so the answer cannot change;
 * the list is frozen so no rule can change it for the others.
 */
const remembered = new WeakMap<ManifestSource, Map<number, readonly Dependency[]>>();

/** Every dependency declared in the candidate's manifests (bounded, see above). */
export function readDependencies(source: ManifestSource, maxManifests = 50): readonly Dependency[] {
  const bySize = remembered.get(source) ?? new Map<number, readonly Dependency[]>();
  remembered.set(source, bySize);
  const known = bySize.get(maxManifests);
  if (known) return known;
  const result: Dependency[] = [];
  for (const { path, parsed } of directManifests('manifests' in source ? source.manifests : manifestsOf(source), maxManifests)) {
    for (const dependency of parsed?.dependencies ?? []) {
      const ecosystem = ECOSYSTEMS[dependency.ecosystem];
      if (!ecosystem || dependency.locked) continue;
      result.push(Object.freeze({ name: dependency.name, ecosystem, path, line: dependency.line }));
    }
  }
  const frozen = Object.freeze(result);
  bySize.set(maxManifests, frozen);
  return frozen;
}

/** PyPI names compare case-insensitively with `-`, `_` and `.` equivalent (PEP 503). */
export function pyName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Whether a dependency is one of `names` (exact; PyPI names normalised). */
export function dependencyIs(dependency: Dependency, names: readonly string[]): boolean {
  if (dependency.ecosystem === 'pypi') return names.some((n) => pyName(n) === dependency.name);
  return names.includes(dependency.name);
}
