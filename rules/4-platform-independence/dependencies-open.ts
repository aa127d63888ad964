/**
 * dpg-4-03 dependencies-open: the repository's dependency manifests,
 * lockfiles, container images and Helm charts — across the whole tree, since
 * monorepos have dozens — are matched against the known closed and
 * source-available components (DPG Standard, indicator 4; the DPGA's
 * platform-independence guide).
 *
 * What fails, what asks, what is left out — the guide's words
 * (../shared/reference/platform-independence-guide.md):
 * - "Deployment, testing, validation, CI/CD, containerization, and similar
 *   tools are not considered or required to be open source": dependencies in
 *   test, example, docs-site, dev-env, CI and vendored paths
 *   (`facts.paths.classOf`) and test, development and build-only scopes are
 *   left out.
 * - The requirement is about "mandatory dependencies (dependencies required
 *   for the software to run properly)". A package found only in a lockfile was
 *   pulled in by another package and is not the candidate's dependency; a
 *   version-catalog entry no build script uses is not a use. A closed
 *   component fails only where it is evidently mandatory — a runtime service
 *   of the main compose / Helm setup, or a runtime dependency of the root or
 *   main application manifest — and no open alternative is declared anywhere
 *   in the declaration (`platformIndependence.components`, the core
 *   technologies, or a free-text answer naming the component and an
 *   alternative, e.g. "uses Somleng instead of Twilio").
 * - Elsewhere (one module among several, a connector or plugin, a service off
 *   by default, telemetry the table marks as optional) it is a gap that asks
 *   whether the component is mandatory: the guide allows closed components "as
 *   long as there are open alternatives that can be easily used/swapped", and
 *   only the candidate can say.
 *
 * Matching is by exact package, image or chart name in its ecosystem
 * (`predis` is not Redis), on parsed declarations (a commented-out line is
 * not a dependency).
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { leadingVersion, prefixSpan, resolveCatalogs, spanStatus, tagSpans, versionSpans, type Dependency, type ParsedManifest, type SpanStatus } from '../../src/helpers.js';
import type { Declaration } from '../../src/rule-api.js';
import { declared, hasRepositoryFiles, isAnswered, listOf, REQUIREMENT } from '../../src/helpers.js';
import { KNOWN_CLOSED, closedAlternatives, describeClosed, describeClosedVersions, knownClosed, matchDependency, movingTagRelease, normaliseName, openDriverFor, parseTechnology, type KnownClosedComponent, type MovingTagRelease } from '../lib/known-closed.js';
import { parse as parseYaml } from 'yaml';
import { checkedRepository } from '../lib/repository-url.js';

/** Scopes that ship with the product. */
const SHIPPED = new Set<Dependency['scope']>(['runtime', 'optional', 'peer']);
/** Most locations named in a message and cited as evidence. */
const NAMED = 3;
const CITED = 10;

/** Folders that hold a deployment: a compose file or Dockerfile there sets up the product itself. */
const DEPLOY_DIR = /^(deploy|deployments?|docker|compose|helm|charts?|k8s|kubernetes|kube|infra|infrastructure|ops|devops|prod|production|packaging|install|installation|openshift|kustomize|manifests)$/i;
/** Modules that are one optional part among several: `contrib/`, `plugins/`, `integrations/`, `*-connector`. */
const OPTIONAL_DIR = /^(contrib|plugins?|extensions?|integrations?|connectors?|providers?|adapters?|add-?ons?|optional|extras?)$/i;
const OPTIONAL_MODULE = /(^|[-_.])(connector|plugin|adapter|provider|integration|extension|add-?on)s?([-_.]|$)/i;
/** Kinds whose dependencies are deployed services (images, charts), not linked libraries. */
const DEPLOYMENT_KINDS = new Set<ParsedManifest['kind']>(['docker-compose', 'Dockerfile', 'helm-values', 'Chart.yaml', 'kubernetes']);

interface Hit {
  dependency: Dependency;
  path: string;
  excerpt: string;
  versioned: boolean;
  /** Evidently mandatory: a runtime service of the main deployment, or a runtime dependency of the core manifest. */
  mandatory: boolean;
  /** Why it is not evidently mandatory. */
  why?: string;
  /** The release a moving image tag pulls (`redis:alpine`, `redis:7`). */
  pulls?: MovingTagRelease;
}
interface Found { component: KnownClosedComponent; components: Hit[]; drivers: Hit[] }
interface LeftOut { tooling: number; transitive: number; catalog: number }

