/** JVM: Maven pom.xml, Gradle build scripts (Groovy and Kotlin) and Gradle version catalogs. */
import { parse as parseToml } from 'smol-toml';
import type { CatalogReference, Dependency, DependencyScope } from './types.js';
import { blankSlashComments, blankXmlComments, escapeRegExp, findLineIndex, lineOfOffset, lineStarts, splitLines } from './lines.js';
import type { Parsed } from './npm.js';

function blankSection(text: string, tag: string): string {
  return text.replace(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`, 'g'), (whole) => whole.replace(/[^\n]/g, ' '));
}

function element(block: string, tag: string): string | undefined {
  let pattern = ELEMENTS.get(tag);
  if (!pattern) ELEMENTS.set(tag, (pattern = new RegExp(`<${tag}>\\s*([^<]*?)\\s*</${tag}>`)));
  const match = pattern.exec(block);
  return match ? (match[1] as string) : undefined;
}

/** The pattern of each element name, made once: a pom asks for five of each of its dependencies (dhis2-core: 39 poms). */
const ELEMENTS = new Map<string, RegExp>();

/**
 * pom.xml: `<dependency>` elements outside comments, build plugins and
 * `<dependencyManagement>` (which only sets versions, used here to fill a
 * dependency's missing `<version>`); `${property}` versions are resolved from
 * `<properties>` when defined there.
 */
export function parsePom(text: string): Parsed {
  const clean = blankXmlComments(text);
  const properties = new Map<string, string>();
  const propertiesBlock = /<properties>([\s\S]*?)<\/properties>/.exec(clean);
  if (propertiesBlock) {
    for (const match of (propertiesBlock[1] as string).matchAll(/<([\w.-]+)>\s*([^<]*?)\s*<\/\1>/g)) properties.set(match[1] as string, match[2] as string);
  }
  const resolve = (value: string | undefined): string | undefined => value?.replace(/\$\{([^}]+)\}/g, (whole, name: string) => properties.get(name) ?? whole);
  const managed = new Map<string, string>();
  const management = /<dependencyManagement>([\s\S]*?)<\/dependencyManagement>/.exec(clean);
  if (management) {
    for (const match of (management[1] as string).matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
      const block = match[1] as string;
      const version = resolve(element(block, 'version'));
      if (version) managed.set(`${element(block, 'groupId')}:${element(block, 'artifactId')}`, version);
    }
  }
  let body = blankSection(clean, 'dependencyManagement');
  body = blankSection(body, 'plugins');
  body = blankSection(body, 'pluginManagement');
  body = blankSection(body, 'parent');
  const starts = lineStarts(text);
  const dependencies: Dependency[] = [];
  for (const match of body.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const block = match[1] as string;
    const group = element(block, 'groupId');
    const artifact = element(block, 'artifactId');
    if (!group || !artifact) continue;
    const name = `${resolve(group)}:${resolve(artifact)}`;
    const version = resolve(element(block, 'version')) ?? managed.get(name);
    const scopeText = element(block, 'scope');
    // `provided` is supplied by the container that runs the product, `system` by the machine: neither ships with it.
    const scope: DependencyScope = scopeText === 'test' ? 'test' : scopeText === 'provided' || scopeText === 'system' ? 'build' : element(block, 'optional') === 'true' ? 'optional' : 'runtime';
    const artifactAt = (match.index as number) + match[0].indexOf('<artifactId>');
    dependencies.push({ ecosystem: 'maven', name, ...(version ? { version } : {}), line: lineOfOffset(starts, artifactAt), scope });
  }
  return { dependencies, problems: [] };
}

/** Gradle configurations that only serve tests or the build itself. */
export function gradleScope(configuration: string): DependencyScope {
  if (/^(test|androidTest|testFixtures|integrationTest|functionalTest)/.test(configuration)) return 'test';
  if (/^(classpath|kapt|ksp|annotationProcessor|lintChecks|detektPlugins|compileOnly)$/.test(configuration) || /^debug/.test(configuration)) return 'build';
  return 'runtime';
}

const CONFIGURATION = '(implementation|api|compile|runtime|runtimeOnly|compileOnly|classpath|kapt|ksp|annotationProcessor|[a-z][A-Za-z]*(?:Implementation|Api|RuntimeOnly|CompileOnly))';

/**
 * build.gradle / build.gradle.kts: `implementation 'g:a:v'`,
 * `implementation("g:a:v")`, `platform(…)`, map notation, and plugin ids;
 * comments are blanked out first; `$var` / `${var}` versions are resolved
 * from simple definitions in the same file (`def`, `val`, `ext.`).
 */
export function parseGradle(text: string): Parsed {
  const clean = blankSlashComments(text);
  const lines = splitLines(clean);
  const variables = new Map<string, string>();
  for (const match of clean.matchAll(/(?:\b(?:def|val|var)\s+|\bext\.|^\s*)([A-Za-z_][\w]*)\s*=\s*["']([^"'$]+)["']/gm)) variables.set(match[1] as string, match[2] as string);
  const resolve = (value: string | undefined): string | undefined => value?.replace(/\$\{?([A-Za-z_][\w.]*)\}?/g, (whole, name: string) => variables.get(name.replace(/^(project\.|rootProject\.|ext\.)/, '')) ?? whole);
  const coordinate = new RegExp(`\\b${CONFIGURATION}\\s*\\(?\\s*(?:(?:platform|enforcedPlatform)\\s*\\(\\s*)?["']([^"':\\s]+):([^"':\\s]+)(?::([^"'\\s@:]+))?(?::[^"'\\s@]+)?(?:@\\w+)?["']`, 'g');
  const mapNotation = new RegExp(`\\b${CONFIGURATION}\\s*\\(?\\s*group\\s*[:=]\\s*["']([^"']+)["']\\s*,\\s*name\\s*[:=]\\s*["']([^"']+)["'](?:\\s*,\\s*version\\s*[:=]\\s*["']([^"']+)["'])?`, 'g');
  // `implementation(libs.play.services.location)`, `api platform(libs.firebase.bom)`: a version-catalog entry used.
  const catalogUse = new RegExp(`\\b${CONFIGURATION}\\s*\\(?\\s*(?:(?:platform|enforcedPlatform)\\s*\\(\\s*)?([a-z]\\w*(?:\\.\\w+)+)\\b(?!\\s*\\()`, 'g');
  const catalogReferences: CatalogReference[] = [];
  const plugin = /(?:\bid\s*\(?\s*["']([\w.-]+)["']\s*\)?(?:\s*version\s*\(?\s*["']([^"']+)["']\s*\)?)?|\bapply\s+plugin\s*:\s*["']([\w.-]+)["'])/g;
  const dependencies: Dependency[] = [];
  lines.forEach((line, index) => {
    for (const pattern of [coordinate, mapNotation]) {
      pattern.lastIndex = 0;
      for (const match of line.matchAll(pattern)) {
        const [, configuration, group, artifact, version] = match as unknown as [string, string, string, string, string | undefined];
        const resolved = resolve(version);
        dependencies.push({ ecosystem: 'maven', name: `${group}:${artifact}`, ...(resolved ? { version: resolved } : {}), line: index + 1, scope: gradleScope(configuration) });
      }
    }
    for (const match of line.matchAll(catalogUse)) {
      const [, configuration, accessor] = match as unknown as [string, string, string];
      if (/^(project|rootProject|files|fileTree)\b/.test(accessor)) continue;
      catalogReferences.push({ accessor: catalogKey(accessor), line: index + 1, scope: gradleScope(configuration) });
    }
    for (const match of line.matchAll(plugin)) {
      const id = match[1] ?? match[3];
      if (!id) continue;
      const version = resolve(match[2]);
      dependencies.push({ ecosystem: 'gradle-plugin', name: id, ...(version ? { version } : {}), line: index + 1, scope: 'build' });
    }
  });
  return { dependencies, problems: [], catalogReferences };
}

/** Gradle accessors: `-`, `_` and `.` in an alias all become `.` (`play-services-location` → `play.services.location`). */
export function catalogKey(accessor: string): string {
  return accessor.toLowerCase().replace(/[-_.]+/g, '.');
}

/** The catalog a file defines: `gradle/libs.versions.toml` → `libs`. */
export function catalogName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.versions\.toml$/i, '').toLowerCase();
}

/**
 * Convention plugins (`build-logic/`, `buildSrc/`, Kotlin): the catalog
 * entries they add, `"implementation"(libs.findLibrary("firebase.analytics").get())`
 * or `add("implementation", …)`; a lookup with no configuration on its line is
 * taken as a runtime dependency.
 */
export function parseConventionPlugin(text: string): Parsed {
  const lines = splitLines(blankSlashComments(text));
  const catalogReferences: CatalogReference[] = [];
  lines.forEach((line, index) => {
    for (const match of line.matchAll(/\b(\w+)\s*\.\s*find(Library|Bundle)\s*\(\s*"([^"]+)"\s*\)/g)) {
      const configuration = /"(\w+)"\s*\(|\badd\s*\(\s*"(\w+)"/.exec(line);
      const scope = configuration ? gradleScope((configuration[1] ?? configuration[2]) as string) : 'runtime';
      const [, catalog, kind, alias] = match as unknown as [string, string, string, string];
      catalogReferences.push({ accessor: catalogKey(`${catalog}${kind === 'Bundle' ? '.bundles' : ''}.${alias}`), line: index + 1, scope });
    }
  });
  return { dependencies: [], problems: [], catalogReferences };
}

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value);

/** gradle/libs.versions.toml: `[libraries]` (and `[plugins]`) of a Gradle version catalog. */
export function parseVersionCatalog(text: string, path = 'gradle/libs.versions.toml'): Parsed {
  const catalog = catalogName(path);
  let data: Table;
  try {
    data = parseToml(text) as Table;
  } catch (error) {
    return { dependencies: [], problems: [`not valid TOML (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`] };
  }
  const lines = splitLines(text);
  const versions = isTable(data.versions) ? data.versions : {};
  const versionOf = (spec: unknown): string | undefined => {
    if (typeof spec === 'string') return spec;
    if (!isTable(spec)) return undefined;
    if (typeof spec.ref === 'string') return versionOf(versions[spec.ref]);
    for (const key of ['strictly', 'require', 'prefer']) if (typeof spec[key] === 'string') return spec[key] as string;
    return undefined;
  };
  const dependencies: Dependency[] = [];
  const lineOf = (section: string, alias: string): number => {
    const from = Math.max(0, findLineIndex(lines, new RegExp(`^\\s*\\[${section}\\]`)));
    const index = findLineIndex(lines, new RegExp(`^\\s*["']?${escapeRegExp(alias)}["']?\\s*=`), from);
    return (index === -1 ? from : index) + 1;
  };
  if (isTable(data.libraries)) {
    for (const [alias, spec] of Object.entries(data.libraries)) {
      let name: string | undefined;
      let version: string | undefined;
      if (typeof spec === 'string') {
        const [group, artifact, v] = spec.split(':');
        if (group && artifact) { name = `${group}:${artifact}`; version = v; }
      } else if (isTable(spec)) {
        if (typeof spec.module === 'string') name = spec.module;
        else if (typeof spec.group === 'string' && typeof spec.name === 'string') name = `${spec.group}:${spec.name}`;
        version = isTable(spec.version) || typeof spec.version === 'string' ? versionOf(spec.version) : typeof spec['version.ref'] === 'string' ? versionOf(versions[spec['version.ref'] as string]) : undefined;
      }
      // A catalog names libraries; only a build script that uses one makes it a dependency (see resolveCatalogs).
      if (name) dependencies.push({ ecosystem: 'maven', name, ...(version ? { version } : {}), line: lineOf('libraries', alias), scope: 'runtime', catalogAccessor: catalogKey(`${catalog}.${alias}`) });
    }
  }
  const catalogBundles: Record<string, string[]> = {};
  if (isTable(data.bundles)) {
    for (const [alias, list] of Object.entries(data.bundles)) {
      if (Array.isArray(list)) catalogBundles[catalogKey(`${catalog}.bundles.${alias}`)] = list.filter((a): a is string => typeof a === 'string').map((a) => catalogKey(`${catalog}.${a}`));
    }
  }
  if (isTable(data.plugins)) {
    for (const [alias, spec] of Object.entries(data.plugins)) {
      const id = typeof spec === 'string' ? spec.split(':')[0] : isTable(spec) && typeof spec.id === 'string' ? spec.id : undefined;
      if (id) dependencies.push({ ecosystem: 'gradle-plugin', name: id, line: lineOf('plugins', alias), scope: 'build' });
    }
  }
  return { dependencies, problems: [], catalogBundles };
}
