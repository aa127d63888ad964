/**
 * Dependency manifests, lockfiles and container files: which files they are
 * (from the path alone) and what they declare (from their text): their
 * dependencies here, their licence fields in licenses.ts. The one manifest
 * reader. Pure: no I/O, so rules pass in `snapshot.read()` texts and
 * `dpg-check init` reuses it.
 */
import type { DependencyScope, ManifestKind, ParsedManifest } from './types.js';
import { parsePackageJson, parsePackageLock, parsePnpmLock, parseYarnLock, type Parsed } from './npm.js';
import { parsePackageTables, parsePipfile, parsePipfileLock, parsePyproject, parseRequirements } from './python.js';
import { parseConventionPlugin, parseGradle, parsePom, parseVersionCatalog } from './jvm.js';
import { parseComposerJson, parseComposerLock, parseGemfile, parseGemfileLock, parseGoMod, parseMixExs, parseMixLock, parseMsbuild, parsePackagesConfig } from './others.js';
import { parseChartYaml, parseCompose, parseDockerfile, parseHelmValues, parseKubernetes, parsePubspec, parsePubspecLock } from './containers.js';

export type { CatalogReference, Dependency, DependencyScope, Ecosystem, ManifestKind, ParsedManifest } from './types.js';
export { resolveCatalogs } from './catalogs.js';
export { parseImageReference, type ImageReference } from './containers.js';
export { normalisePythonName } from './python.js';
export { manifestReader, MANIFEST_READERS, type ManifestLicense, type ManifestReader } from './licenses.js';
export { versionSpans, tagSpans, spanStatus, leadingVersion, prefixSpan, compareVersions, type VersionSpan, type ClosedRange, type SpanStatus, type TildeStyle } from './versions.js';

const EXACT_NAMES: ReadonlyMap<string, ManifestKind> = new Map(Object.entries({
  'package.json': 'package.json',
  'package-lock.json': 'package-lock.json',
  'npm-shrinkwrap.json': 'package-lock.json',
  'yarn.lock': 'yarn.lock',
  'pnpm-lock.yaml': 'pnpm-lock.yaml',
  'pyproject.toml': 'pyproject.toml',
  pipfile: 'Pipfile',
  'pipfile.lock': 'Pipfile.lock',
  'poetry.lock': 'poetry.lock',
  'uv.lock': 'uv.lock',
  'pom.xml': 'pom.xml',
  'build.gradle': 'build.gradle',
  'build.gradle.kts': 'build.gradle',
  'libs.versions.toml': 'libs.versions.toml',
  'go.mod': 'go.mod',
  gemfile: 'Gemfile',
  'gems.rb': 'Gemfile',
  'gemfile.lock': 'Gemfile.lock',
  'gems.locked': 'Gemfile.lock',
  'composer.json': 'composer.json',
  'composer.lock': 'composer.lock',
  'mix.exs': 'mix.exs',
  'mix.lock': 'mix.lock',
  'directory.packages.props': 'csproj',
  'packages.config': 'packages.config',
  'pubspec.yaml': 'pubspec.yaml',
  'pubspec.lock': 'pubspec.lock',
  'chart.yaml': 'Chart.yaml',
  containerfile: 'Dockerfile',
  dockerfile: 'Dockerfile',
} as Record<string, ManifestKind>));

/** The extensions the patterns below can accept (besides names starting with Dockerfile / Containerfile). */
const MANIFEST_EXTENSIONS = new Set(['txt', 'in', 'toml', 'csproj', 'fsproj', 'vbproj', 'yaml', 'yml', 'dockerfile', 'containerfile']);

/** Where Gradle convention plugins live. */
const CONVENTION_FOLDER = /(^|\/)(build-logic|buildSrc)\//;

/** Folders whose YAML files are probably Kubernetes manifests. */
const KUBERNETES_FOLDER = /(^|\/)(k8s|kubernetes|kube|manifests|deploy|deployments?|kustomize|openshift|helm|charts?)\//i;