export const dependenciesOpen = defineRuleDraft({
  meta: {
    id: 'dpg-4-03',
    alias: 'dependencies-open',
    level: 'requirement',
    requirement: REQUIREMENT['4'],
    policy: { fail: 'a closed component that is evidently mandatory (a service of the main compose or Helm setup, a direct runtime dependency of the core) has no open alternative declared anywhere in the declaration', gap: 'the closed component may be optional (one connector among several, a plugin, off by default), its version decides its licence, only an alternative in the core technologies names a way out, or the alternatives declared for it are closed themselves' },
    title: 'Dependencies include no undeclared closed components',
    appliesTo: 'all',
    motivation: 'A mandatory dependency that is closed or source-available (MongoDB, Firebase, Elasticsearch 7.11–8.15, Redis 7.4–7.x, Mapbox GL JS 2+…) restricts users more than the solution\'s own licence; the DPG Standard requires open alternatives usable without significant changes, and reviewers find such dependencies in manifests, lockfiles and container files.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only), so no dependency could be checked.',
      noManifests: 'No dependency manifest, lockfile or container file was found outside test, example, documentation, development-environment, CI and vendored paths, so no dependency could be checked.',
      noDependencies: '{manifests} declare{s} no dependency (tool settings only; setup.py is not read), so no dependency could be checked.',
      noneFound: 'None of the {dependencies} dependencies declared in {manifests} is a known closed component ({tableSize} components in the table, matched by exact package, image and chart names){leftOut}.',
      closedUndeclared: '{component} ({license}) is a mandatory dependency: {locations}. It is not declared in `platformIndependence.components`, and no open alternative is named anywhere in the declaration: declare it there with an open alternative and how to switch to it, or replace it. {suggestion}{note}',
      closedDeclaredOpen: '{component} ({license}) is a mandatory dependency: {locations}, but the declaration says there are no closed components (`platformIndependence.closedComponents: false`) and names no open alternative to it: declare it in `platformIndependence.components` with an open alternative, or replace it. {suggestion}{note}',
      declared: '{component} is a dependency ({locations}) and is declared in `platformIndependence.components[{index}]` with open alternatives: {declaredAlternatives}.',
      declaredClosedAlternative: '{component} is a dependency ({locations}) and is declared in `platformIndependence.components[{index}]`, but the alternatives declared for it are closed themselves: {closed}. Which open alternative can replace it? {suggestion}',
      declaredNoAlternative: '{component} is a dependency ({locations}) and is declared in `platformIndependence.components[{index}]`, but without an open alternative: add one. {suggestion}',
      alternativeInText: '{component} is a dependency ({locations}), and the declaration names an open alternative to it in `{key}`: "{excerpt}". List it in `platformIndependence.components` with `openAlternatives` and `migration` so that dpg-4-01 can check it too.',
      alternativeInReadme: '{component} ({license}) is a dependency ({locations}), and {path} line {line} names it beside {alternative}, an open alternative: "{excerpt}". If the solution runs on {alternative} instead, declare {component} in `platformIndependence.components` with {alternative} and how to switch; if {component} is mandatory, it needs an open alternative. {suggestion}',
      alternativeNamed: '{component} ({license}) is a mandatory dependency ({locations}), and the declared core technologies name an open alternative to it: {alternative} (`{key}`). If {alternative} replaces {component}, declare {component} in `platformIndependence.components` with {alternative} and how to switch; if both are needed, {component} still needs an open alternative. {suggestion}',
      mayBeOptional: '{component} ({license}) is a dependency, but not evidently a mandatory one: {locations} — {reasons}. Is the solution usable without it? If it is mandatory, declare it in `platformIndependence.components` with an open alternative and how to switch; if it is optional, say so there (an open alternative, or that it can be left out). {suggestion}{note}',
      openVersion: '{component} is a dependency at a version outside the closed {closedVersions}: {locations}. {openFrom}{tagNote}',
      versionUnknown: '{component} is a dependency ({locations}), but no version there shows whether it is one of the closed {closedVersions} ({license}): pin an open version (e.g. {example}), or declare it in `platformIndependence.components` with an open alternative.{openElsewhere} {suggestion}',
      driverOnly: '{drivers} ({driverLicense}) at {locations} need a {component} server, which is {license}; the server itself is not in the repository. If the solution runs on {component}, declare it in `platformIndependence.components` with an open alternative; if it runs on an open alternative, name it in `platformIndependence.coreTechnologies`. {suggestion}',
      driverBesideOpen: '{drivers} at {locations} connect to {component} ({license}), and each manifest holding them also holds the driver of an open database: {openDrivers}. {component} is one of the databases the solution supports, and {alternatives} its open way; naming {alternatives} in `platformIndependence.coreTechnologies` says so in the declaration too.',
      driverAlternative: '{drivers} at {locations} need a {component}-compatible server, and the declared core technologies name an open one: {alternative}.',
      unparsable: 'These manifests could not be read, so their dependencies were not checked: {files}.',
    },
    remediation: 'Replace each closed dependency with an open alternative, or list it in `platformIndependence.components` of dpg.yml with its open alternatives (FerretDB or PostgreSQL for MongoDB, Supabase or Appwrite for Firebase, OpenSearch for Elasticsearch, Valkey for Redis, MapLibre GL JS for Mapbox GL JS…) and how to switch; pin versions of components that are closed only in some versions.',
    reads: ['README*', '**/package.json', '**/package-lock.json', '**/yarn.lock', '**/pnpm-lock.yaml', '**/requirements*.txt', '**/pyproject.toml', '**/Pipfile', '**/Pipfile.lock', '**/poetry.lock', '**/uv.lock', '**/pom.xml', '**/build.gradle', '**/build.gradle.kts', '**/*.versions.toml', '**/build-logic/**/*.kt', '**/buildSrc/**/*.kt', '**/go.mod', '**/Gemfile', '**/Gemfile.lock', '**/composer.json', '**/composer.lock', '**/mix.exs', '**/mix.lock', '**/*.csproj', '**/packages.config', '**/pubspec.yaml', '**/pubspec.lock', '**/docker-compose*.yml', '**/compose*.yaml', '**/Dockerfile*', '**/values*.yaml', '**/Chart.yaml', '**/k8s/**/*.yaml', '**/kubernetes/**/*.yaml', '**/deploy/**/*.yaml', '**/manifests/**/*.yaml', 'config/default.json', 'config/default.yml', 'config/default.yaml'],
    tags: ['repository'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    if (!hasRepositoryFiles(snapshot)) return [{ status: 'n/a', messageId: 'noRepository' }];
    // The manifests' path classes:
    // tests, examples, docs sites, dev environments, CI and vendored code are not the product.
    const read: ParsedManifest[] = [];
    for (const manifest of context.facts.dependencies.manifests) {
      const parsed = manifest.pathClass === 'own' ? manifest.parsed : undefined;
      if (parsed) read.push(parsed);
    }
    const parsed = resolveCatalogs(read);
    // The checked repository's owner and name: a compose service's image named after either is the candidate's own.
    const ownNames = (checkedRepository(snapshot.source, declaration) ?? '').split('/').slice(1).filter(Boolean);
    const imports = new Map<string, boolean>();
    const specifiers = new Map<string, Set<string> | undefined>();
    const offByConfig = new Map<string, string | undefined>();
    const { shipped, declaredAnywhere } = declaredPackages(parsed);
    const found = new Map<string, Found>();
    const leftOut: LeftOut = { tooling: 0, transitive: 0, catalog: 0 };
    let dependencyCount = 0;
    for (const manifest of parsed) {
      let lines: string[] | undefined;
      for (const dependency of manifest.dependencies) {
        if (dependency.catalogAccessor === undefined) dependencyCount++;
        const match = matchDependency(dependency);
        if (!match) continue;
        if (dependency.catalogAccessor !== undefined) { leftOut.catalog++; continue; }
        if (!SHIPPED.has(dependency.scope)) { leftOut.tooling++; continue; }
        if (dependency.locked === true && !shipped.has(packageKey(dependency))) {
          if (declaredAnywhere.has(packageKey(dependency))) leftOut.tooling++;
          else leftOut.transitive++;
          continue;
        }
        lines ??= (snapshot.read(manifest.path)?.text ?? '').split(/\r?\n/);
        const entry = found.get(match.component.id) ?? { component: match.component, components: [], drivers: [] };
        found.set(match.component.id, entry);
        const excerpt = (lines[dependency.line - 1] ?? '').trim().slice(0, 160);
        const why = notMandatory(manifest, dependency, match.component, match.mayBeOptional, ownNames) ?? notImported(context, manifest, dependency, imports)
          ?? (match.role === 'component' ? besideOpenAlternative(match.component, manifest) ?? importedOnlyForOptionalFeatures(context, match.component, manifest, dependency, parsed, specifiers) : undefined)
          ?? offInDefaultConfiguration(context, match.component, offByConfig);
        const pulls = pullsOf(match.component, manifest, dependency);
        const hit: Hit = { dependency, path: manifest.path, excerpt, versioned: match.versioned && dependency.versionIsNotComponentVersion !== true, mandatory: why === undefined, ...(why ? { why } : {}), ...(pulls ? { pulls } : {}) };
        (match.role === 'component' ? entry.components : entry.drivers).push(hit);
      }
    }
    const outcomes: RuleOutcome[] = [];
    const broken = parsed.filter((m) => m.problems.length > 0 && m.dependencies.length === 0);
    if (broken.length > 0) {
      outcomes.push({
        status: 'gap',
        messageId: 'unparsable',
        data: { files: listOf(broken.slice(0, NAMED).map((m) => `${m.path} (${m.problems[0] as string})`).concat(broken.length > NAMED ? [`${broken.length - NAMED} more`] : [])) },
        evidence: broken.slice(0, CITED).map((m) => ({ kind: 'file', path: m.path })),
      });
    }
    const declarationView = new DeclaredComponents(context);
    for (const component of KNOWN_CLOSED) {
      const entry = found.get(component.id);
      if (entry) outcomes.push(judge(entry, declarationView, context, parsed));
    }
    if (found.size === 0) {
      if (parsed.length === 0) return outcomes.length > 0 ? outcomes : [{ status: 'n/a', messageId: 'noManifests' }];
      // openfisca-core's pyproject.toml holds black's and codespell's settings; its dependencies are in setup.py.
      // "None of the 0 dependencies" would be a pass that nothing earned.
      if (dependencyCount === 0) {
        outcomes.push({ status: 'n/a', messageId: 'noDependencies', data: { manifests: describeManifests(parsed), s: parsed.length === 1 ? 's' : '' }, evidence: parsed.slice(0, CITED).map((m) => ({ kind: 'file', path: m.path })) });
        return outcomes;
      }
      outcomes.push({
        status: 'pass',
        messageId: 'noneFound',
        data: {
          dependencies: dependencyCount,
          manifests: describeManifests(parsed),
          tableSize: KNOWN_CLOSED.length,
          leftOut: describeLeftOut(leftOut),
        },
        evidence: parsed.slice(0, CITED).map((m) => ({ kind: 'file', path: m.path })),
      });
    }
    if (outcomes.length === 0) outcomes.push({ status: 'n/a', messageId: 'noManifests', evidence: [declared(declaration, 'platformIndependence')] });
    return outcomes;
  },
});

