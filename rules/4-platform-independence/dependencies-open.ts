/**
 * dpg-4-03 dependencies-open: the repository's dependency manifests,
 * lockfiles, container images and Helm charts — across the whole tree, since
 * monorepos have dozens — are matched against the known closed and
 * source-available components (DPG Standard, indicator 4; the DPGA's
 * platform-independence guide). A closed component the declaration lists with
 * an open alternative passes; one it does not list fails, naming the file,
 * the line and the alternatives.
 *
 * Matching is by exact package, image or chart name in its ecosystem
 * (`predis` is not Redis), on parsed declarations (a commented-out line is
 * not a dependency). Test, development and build-only dependencies are left
 * out: the guide does not require tools around the product to be open.
 */
import { defineRule, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/model.js';
import { findManifests, parseManifest, spanStatus, tagSpans, versionSpans, type Dependency, type ParsedManifest, type SpanStatus } from '../../src/manifests/index.js';
import { STANDARD, declared, guidanceUrl, hasRepositoryFiles, isAnswered, isVendored, listOf, REQUIREMENT } from '../shared.js';
import { KNOWN_CLOSED, describeClosedVersions, knownClosed, matchDependency, normaliseName, parseTechnology, type KnownClosedComponent } from './known-closed.js';

/** Folders holding tests, examples and documentation sites: their dependencies are not the product's. */
const NOT_THE_PRODUCT = /(^|\/)(test|tests|__tests__|spec|specs|e2e|fixtures?|testdata|__mocks__|examples?|samples?|demos?|docs?|website|benchmarks?)\//i;
/** Dot-folders (`.github/`, `.devcontainer/`) hold CI and developer tooling. */
const DOT_FOLDER = /(^|\/)\.[^/]+\//;
/** Scopes that ship with the product. */
const SHIPPED = new Set<Dependency['scope']>(['runtime', 'optional', 'peer']);
/** Most locations named in a message and cited as evidence. */
const NAMED = 3;
const CITED = 10;

interface Hit { dependency: Dependency; path: string; excerpt: string; versioned: boolean }
interface Found { component: KnownClosedComponent; components: Hit[]; drivers: Hit[] }

export const dependenciesOpen = defineRule({
  meta: {
    id: 'dpg-4-03',
    alias: 'dependencies-open',
    indicator: '4',
    level: 'requirement',
    requirement: REQUIREMENT['4'],
    title: 'Dependencies include no undeclared closed components',
    appliesTo: 'all',
    standardVersion: STANDARD,
    motivation: 'A mandatory dependency that is closed or source-available (MongoDB, Firebase, Elasticsearch 7.11–8.15, Redis 7.4–7.x, Mapbox GL JS 2+…) restricts users more than the solution\'s own licence; the DPG Standard requires open alternatives usable without significant changes, and reviewers find such dependencies in manifests, lockfiles and container files.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only), so no dependency could be checked.',
      noManifests: 'No dependency manifest, lockfile or container file was found outside test, example and documentation folders, so no dependency could be checked.',
      noneFound: 'None of the {dependencies} dependencies declared in {manifests} is a known closed component ({tableSize} components in the table, matched by exact package, image and chart names){leftOut}.',
      closedUndeclared: '{component} ({license}) is a dependency: {locations}. It is not declared in `platformIndependence.components`: declare it there with an open alternative and how to switch to it, or replace it. {suggestion}{note}',
      closedDeclaredOpen: '{component} ({license}) is a dependency: {locations}, but the declaration says there are no closed components (`platformIndependence.closedComponents: false`): declare it in `platformIndependence.components` with an open alternative, or replace it. {suggestion}{note}',
      declared: '{component} is a dependency ({locations}) and is declared in `platformIndependence.components[{index}]` with open alternatives: {declaredAlternatives}.',
      declaredNoAlternative: '{component} is a dependency ({locations}) and is declared in `platformIndependence.components[{index}]`, but without an open alternative: add one. {suggestion}',
      openVersion: '{component} is a dependency at a version outside the closed {closedVersions}: {locations}. {openFrom}',
      versionUnknown: '{component} is a dependency ({locations}), but no version there shows whether it is one of the closed {closedVersions} ({license}): pin an open version (e.g. {example}), or declare it in `platformIndependence.components` with an open alternative. {suggestion}',
      driverOnly: '{drivers} ({driverLicense}) at {locations} need a {component} server, which is {license}; the server itself is not in the repository. If the solution runs on {component}, declare it in `platformIndependence.components` with an open alternative; if it runs on an open alternative, name it in `platformIndependence.coreTechnologies`. {suggestion}',
      driverAlternative: '{drivers} at {locations} need a {component}-compatible server, and the declared core technologies name an open one: {alternative}.',
      unparsable: 'These manifests could not be read, so their dependencies were not checked: {files}.',
    },
    remediation: 'Replace each closed dependency with an open alternative, or list it in `platformIndependence.components` of dpg.yml with its open alternatives (FerretDB or PostgreSQL for MongoDB, Supabase or Appwrite for Firebase, OpenSearch for Elasticsearch, Valkey for Redis, MapLibre GL JS for Mapbox GL JS…) and how to switch; pin versions of components that are closed only in some versions.',
    docsUrl: guidanceUrl('4'),
    reads: ['**/package.json', '**/package-lock.json', '**/yarn.lock', '**/pnpm-lock.yaml', '**/requirements*.txt', '**/pyproject.toml', '**/Pipfile', '**/Pipfile.lock', '**/poetry.lock', '**/uv.lock', '**/pom.xml', '**/build.gradle', '**/build.gradle.kts', '**/*.versions.toml', '**/go.mod', '**/Gemfile', '**/Gemfile.lock', '**/composer.json', '**/composer.lock', '**/mix.exs', '**/mix.lock', '**/*.csproj', '**/packages.config', '**/pubspec.yaml', '**/pubspec.lock', '**/docker-compose*.yml', '**/compose*.yaml', '**/Dockerfile*', '**/values*.yaml', '**/Chart.yaml', '**/k8s/**/*.yaml', '**/kubernetes/**/*.yaml', '**/deploy/**/*.yaml', '**/manifests/**/*.yaml'],
    tags: ['repository'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    if (!hasRepositoryFiles(snapshot)) return [{ status: 'n/a', messageId: 'noRepository' }];
    // Manifests first (one cheap test per path), then the folder rules on the few found.
    const manifests = findManifests(snapshot.paths).filter((m) => isProductPath(m.path));
    const parsed: ParsedManifest[] = [];
    const found = new Map<string, Found>();
    let dependencyCount = 0;
    let leftOut = 0;
    for (const { path, kind } of manifests) {
      const text = snapshot.read(path)?.text;
      if (text === undefined) continue;
      const manifest = parseManifest(path, text, kind);
      if (!manifest) continue;
      parsed.push(manifest);
      dependencyCount += manifest.dependencies.length;
      let lines: string[] | undefined;
      for (const dependency of manifest.dependencies) {
        const match = matchDependency(dependency);
        if (!match) continue;
        if (!SHIPPED.has(dependency.scope)) {
          leftOut++;
          continue;
        }
        lines ??= text.split(/\r?\n/);
        const entry = found.get(match.component.id) ?? { component: match.component, components: [], drivers: [] };
        found.set(match.component.id, entry);
        const excerpt = (lines[dependency.line - 1] ?? '').trim().slice(0, 160);
        (match.role === 'component' ? entry.components : entry.drivers).push({ dependency, path, excerpt, versioned: match.versioned && dependency.versionIsNotComponentVersion !== true });
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
      if (entry) outcomes.push(judge(entry, declarationView, context));
    }
    if (found.size === 0) {
      if (parsed.length === 0) return outcomes.length > 0 ? outcomes : [{ status: 'n/a', messageId: 'noManifests' }];
      outcomes.push({
        status: 'pass',
        messageId: 'noneFound',
        data: {
          dependencies: dependencyCount,
          manifests: describeManifests(parsed),
          tableSize: KNOWN_CLOSED.length,
          leftOut: leftOut > 0 ? `; ${leftOut} test, development or build-only match${leftOut === 1 ? ' was' : 'es were'} left out, as the guide does not require tools around the product to be open` : '',
        },
        evidence: parsed.slice(0, CITED).map((m) => ({ kind: 'file', path: m.path })),
      });
    }
    if (outcomes.length === 0) outcomes.push({ status: 'n/a', messageId: 'noManifests', evidence: [declared(declaration, 'platformIndependence')] });
    return outcomes;
  },
});

export function isProductPath(path: string): boolean {
  return !isVendored(path) && !DOT_FOLDER.test(path) && !NOT_THE_PRODUCT.test(path);
}

/** What the declaration says about closed components, matched to the table by name. */
class DeclaredComponents {
  private readonly listed = new Map<string, { index: number; alternatives: string[] }>();
  private readonly core: Set<string>;
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
    this.core = new Set((Array.isArray(platform?.coreTechnologies) ? platform.coreTechnologies : []).filter((t): t is string => typeof t === 'string').map((t) => parseTechnology(t).name));
  }

  listing(component: KnownClosedComponent): { index: number; alternatives: string[] } | undefined {
    return this.listed.get(component.id);
  }

  /** An open alternative of the component named among the declared core technologies ("FerretDB"). */
  coreAlternative(component: KnownClosedComponent): string | undefined {
    return component.alternatives.find((alternative) => this.core.has(normaliseName(alternative.replace(/\s*\(.*$/, ''))));
  }
}

function judge(found: Found, declarations: DeclaredComponents, context: RuleContext): RuleOutcome {
  const { component } = found;
  const hits = found.components.length > 0 ? found.components : found.drivers;
  const listing = declarations.listing(component);
  const evidence = cite(hits);
  const data: Record<string, string | number> = {
    component: component.names[0] as string,
    license: component.license,
    locations: locations(hits),
    suggestion: suggestion(component),
    closedVersions: describeClosedVersions(component),
    openFrom: component.openFrom ?? '',
    note: component.note && found.components.length > 0 ? ` ${component.note}` : '',
  };
  if (listing) {
    const key = `platformIndependence.components[${listing.index}]`;
    if (listing.alternatives.length === 0) {
      return { status: 'fail', messageId: 'declaredNoAlternative', data: { ...data, index: listing.index }, evidence: [...evidence, declared(context.declaration, `${key}.openAlternatives`)] };
    }
    return { status: 'pass', messageId: 'declared', data: { ...data, index: listing.index, declaredAlternatives: listOf(listing.alternatives) }, evidence: [...evidence, declared(context.declaration, key)] };
  }
  if (found.components.length === 0) {
    const drivers = listOf([...new Set(found.drivers.map((h) => h.dependency.name))].slice(0, NAMED));
    const alternative = declarations.coreAlternative(component);
    if (alternative) return { status: 'pass', messageId: 'driverAlternative', data: { ...data, drivers, alternative }, evidence: [...evidence, declared(context.declaration, 'platformIndependence.coreTechnologies')] };
    return { status: 'gap', messageId: 'driverOnly', data: { ...data, drivers, driverLicense: component.drivers?.license ?? 'openly licensed' }, evidence };
  }
  const status = versionDecision(component, found.components);
  if (status === 'open') return { status: 'pass', messageId: 'openVersion', data, evidence };
  if (status === 'unknown') return { status: 'gap', messageId: 'versionUnknown', data: { ...data, example: exampleVersion(component, found.components) }, evidence };
  if (declarations.closedAnswer === false) {
    return { status: 'fail', messageId: 'closedDeclaredOpen', data, evidence: [...evidence, declared(context.declaration, 'platformIndependence.closedComponents')] };
  }
  return { status: 'fail', messageId: 'closedUndeclared', data, evidence: [...evidence, declared(context.declaration, 'platformIndependence.components')] };
}

/**
 * Whether the versions found are closed. Per package, a lockfile's exact
 * versions decide over a manifest's ranges; across packages any closed version
 * makes the component closed, and any undecided one leaves it unknown.
 */
function versionDecision(component: KnownClosedComponent, hits: readonly Hit[]): SpanStatus {
  if (!component.closedVersions || component.closedVersions.length === 0) return 'closed';
  const byPackage = new Map<string, Hit[]>();
  for (const hit of hits) {
    const key = `${hit.dependency.ecosystem}\u0000${hit.dependency.name}`;
    byPackage.set(key, [...(byPackage.get(key) ?? []), hit]);
  }
  const statuses = new Set<SpanStatus>();
  for (const packageHits of byPackage.values()) {
    const locked = packageHits.filter((h) => h.dependency.locked === true);
    for (const hit of locked.length > 0 ? locked : packageHits) statuses.add(hitStatus(component, hit));
  }
  if (statuses.has('closed')) return 'closed';
  if (statuses.has('unknown')) return 'unknown';
  return 'open';
}

function hitStatus(component: KnownClosedComponent, hit: Hit): SpanStatus {
  if (!hit.versioned) return 'unknown';
  const { ecosystem, version } = hit.dependency;
  const spans = ecosystem === 'docker' ? tagSpans(version) : versionSpans(version, ecosystem === 'packagist' ? 'composer' : 'npm');
  return spanStatus(component.closedVersions, spans);
}

/** `docker-compose.yml:5 (mongo:7.0), package.json:12 (firebase ^10.7.0) and 2 more`. */
function locations(hits: readonly Hit[]): string {
  const unique = uniqueHits(hits);
  const named = unique.slice(0, NAMED).map((h) => `${h.path}:${h.dependency.line} (${describeDependency(h.dependency)})`);
  if (unique.length > NAMED) named.push(`${unique.length - NAMED} more`);
  return listOf(named);
}

function describeDependency(dependency: Dependency): string {
  if (dependency.version === undefined) return dependency.name;
  return dependency.ecosystem === 'docker' ? `${dependency.name}:${dependency.version}` : `${dependency.name} ${dependency.version}`;
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