/** The kind of manifest a path is, from its name (and folder); undefined for any other file. */
export function manifestKind(path: string): ManifestKind | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  const exact = EXACT_NAMES.get(lower);
  if (exact) return exact;
  // Most files of a large tree are source files: a set lookup turns them away (a regex here cost ~1 µs a path, 50 ms on 50,000).
  const extension = lower.slice(lower.lastIndexOf('.') + 1);
  // Gradle convention plugins add dependencies from the version catalog (`libs.findLibrary("…")`).
  if (extension === 'kt' || extension === 'kts' || extension === 'gradle') return CONVENTION_FOLDER.test(path) ? (extension === 'kt' ? 'gradle-convention' : 'build.gradle') : undefined;
  if (!MANIFEST_EXTENSIONS.has(extension) && !lower.startsWith('dockerfile') && !lower.startsWith('containerfile')) return undefined;
  if (/^requirements([-_.][\w.-]*)?\.(txt|in)$/.test(lower) || /[-_]requirements\.(txt|in)$/.test(lower) || /(^|\/)requirements\/[^/]+\.(txt|in)$/.test(path.toLowerCase())) return 'requirements.txt';
  if (/\.versions\.toml$/.test(lower)) return 'libs.versions.toml';
  if (/\.(csproj|fsproj|vbproj)$/.test(lower)) return 'csproj';
  if (/^(docker-)?compose([-.][\w.-]+)?\.ya?ml$/.test(lower)) return 'docker-compose';
  if (/^(dockerfile|containerfile)[.-][\w.-]+$/.test(lower) || /\.(dockerfile|containerfile)$/.test(lower)) return 'Dockerfile';
  if (/^values([-.][\w.-]+)?\.ya?ml$/.test(lower)) return 'helm-values';
  if (/\.ya?ml$/.test(lower) && KUBERNETES_FOLDER.test(path) && !/(^|\/)templates\//.test(path)) return 'kubernetes';
  return undefined;
}

/** requirements-dev.txt, test-requirements.txt, requirements/docs.txt… are tools around the product. */
function requirementsScope(path: string): DependencyScope {
  const base = path.toLowerCase().replace(/^.*?((requirements\/)?[^/]+)$/, '$1');
  return /(^|[-_./])(dev|develop|development|test|tests|testing|lint|docs?|ci|qa|typing|bench)([-_.]|$)/.test(base.replace(/\.(txt|in)$/, '')) ? 'development' : 'runtime';
}

const PARSERS: Readonly<Record<ManifestKind, (text: string, path: string) => Parsed>> = {
  'package.json': parsePackageJson,
  'package-lock.json': parsePackageLock,
  'yarn.lock': parseYarnLock,
  'pnpm-lock.yaml': parsePnpmLock,
  'requirements.txt': (text, path) => parseRequirements(text, requirementsScope(path)),
  'pyproject.toml': parsePyproject,
  Pipfile: parsePipfile,
  'Pipfile.lock': parsePipfileLock,
  'poetry.lock': parsePackageTables,
  'uv.lock': parsePackageTables,
  'pom.xml': parsePom,
  'build.gradle': parseGradle,
  'libs.versions.toml': parseVersionCatalog,
  'gradle-convention': parseConventionPlugin,
  'go.mod': parseGoMod,
  Gemfile: parseGemfile,
  'Gemfile.lock': parseGemfileLock,
  'composer.json': parseComposerJson,
  'composer.lock': parseComposerLock,
  'mix.exs': parseMixExs,
  'mix.lock': parseMixLock,
  csproj: parseMsbuild,
  'packages.config': parsePackagesConfig,
  'pubspec.yaml': parsePubspec,
  'pubspec.lock': parsePubspecLock,
  'docker-compose': parseCompose,
  Dockerfile: parseDockerfile,
  'helm-values': parseHelmValues,
  'Chart.yaml': parseChartYaml,
  kubernetes: parseKubernetes,
};

/**
 * Parses a manifest's text. Never throws: a file that cannot be read as its
 * kind gives no dependencies and a `problems` entry saying why.
 */
export function parseManifest(path: string, text: string, kind: ManifestKind | undefined = manifestKind(path)): ParsedManifest | undefined {
  if (kind === undefined) return undefined;
  try {
    const { dependencies, problems, catalogReferences, catalogBundles } = PARSERS[kind](text, path);
    return { path, kind, dependencies, problems, ...(catalogReferences ? { catalogReferences } : {}), ...(catalogBundles ? { catalogBundles } : {}) };
  } catch (error) {
    return { path, kind, dependencies: [], problems: [`could not be parsed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`] };
  }
}

/** The manifests among a list of paths, with their kinds, in the order given. */
export function findManifests(paths: readonly string[]): { path: string; kind: ManifestKind }[] {
  const found: { path: string; kind: ManifestKind }[] = [];
  for (const path of paths) {
    const kind = manifestKind(path);
    if (kind) found.push({ path, kind });
  }
  return found;
}