/**
 * The open servers' drivers beside a closed server's, when every manifest holding the closed one holds one of them
 * too (sunbird-rc: `mssql-jdbc` beside `org.postgresql:postgresql` in each of its poms, "Include this dependency for
 * MSSQL Server support"): the closed server is one of the databases the solution supports, not one it needs.
 */
function openDriversBeside(component: KnownClosedComponent, drivers: readonly Hit[], manifests: readonly ParsedManifest[]): { named: string; alternatives: string; evidence: Evidence[] } | undefined {
  const found: { path: string; dependency: Dependency; alternative: string }[] = [];
  for (const path of new Set(drivers.map((hit) => hit.path))) {
    const manifest = manifests.find((m) => m.path === path);
    const open = manifest?.dependencies
      .filter((dependency) => SHIPPED.has(dependency.scope))
      .map((dependency) => ({ dependency, alternative: openDriverFor(component, dependency) }))
      .find((candidate): candidate is { dependency: Dependency; alternative: string } => candidate.alternative !== undefined);
    if (!open) return undefined;
    found.push({ path, ...open });
  }
  if (found.length === 0) return undefined;
  const named = found.slice(0, NAMED).map((f) => `${f.dependency.name} at ${f.path}:${f.dependency.line}`).concat(found.length > NAMED ? [`${found.length - NAMED} more`] : []);
  return {
    named: listOf(named),
    alternatives: listOf([...new Set(found.map((f) => f.alternative))]),
    evidence: found.slice(0, CITED).map((f): Evidence => ({ kind: 'file', path: f.path, line: f.dependency.line })),
  };
}

function packageKey(dependency: Pick<Dependency, 'ecosystem' | 'name'>): string {
  return `${dependency.ecosystem}\u0000${dependency.name.toLowerCase()}`;
}

/**
 * The packages the candidate declares itself, in manifests rather than
 * lockfiles: `shipped` in a runtime, optional or peer scope, `declaredAnywhere`
 * in any scope. A lockfile entry outside both was pulled in by another package.
 */
function declaredPackages(parsed: readonly ParsedManifest[]): { shipped: Set<string>; declaredAnywhere: Set<string> } {
  const shipped = new Set<string>();
  const declaredAnywhere = new Set<string>();
  for (const manifest of parsed) {
    for (const dependency of manifest.dependencies) {
      if (dependency.locked === true || dependency.catalogAccessor !== undefined) continue;
      declaredAnywhere.add(packageKey(dependency));
      if (SHIPPED.has(dependency.scope)) shipped.add(packageKey(dependency));
    }
  }
  return { shipped, declaredAnywhere };
}

/**
 * Why a dependency is not evidently mandatory, or undefined when it is: a
 * runtime service of the main deployment (a compose file, Dockerfile, Helm
 * chart or Kubernetes manifest at the root, one folder down or in a deployment
 * folder, not off by default), or a runtime dependency of the core (the root
 * manifest, a top-level application folder such as `back/` or `app/`, or
 * `android/app/`) outside connector and plugin modules.
 */
function notMandatory(manifest: ParsedManifest, dependency: Dependency, component: KnownClosedComponent, mayBeOptional: string | undefined, ownNames: readonly string[]): string | undefined {
  const folders = manifest.path.split('/').slice(0, -1);
  const folder = `${folders.join('/')}/`;
  if (dependency.locked === true) return 'a lockfile entry, which follows the manifest that declares it';
  if (dependency.offByDefault === true) return `off by default in ${manifest.path} (a compose profile or \`enabled: false\`)`;
  // mHero's compose file: MongoDB is there for openhim-core (jembi/openhim-core), a bundled third-party service the
  // install leaves off; the candidate's own service does not use it. Known only when the repository is.
  const users = dependency.usedOnlyBy;
  if (users !== undefined && ownNames.length > 0 && users.every((user) => !imageIsOwn(user.image, ownNames))) {
    return `used only by ${users.map((user) => `${user.service} (${user.image})`).join(', ')} in ${manifest.path}: another party's service${users.length === 1 ? '' : 's'}, not the candidate's own`;
  }
  if (DEPLOYMENT_KINDS.has(manifest.kind)) {
    const main = folders.length <= 1 || folders.some((f) => DEPLOY_DIR.test(f)) || manifest.kind === 'Chart.yaml' || manifest.kind === 'helm-values' || manifest.kind === 'kubernetes';
    return main ? mayBeOptional : `set up by ${manifest.path}, a module's own deployment rather than the main one`;
  }
  const optionalFolder = folders.find((f) => OPTIONAL_DIR.test(f) || OPTIONAL_MODULE.test(f) || vendorFolder(f, component));
  if (optionalFolder) return `in ${folder}, a connector, plugin or contributed module (${optionalFolder}/)`;
  const core = folders.length <= 1 || (folders.length === 2 && /^android$/i.test(folders[0] as string) && /^app$/i.test(folders[1] as string));
  if (!core) return `in the module ${folder}, not the root or main application manifest`;
  // Telemetry, a bill of materials, a messaging channel, Play services: the table says why these are usually optional.
  return mayBeOptional;
}

/** The candidate's own JavaScript and TypeScript sources, the files an npm package is imported from. */
const SCRIPT_SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte)$/i;
/** How many sources, and bytes, are read to find an import; past either the package counts as imported. */
const IMPORT_SEARCH = { files: 5000, bytes: 16 * 1024 * 1024 } as const;

/**
 * kotani-pay's pattern: `firebase-admin` in the root package.json, but no source file imports it (the app moved to
 * MongoDB). A package of a manifest that no own script names in quotes (`'firebase-admin'`,
 * `"firebase-admin/app"`) is not evidently needed to run. Asked only for a dependency that would otherwise fail,
 * once per package; the search is bounded by files and bytes, never by time, and past its bounds the package counts
 * as imported.
 */
function notImported(context: RuleContext, manifest: ParsedManifest, dependency: Dependency, cache: Map<string, boolean>): string | undefined {
  if (dependency.ecosystem !== 'npm' || manifest.kind !== 'package.json') return undefined;
  let imported = cache.get(dependency.name);
  if (imported === undefined) {
    imported = importedAnywhere(context, dependency.name);
    cache.set(dependency.name, imported);
  }
  return imported ? undefined : `declared in ${manifest.path}, but none of the candidate's own scripts imports it`;
}

function importedAnywhere(context: RuleContext, name: string): boolean {
  const quoted = new RegExp(`['"\`]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:/[^'"\`\\s]*)?['"\`]`);
  let files = 0;
  let bytes = 0;
  let sources = 0;
  for (const path of context.snapshot.paths) {
    if (!SCRIPT_SOURCE.test(path) || !context.facts.paths.isOwn(path)) continue;
    sources++;
    if (files >= IMPORT_SEARCH.files || bytes >= IMPORT_SEARCH.bytes) return true;
    const text = context.snapshot.read(path, { keep: false })?.text;
    if (text === undefined) return true;
    files++;
    bytes += text.length;
    if (text.includes(name) && quoted.test(text)) return true;
  }
  // No script at all (a package.json beside code in another language): nothing says it is unused.
  return sources === 0;
}

/**
 * uwazi's pattern: `@googlemaps/js-api-loader` in the package.json that also has `leaflet`, whose maps take Google's
 * tiles or others by a setting. A closed component's package beside an open alternative's, in the same manifest
 * (the table's `openDriversOf` list: Leaflet, MapLibre GL JS, OpenLayers for a web map), is one option of the
 * solution's rather than evidently what it runs on: a question, not a fail.
 */
function besideOpenAlternative(component: KnownClosedComponent, manifest: ParsedManifest): string | undefined {
  if (component.openDriversOf === undefined) return undefined;
  for (const dependency of manifest.dependencies) {
    if (!SHIPPED.has(dependency.scope) || dependency.locked === true) continue;
    const alternative = openDriverFor(component, dependency);
    if (alternative) return `beside ${dependency.name} at ${manifest.path}:${dependency.line} (${alternative}, open), which the solution may use instead`;
  }
  return undefined;
}

/**
 * aam-digital's pattern: `@angular/fire` in the root package.json, imported only as `@angular/fire/compat` (the
 * app's set-up) and `@angular/fire/compat/messaging` (push notifications), with the configuration loaded only when
 * a deployment adds one. When every import of the component's npm packages in the candidate's own scripts is a
 * set-up module or a module of a feature an app runs without (the table's `optionalModules`: push notifications,
 * analytics), the component serves that feature, not the solution's running. Any other import
 * (`firebase/firestore`, bare `firebase`), or a search past its bounds, leaves it mandatory. Computed once per
 * component, over all its packages: `@react-native-firebase/app` is set-up for whichever feature its siblings bring.
 */
function importedOnlyForOptionalFeatures(
  context: RuleContext, component: KnownClosedComponent, manifest: ParsedManifest, dependency: Dependency, manifests: readonly ParsedManifest[], cache: Map<string, Set<string> | undefined>,
): string | undefined {
  const modules = component.optionalModules;
  if (modules === undefined || dependency.ecosystem !== 'npm' || manifest.kind !== 'package.json') return undefined;
  if (!cache.has(component.id)) {
    const names = new Set(manifests.filter((m) => m.kind === 'package.json').flatMap((m) => m.dependencies)
      .filter((d) => d.ecosystem === 'npm' && d.locked !== true && matchDependency(d)?.component.id === component.id).map((d) => d.name));
    let union: Set<string> | undefined = new Set<string>();
    for (const name of names) {
      const found = importSpecifiers(context, name);
      if (found === undefined) { union = undefined; break; }
      for (const specifier of found) union.add(specifier);
    }
    cache.set(component.id, union);
  }
  const found = cache.get(component.id);
  if (found === undefined || found.size === 0) return undefined;
  const features = new Set<string>();
  for (const specifier of found) {
    if (modules.setUp.includes(specifier)) continue;
    const feature = modules.features.find((f) => f.modules.includes(specifier));
    if (!feature) return undefined;
    features.add(feature.feature);
  }
  if (features.size === 0) return undefined;
  return `imported only as ${listOf([...found].sort().map((f) => `\`${f}\``))}: for ${listOf([...features])}, which an app runs without`;
}

/**
 * Every module specifier of `name` (`'name'`, `'name/sub/path'`) in the candidate's own scripts; undefined when the
 * search went past its bounds (then nothing can be said from it).
 */
function importSpecifiers(context: RuleContext, name: string): Set<string> | undefined {
  const quoted = new RegExp(`['"\`](${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:/[^'"\`\\s]*)?)['"\`]`, 'g');
  const found = new Set<string>();
  let files = 0;
  let bytes = 0;
  for (const path of context.snapshot.paths) {
    if (!SCRIPT_SOURCE.test(path) || !context.facts.paths.isOwn(path)) continue;
    if (files >= IMPORT_SEARCH.files || bytes >= IMPORT_SEARCH.bytes) return undefined;
    const text = context.snapshot.read(path, { keep: false })?.text;
    if (text === undefined) return undefined;
    files++;
    bytes += text.length;
    if (!text.includes(name)) continue;
    for (const match of text.matchAll(quoted)) found.add(match[1] as string);
  }
  return found;
}

/** The application's default configuration files (node-config's `config/default.*`), where a service is turned on or off. */
const DEFAULT_CONFIGURATION = /^config\/default\.(json|ya?ml)$/i;

/**
 * mojaloop's central-ledger: `mongo:latest` in the root docker-compose.yml, while its config/default.json says
 * `"MONGODB": { "DISABLED": true, … }` and the code connects only when it is not. A block named after the component
 * in the application's default configuration with `disabled: true` or `enabled: false` (any letter case) turns it
 * off unless a deployment turns it on: the component is an option. Computed once per component.
 */
function offInDefaultConfiguration(context: RuleContext, component: KnownClosedComponent, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(component.id)) return cache.get(component.id);
  let reason: string | undefined;
  const keys = configurationKeys(component);
  for (const path of context.snapshot.paths) {
    if (!DEFAULT_CONFIGURATION.test(path)) continue;
    const text = context.snapshot.read(path)?.text;
    const off = text === undefined ? undefined : switchedOff(text, path, keys);
    if (off) {
      reason = `turned off in the application's default configuration (${path}:${off.line}, \`${off.setting}\`)`;
      break;
    }
  }
  cache.set(component.id, reason);
  return reason;
}

/** The names a configuration block of the component would have: its names and its images' and packages' last segments, as letters and digits. */
function configurationKeys(component: KnownClosedComponent): Set<string> {
  const compact = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const names = [...component.names, ...(component.detect ?? []).filter((d) => d.ecosystem === 'docker').flatMap((d) => d.names.map((n) => n.slice(n.lastIndexOf('/') + 1)))];
  return new Set(names.map(compact).filter((n) => n.length >= 4));
}

/** Where a JSON or YAML text's block named by one of `keys` says `disabled: true` or `enabled: false`. */
function switchedOff(text: string, path: string, keys: ReadonlySet<string>): { line: number; setting: string } | undefined {
  let data: unknown;
  try {
    data = path.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const visit = (value: unknown, depth: number): { key: string; flag: string; on: boolean } | undefined => {
    if (depth > 4 || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
      if (keys.has(key.toLowerCase().replace(/[^a-z0-9]/g, ''))) {
        const flag = Object.entries(item).find(([k, v]) => (/^disabled$/i.test(k) && v === true) || (/^enabled$/i.test(k) && v === false));
        if (flag) return { key, flag: flag[0], on: flag[1] as boolean };
      }
      const inner = visit(item, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  };
  const off = visit(data, 0);
  if (!off) return undefined;
  const lines = text.split(/\r?\n/);
  const keyLine = lines.findIndex((line) => line.includes(off.key));
  const flagLine = lines.findIndex((line, i) => i > keyLine && line.includes(off.flag));
  return { line: (flagLine >= 0 ? flagLine : Math.max(0, keyLine)) + 1, setting: `${off.key}.${off.flag}: ${String(off.on)}` };
}

/** An image named after the checked repository's owner or name (`intrahealth/emnutt` for intrahealth/emNutt). */
function imageIsOwn(image: string, ownNames: readonly string[]): boolean {
  const parts = image.toLowerCase().split('/');
  return parts.some((part) => ownNames.includes(part));
}

/** A folder named after the component's vendor (`auth0/`, `twilio/`): an adapter for that one provider. */
function vendorFolder(folder: string, component: KnownClosedComponent): boolean {
  const name = folder.toLowerCase().replace(/[^a-z0-9]/g, '');
  const vendor = component.id.split('-')[0] as string;
  return name === vendor || component.names.some((n) => n.toLowerCase().replace(/[^a-z0-9]/g, '') === name);
}

function describeLeftOut(leftOut: LeftOut): string {
  const parts: string[] = [];
  if (leftOut.tooling > 0) parts.push(`${leftOut.tooling} test, development or build-only match${leftOut.tooling === 1 ? ' was' : 'es were'} left out, as the guide does not require tools around the product to be open`);
  if (leftOut.transitive > 0) parts.push(`${leftOut.transitive} match${leftOut.transitive === 1 ? '' : 'es'} only in lockfiles, pulled in by other packages, ${leftOut.transitive === 1 ? 'is' : 'are'} not the candidate's own dependenc${leftOut.transitive === 1 ? 'y' : 'ies'}`);
  if (leftOut.catalog > 0) parts.push(`${leftOut.catalog} version-catalog entr${leftOut.catalog === 1 ? 'y' : 'ies'} no build script uses ${leftOut.catalog === 1 ? 'is' : 'are'} not a use`);
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

/** Every free-text answer of the declaration, with its key: descriptions, migration notes, explanations. */
function declarationTexts(data: Readonly<Declaration> | undefined): { key: string; text: string }[] {
  const texts: { key: string; text: string }[] = [];
  const walk = (value: unknown, key: string, depth: number): void => {
    if (depth > 12) return;
    if (typeof value === 'string') {
      if (/\s/.test(value.trim())) texts.push({ key, text: value });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${key}[${index}]`, depth + 1));
    } else if (typeof value === 'object' && value !== null) {
      for (const [name, item] of Object.entries(value)) if (name !== '$schema') walk(item, key === '' ? name : `${key}.${name}`, depth + 1);
    }
  };
  walk(data, '', 0);
  return texts;
}

function mentions(text: string, name: string): number {
  const match = new RegExp(`(^|[^\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s-]*')}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
  return match ? match.index + (match[1] as string).length : -1;
}

/** What the declaration says about closed components, matched to the table by name. */
class DeclaredComponents {
  private readonly listed = new Map<string, { index: number; alternatives: string[] }>();
  private readonly core: { name: string; index: number }[];
  private readonly texts: { key: string; text: string }[];
  readonly closedAnswer: boolean | undefined;

  constructor(context: RuleContext) {
    const platform = context.declaration.data?.platformIndependence;
    this.closedAnswer = platform?.closedComponents;
    (Array.isArray(platform?.components) ? platform.components : []).forEach((c, index) => {
      if (typeof c?.name !== 'string') return;
      const component = knownClosed(parseTechnology(c.name));
      if (!component || this.listed.has(component.id)) return;
      const alternatives = (Array.isArray(c.openAlternatives) ? c.openAlternatives : []).filter((a): a is string => isAnswered(a)).map((a) => a.trim());
      this.listed.set(component.id, { index, alternatives });
    });
    this.core = (Array.isArray(platform?.coreTechnologies) ? platform.coreTechnologies : [])
      .map((t, index) => ({ t, index }))
      .filter((c): c is { t: string; index: number } => typeof c.t === 'string')
      .map(({ t, index }) => ({ name: parseTechnology(t).name, index }));
    this.texts = declarationTexts(context.declaration.data);
  }

  listing(component: KnownClosedComponent): { index: number; alternatives: string[] } | undefined {
    return this.listed.get(component.id);
  }

  /** An open alternative of the component named among the declared core technologies ("FerretDB"). */
  coreAlternative(component: KnownClosedComponent): { alternative: string; key: string } | undefined {
    const names = [...component.alternatives.map((a) => a.replace(/\s*\(.*$/, '')), ...(component.alternativeNames ?? [])];
    for (const alternative of names) {
      const core = this.core.find((c) => c.name === normaliseName(alternative) || c.name.startsWith(`${normaliseName(alternative)} `));
      if (core) return { alternative, key: `platformIndependence.coreTechnologies[${core.index}]` };
    }
    return undefined;
  }

  /**
   * A free-text answer naming the component and one of its open alternatives
   * ("SMS goes through Twilio, or Somleng for self-hosting"): the issue's "no
   * open alternative is declared — anywhere in the declaration, free-text
   * answers included".
   */
  textAlternative(component: KnownClosedComponent): { key: string; excerpt: string } | undefined {
    const alternatives = component.alternativeNames ?? [];
    for (const { key, text } of this.texts) {
      const at = Math.min(...component.names.map((n) => mentions(text, n)).filter((i) => i >= 0));
      if (!Number.isFinite(at)) continue;
      const other = alternatives.map((a) => mentions(text, a)).filter((i) => i >= 0);
      if (other.length === 0) continue;
      const from = Math.max(0, Math.min(at, ...other) - 40);
      const to = Math.min(text.length, Math.max(at, ...other) + 60);
      const excerpt = `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
      return { key, excerpt: excerpt.length > 220 ? `${excerpt.slice(0, 217)}...` : excerpt };
    }
    return undefined;
  }
}

function judge(found: Found, declarations: DeclaredComponents, context: RuleContext, manifests: readonly ParsedManifest[]): RuleOutcome {
  const { component } = found;
  const hits = found.components.length > 0 ? found.components : found.drivers;
  const listing = declarations.listing(component);
  const mandatory = hits.filter((h) => h.mandatory);
  // The mandatory locations first: they are what a reviewer checks.
  const ordered = [...mandatory, ...hits.filter((h) => !h.mandatory)];
  const evidence = cite(ordered);
  const data: Record<string, string | number> = {
    component: component.names[0] as string,
    license: component.license,
    locations: locations(ordered),
    suggestion: suggestion(component),
    closedVersions: describeClosedVersions(component),
    openFrom: component.openFrom ?? '',
    note: component.note && found.components.length > 0 ? ` ${component.note}` : '',
    tagNote: describeMovingTags(found.components),
  };
  if (data.tagNote !== '') data.note = `${data.note as string}${data.tagNote as string}`;
  if (listing) {
    const key = `platformIndependence.components[${listing.index}]`;
    if (listing.alternatives.length === 0) {
      return { status: 'fail', messageId: 'declaredNoAlternative', data: { ...data, index: listing.index }, evidence: [...evidence, declared(context.declaration, `${key}.openAlternatives`)] };
    }
    const closed = closedAlternatives(listing.alternatives);
    if (closed.length > 0) return { status: 'gap', messageId: 'declaredClosedAlternative', data: { ...data, index: listing.index, closed: describeClosed(closed) }, evidence: [...evidence, declared(context.declaration, `${key}.openAlternatives`)] };
    return { status: 'pass', messageId: 'declared', data: { ...data, index: listing.index, declaredAlternatives: listOf(listing.alternatives) }, evidence: [...evidence, declared(context.declaration, key)] };
  }
  const inText = declarations.textAlternative(component);
  if (found.components.length === 0) {
    const drivers = listOf([...new Set(found.drivers.map((h) => h.dependency.name))].slice(0, NAMED));
    const alternative = declarations.coreAlternative(component);
    if (alternative) return { status: 'pass', messageId: 'driverAlternative', data: { ...data, drivers, alternative: alternative.alternative }, evidence: [...evidence, declared(context.declaration, 'platformIndependence.coreTechnologies')] };
    if (inText) return { status: 'pass', messageId: 'alternativeInText', data: { ...data, key: inText.key, excerpt: inText.excerpt }, evidence: [...evidence, declared(context.declaration, inText.key)] };
    const beside = openDriversBeside(component, found.drivers, manifests);
    if (beside) return { status: 'pass', messageId: 'driverBesideOpen', data: { ...data, drivers, openDrivers: beside.named, alternatives: beside.alternatives }, evidence: [...evidence, ...beside.evidence] };
    return { status: 'gap', messageId: 'driverOnly', data: { ...data, drivers, driverLicense: component.drivers?.license ?? 'openly licensed' }, evidence };
  }
  const status = versionDecision(component, found.components);
  if (status === 'open') return { status: 'pass', messageId: 'openVersion', data, evidence };
  if (status === 'unknown') {
    // The question is about the places that give no deciding version; where one is given and open, it is said so
    // (digit: Elasticsearch 6.2.4 and 6.6.0 in two poms, and no version in six others).
    const deciding = decidingHits(found.components);
    const undecided = deciding.filter((hit) => hitStatus(component, hit) === 'unknown');
    const open = deciding.filter((hit) => hitStatus(component, hit) === 'open');
    const example = exampleVersion(component, found.components);
    if (open.length === 0) return { status: 'gap', messageId: 'versionUnknown', data: { ...data, example, openElsewhere: '' }, evidence };
    return {
      status: 'gap', messageId: 'versionUnknown',
      data: { ...data, locations: locations(undecided), example, openElsewhere: ` The versions given elsewhere are open: ${locations(open)}.` },
      evidence: cite([...undecided, ...open]),
    };
  }
  if (inText) return { status: 'pass', messageId: 'alternativeInText', data: { ...data, key: inText.key, excerpt: inText.excerpt }, evidence: [...evidence, declared(context.declaration, inText.key)] };
  if (mandatory.length === 0) {
    const reasons = listOf([...new Set(hits.map((h) => h.why as string))].slice(0, NAMED));
    return { status: 'gap', messageId: 'mayBeOptional', data: { ...data, reasons }, evidence };
  }
  const alternative = declarations.coreAlternative(component);
  if (alternative) {
    return { status: 'gap', messageId: 'alternativeNamed', data: { ...data, alternative: alternative.alternative, key: alternative.key }, evidence: [...evidence, declared(context.declaration, alternative.key)] };
  }
  const readme = readmeAlternative(context, component);
  if (readme) {
    return { status: 'gap', messageId: 'alternativeInReadme', data: { ...data, ...readme }, evidence: [...evidence, { kind: 'file', path: readme.path, line: readme.line, excerpt: readme.excerpt }] };
  }
  if (declarations.closedAnswer === false) {
    return { status: 'fail', messageId: 'closedDeclaredOpen', data, evidence: [...evidence, declared(context.declaration, 'platformIndependence.closedComponents')] };
  }
  return { status: 'fail', messageId: 'closedUndeclared', data, evidence: [...evidence, declared(context.declaration, 'platformIndependence.components')] };
}

/**
 * geomancer's README: "Ability to switch out data warehouses (BigQuery, SQLite, PostgreSQL)", with BigQuery's
 * client in requirements.in and a SQLite backend beside it. A README line that names the closed component and one
 * of its open alternatives (the table's `alternativeNames`) says the solution may run on either: a question, not
 * a fail. The first such line, or undefined.
 */
function readmeAlternative(context: RuleContext, component: KnownClosedComponent): { path: string; line: number; excerpt: string; alternative: string } | undefined {
  const readme = context.facts.readme;
  const alternatives = component.alternativeNames ?? [];
  if (readme === undefined || alternatives.length === 0) return undefined;
  const text = context.snapshot.read(readme)?.text;
  if (text === undefined) return undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!component.names.some((name) => mentions(line, name) >= 0)) continue;
    const alternative = alternatives.find((name) => mentions(line, name) >= 0);
    if (alternative) return { path: readme, line: i + 1, excerpt: line.trim().slice(0, 160), alternative };
  }
  return undefined;
}

/**
 * Whether the versions found are closed. Per package, a lockfile's exact
 * versions decide over a manifest's ranges; across packages any closed version
 * makes the component closed, and any undecided one leaves it unknown.
 */
function versionDecision(component: KnownClosedComponent, hits: readonly Hit[]): SpanStatus {
  if (!component.closedVersions || component.closedVersions.length === 0) return 'closed';
  const statuses = new Set<SpanStatus>(decidingHits(hits).map((hit) => hitStatus(component, hit)));
  if (statuses.has('closed')) return 'closed';
  if (statuses.has('unknown')) return 'unknown';
  return 'open';
}

/** The hits whose versions decide: per package, a lockfile's exact versions, else every hit. */
function decidingHits(hits: readonly Hit[]): Hit[] {
  const byPackage = new Map<string, Hit[]>();
  for (const hit of hits) {
    const key = `${hit.dependency.ecosystem}\u0000${hit.dependency.name}`;
    byPackage.set(key, [...(byPackage.get(key) ?? []), hit]);
  }
  return [...byPackage.values()].flatMap((packageHits) => {
    const locked = packageHits.filter((h) => h.dependency.locked === true);
    return locked.length > 0 ? locked : packageHits;
  });
}

function hitStatus(component: KnownClosedComponent, hit: Hit): SpanStatus {
  if (!hit.versioned) return 'unknown';
  const { ecosystem, version } = hit.dependency;
  const spans = ecosystem === 'docker' ? tagSpans(version) : versionSpans(version, ecosystem === 'packagist' ? 'composer' : 'npm');
  const status = spanStatus(component.closedVersions, spans);
  // `redis:7` spans 7.0 to 7.x, on both sides of the closed 7.4; the release it pulls decides.
  if (status !== 'unknown' || !hit.pulls) return status;
  return spanStatus(component.closedVersions, [prefixSpan(leadingVersion(hit.pulls.release) ?? [0])]);
}

/**
 * The release an image's moving tag pulls, as the table gives it. In Helm values, an image map without a tag takes
 * the chart's own version, not `latest`.
 */
function pullsOf(component: KnownClosedComponent, manifest: ParsedManifest, dependency: Dependency): MovingTagRelease | undefined {
  if (dependency.ecosystem !== 'docker') return undefined;
  if (dependency.version === undefined && manifest.kind === 'helm-values') return undefined;
  return movingTagRelease(component, dependency.name, dependency.version);
}

/** Where the releases that moving tags pull come from, and that they change: empty when no hit has one. */
function describeMovingTags(hits: readonly Hit[]): string {
  const moving = uniqueHits(hits).filter((h) => h.pulls !== undefined);
  const first = moving[0]?.pulls;
  if (!first) return '';
  const tags = [...new Set(moving.map(({ dependency }) => (dependency.version === undefined ? `\`${dependency.name}\` (no tag: \`latest\`)` : `\`${dependency.name}:${dependency.version}\``)))];
  const one = tags.length === 1;
  return ` ${listOf(tags)} ${one ? 'names' : 'name'} no fixed release: the official image's tag list gave ${one ? 'it the release' : 'them the releases'} named on ${first.asOf} (${first.source}), and new releases move ${one ? 'it' : 'them'}; pin a version to keep one.`;
}

/** `docker-compose.yml:5 (mongo:7.0), package.json:12 (firebase ^10.7.0) and 2 more`. */
function locations(hits: readonly Hit[]): string {
  const unique = uniqueHits(hits);
  const named = unique.slice(0, NAMED).map((h) => `${h.path}:${h.dependency.line} (${describeDependency(h)})`);
  if (unique.length > NAMED) named.push(`${unique.length - NAMED} more`);
  return listOf(named);
}

function describeDependency(hit: Hit): string {
  const { dependency, pulls } = hit;
  const pulled = pulls ? `, which pulls ${pulls.release}` : '';
  if (dependency.version === undefined) return `${dependency.name}${pulled}`;
  if (dependency.ecosystem !== 'docker') return `${dependency.name} ${dependency.version}`;
  return `${dependency.name}${dependency.version.startsWith('@') ? '' : ':'}${dependency.version}${pulled}`;
}

function uniqueHits(hits: readonly Hit[]): Hit[] {
  const seen = new Set<string>();
  // Manifests before lockfiles: a reader fixes the manifest, the lockfile follows.
  return [...hits].sort((a, b) => Number(a.dependency.locked === true) - Number(b.dependency.locked === true)).filter((h) => {
    const key = `${h.path}:${h.dependency.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cite(hits: readonly Hit[]): Evidence[] {
  return uniqueHits(hits).slice(0, CITED).map((h) => ({ kind: 'file', path: h.path, line: h.dependency.line, excerpt: h.excerpt }));
}

/** Who suggests which alternatives: the DPGA's guide for the components it names, this project's table otherwise. */
function suggestion(component: KnownClosedComponent): string {
  const alternatives = anyOf(component.alternatives);
  return component.alternativesFrom === 'dpg-check' ? `Open alternatives include ${alternatives}.` : `The DPGA's platform-independence guide suggests ${alternatives}.`;
}

function anyOf(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] as string}`;
}

/** `redis:8.0` for an image, `Redis 8` otherwise: a version outside the closed range, in the form found. */
function exampleVersion(component: KnownClosedComponent, hits: readonly Hit[]): string {
  const range = component.closedVersions?.[0];
  const open = range?.before ?? range?.from ?? '1.0';
  const image = hits.find((h) => h.dependency.ecosystem === 'docker');
  return image ? `${image.dependency.name}:${/\./.test(open) ? open : `${open}.0`}` : `${component.names[0] as string} ${open}`;
}

/** `3 files (package.json, docker-compose.yml, …)`. */
function describeManifests(parsed: readonly ParsedManifest[]): string {
  const names = parsed.slice(0, NAMED).map((m) => m.path);
  if (parsed.length > NAMED) names.push(`${parsed.length - NAMED} more`);
  return `${parsed.length} file${parsed.length === 1 ? '' : 's'} (${listOf(names)})`;
}
