/**
 * Container images and charts: docker-compose files, Dockerfiles, Helm
 * values and Chart.yaml, Kubernetes manifests; and Dart's pubspec files,
 * which are YAML too.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Dependency, DependencyScope } from './types.js';
import { lineOfOffset, lineStarts, splitLines, unquote } from './lines.js';
import type { Parsed } from './npm.js';

export interface ImageReference {
  /** Repository without the default registry and `library/`: `mongo`, `bitnami/redis`, `docker.elastic.co/kibana/kibana`. */
  name: string;
  tag?: string;
  digest?: string;
}

const DEFAULT_REGISTRY = /^(docker\.io|index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com)\//i;

/**
 * `docker.io/library/redis:7.4-alpine@sha256:…` → `{ name: 'redis', tag:
 * '7.4-alpine', digest }`. Undefined for something that is not an image
 * reference (an unresolved `${VARIABLE}` in the name, a template).
 */
export function parseImageReference(text: string): ImageReference | undefined {
  let rest = unquote(text.trim());
  if (rest === '' || /[{}$\s]/.test(rest.replace(/:[^/]*$/, ''))) return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let name = rest.toLowerCase().replace(DEFAULT_REGISTRY, '');
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  if (!/^[a-z0-9][a-z0-9._\-/:]*$/.test(name)) return undefined;
  return { name, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** `${VAR:-default}` and `${VAR-default}` take their default; other variables stay unresolved. */
function interpolateDefaults(text: string, known: ReadonlyMap<string, string> = new Map()): string {
  return text
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (whole, name: string, fallback: string | undefined) => known.get(name) ?? fallback ?? whole)
    .replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => known.get(name) ?? whole);
}

function imageDependency(reference: string, line: number, scope: DependencyScope = 'runtime'): Dependency | undefined {
  const image = parseImageReference(reference);
  if (!image) return undefined;
  // The tag as written, an unresolved `${TAG}` included: no tag means `latest`, a variable an unknown version.
  // A digest pins one build, whatever its tag says now.
  const version = `${image.tag ?? ''}${image.digest ? `@${image.digest}` : ''}`;
  return { ecosystem: 'docker', name: image.name, ...(version ? { version } : {}), line, scope };
}

/** `image:` lines of a compose file or Kubernetes manifest; a commented-out line starts with `#` and never matches. */
function imageLines(text: string): Dependency[] {
  const dependencies: Dependency[] = [];
  splitLines(text).forEach((line, index) => {
    const match = /^\s*(?:-\s+)?image:\s*(.+?)\s*$/.exec(line);
    if (!match) return;
    const value = (match[1] as string).replace(/\s+#.*$/, '');
    if (value.includes('{{')) return; // a template, resolved elsewhere (Helm values)
    const dependency = imageDependency(interpolateDefaults(value), index + 1);
    if (dependency) dependencies.push(dependency);
  });
  return dependencies;
}

/**
 * Compose files: each service's `image:`; a service under `profiles:` starts
 * only when its profile is asked for, so it is off by default. A file the YAML
 * parser cannot read falls back to its `image:` lines.
 */
export function parseCompose(text: string): Parsed {
  const document = parseDocument(text, { uniqueKeys: false });
  const services = isMap(document.contents) ? document.contents.items.find((pair) => scalarText(pair.key) === 'services')?.value : undefined;
  if (document.errors.length > 0 || !isMap(services)) return { dependencies: imageLines(text), problems: [] };
  const starts = lineStarts(text);
  const dependencies: Dependency[] = [];
  const described = services.items.filter((service) => isMap(service.value)).map((service) => describeService(scalarText(service.key) ?? '', service.value as ServiceNode));
  for (const service of described) {
    const reference = scalarText(service.image);
    if (reference === undefined || reference.includes('{{')) continue;
    const dependency = imageDependency(interpolateDefaults(unquote(reference)), lineOfOffset(starts, (service.image as YamlNode).range?.[0] ?? 0));
    if (!dependency) continue;
    const profiles = service.get('profiles');
    if (isSeq(profiles) && profiles.items.length > 0) dependency.offByDefault = true;
    const users = described.filter((other) => other !== service && other.uses(service));
    // Only services that run a published image use it (none builds from the candidate's files): which of those
    // images are the candidate's own, the rule tells (dependencies-open).
    if (users.length > 0 && users.every((user) => user.builds === false && user.imageName !== undefined)) {
      dependency.usedOnlyBy = users.map((user) => ({ service: user.name, image: user.imageName as string }));
    }
    dependencies.push(dependency);
  }
  return { dependencies, problems: [] };
}

type ServiceNode = { items: { key: unknown; value: unknown }[] };

interface DescribedService {
  name: string;
  /** The names other services reach it by: its key and its `container_name`. */
  hostNames: string[];
  image: unknown;
  imageName?: string;
  builds: boolean;
  get(key: string): unknown;
  /** This service names `other` in `depends_on`, `links`, or as a host in an environment value (`mongodb://db/app`). */
  uses(other: DescribedService): boolean;
}

function describeService(name: string, node: ServiceNode): DescribedService {
  const get = (key: string): unknown => node.items.find((pair) => scalarText(pair.key) === key)?.value;
  const image = get('image');
  const reference = scalarText(image);
  const references = new Set<string>();
  const dependsOn = get('depends_on');
  if (isSeq(dependsOn)) for (const item of dependsOn.items) { const text = scalarText(item); if (text) references.add(text); }
  if (isMap(dependsOn)) for (const pair of dependsOn.items) { const text = scalarText(pair.key); if (text) references.add(text); }
  const links = get('links');
  if (isSeq(links)) for (const item of links.items) { const text = scalarText(item); if (text) references.add(text.split(':')[0] as string); }
  const environment = get('environment');
  const values: string[] = [];
  if (isMap(environment)) for (const pair of environment.items) { const text = scalarText(pair.value); if (text) values.push(text); }
  if (isSeq(environment)) for (const item of environment.items) { const text = scalarText(item); if (text) values.push(text.slice(text.indexOf('=') + 1)); }
  const container = scalarText(get('container_name'));
  return {
    name,
    hostNames: [name, ...(container ? [container] : [])].filter((n) => n !== ''),
    image,
    ...(reference !== undefined ? { imageName: unquote(reference).replace(/[:@].*$/, '').toLowerCase() } : {}),
    builds: get('build') !== undefined,
    get,
    uses(other) {
      return other.hostNames.some((n) => references.has(n) || values.some((value) => hostIn(value, n)));
    },
  };
}

/** `name` as a host in a value: `mongodb://mongo-db/app`, `http://elasticsearch:9200`, `db:5432`. */
function hostIn(value: string, name: string): boolean {
  let at = value.indexOf(name);
  while (at >= 0) {
    const before = at === 0 ? '' : (value[at - 1] as string);
    const after = value[at + name.length] ?? '';
    if ((before === '' || before === '/' || before === '@' || before === ',') && (after === '' || after === ':' || after === '/' || after === ',')) return true;
    at = value.indexOf(name, at + 1);
  }
  return false;
}

/** Kubernetes manifests: only files that declare a `kind:` are read for `image:` lines. */
export function parseKubernetes(text: string): Parsed {
  if (!/^kind:\s*\w+/m.test(text)) return { dependencies: [], problems: [] };
  return { dependencies: imageLines(text), problems: [] };
}

/**
 * Dockerfile `FROM` lines, with `ARG` defaults substituted; a `FROM` naming an
 * earlier build stage (`FROM build AS runtime`) or `scratch` is not an image.
 */
export function parseDockerfile(text: string): Parsed {
  const lines = splitLines(text);
  const args = new Map<string, string>();
  const stages = new Set<string>(['scratch']);
  const dependencies: Dependency[] = [];
  for (let index = 0; index < lines.length; index++) {
    const first = index;
    let line = lines[index] as string;
    while (/\\\s*$/.test(line) && index + 1 < lines.length) {
      index++;
      line = `${line.replace(/\\\s*$/, '')} ${lines[index] as string}`;
    }
    if (/^\s*#/.test(line)) continue;
    const arg = /^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/i.exec(line);
    if (arg) {
      args.set(arg[1] as string, unquote(arg[2] as string));
      continue;
    }
    const from = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!from) continue;
    const reference = interpolateDefaults(from[1] as string, args);
    if (!stages.has(reference.toLowerCase())) {
      const dependency = imageDependency(reference, first + 1);
      if (dependency) dependencies.push(dependency);
    }
    if (from[2]) stages.add((from[2] as string).toLowerCase());
  }
  return { dependencies, problems: [] };
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.source === 'string' && node.source !== '') return node.source;
  return node.value === null || node.value === undefined ? undefined : String(node.value);
}

function yamlProblem(errors: readonly { message: string }[]): string[] {
  return errors.length > 0 ? [`not valid YAML (${(errors[0] as { message: string }).message.split('\n')[0]})`] : [];
}

/**
 * Helm values: `image: repo:tag` strings, and maps with a `repository`
 * (plus `registry`, `tag`) under an `…image…` key or next to a `tag`.
 */
export function parseHelmValues(text: string): Parsed {
  const document = parseDocument(text, { uniqueKeys: false });
  const starts = lineStarts(text);
  const dependencies: Dependency[] = [];
  const lineOf = (node: YamlNode | null | undefined): number => lineOfOffset(starts, node?.range?.[0] ?? 0);
  // A section with `enabled: false` (a sub-chart, an optional service) deploys nothing unless switched on.
  const walk = (node: unknown, key: string, depth: number, disabled = false): void => {
    if (depth > 64) return;
    if (isMap(node)) {
      const get = (name: string): unknown => node.items.find((pair) => scalarText(pair.key) === name)?.value;
      const off = disabled || scalarText(get('enabled')) === 'false';
      const push = (dependency: Dependency | undefined): void => {
        if (!dependency) return;
        if (off) dependency.offByDefault = true;
        dependencies.push(dependency);
      };
      const repository = scalarText(get('repository'));
      const looksLikeImage = /image/i.test(key) || get('tag') !== undefined || get('registry') !== undefined || get('pullPolicy') !== undefined;
      if (repository !== undefined && looksLikeImage && !/^(https?|oci):\/\//.test(repository)) {
        const registry = scalarText(get('registry'));
        const tag = scalarText(get('tag'));
        const reference = `${registry ? `${registry}/` : ''}${repository}${tag ? `:${tag}` : ''}`;
        push(imageDependency(reference, lineOf(get('repository') as YamlNode)));
      }
      for (const pair of node.items) {
        const childKey = scalarText(pair.key) ?? '';
        if (/^image$/i.test(childKey) && isScalar(pair.value)) {
          const text = scalarText(pair.value);
          push(text && !text.includes('{{') ? imageDependency(text, lineOf(pair.value as YamlNode)) : undefined);
        } else {
          walk(pair.value, childKey, depth + 1, off);
        }
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, key, depth + 1, disabled);
    }
  };
  walk(document.contents, '', 0);
  return { dependencies, problems: yamlProblem(document.errors) };
}

/** Chart.yaml `dependencies:` (sub-charts). A chart's version is not the version of what it deploys. */
export function parseChartYaml(text: string): Parsed {
  const document = parseDocument(text, { uniqueKeys: false });
  const starts = lineStarts(text);
  const dependencies: Dependency[] = [];
  const contents = document.contents;
  const list = isMap(contents) ? contents.items.find((pair) => scalarText(pair.key) === 'dependencies')?.value : undefined;
  if (isSeq(list)) {
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const namePair = item.items.find((pair) => scalarText(pair.key) === 'name');
      const name = scalarText(namePair?.value);
      if (!name) continue;
      const version = scalarText(item.items.find((pair) => scalarText(pair.key) === 'version')?.value);
      const line = lineOfOffset(starts, (namePair?.value as YamlNode | undefined)?.range?.[0] ?? 0);
      dependencies.push({ ecosystem: 'helm', name: name.toLowerCase(), ...(version ? { version } : {}), line, scope: 'runtime', versionIsNotComponentVersion: true });
    }
  }
  return { dependencies, problems: yamlProblem(document.errors) };
}

/** pubspec.yaml: `dependencies` and `dev_dependencies`, a version string or a map with `version`; SDK packages skipped. */
export function parsePubspec(text: string): Parsed {
  const document = parseDocument(text, { uniqueKeys: false });
  const starts = lineStarts(text);
  const dependencies: Dependency[] = [];
  const contents = document.contents;
  if (!isMap(contents)) return { dependencies, problems: yamlProblem(document.errors) };
  for (const [section, scope] of [['dependencies', 'runtime'], ['dev_dependencies', 'development']] as const) {
    const table = contents.items.find((pair) => scalarText(pair.key) === section)?.value;
    if (!isMap(table)) continue;
    for (const pair of table.items) {
      const name = scalarText(pair.key);
      if (!name) continue;
      let version: string | undefined;
      if (isScalar(pair.value)) version = scalarText(pair.value);
      else if (isMap(pair.value)) {
        if (pair.value.items.some((p) => scalarText(p.key) === 'sdk')) continue;
        version = scalarText(pair.value.items.find((p) => scalarText(p.key) === 'version')?.value);
      }
      dependencies.push({ ecosystem: 'pub', name, ...(version ? { version } : {}), line: lineOfOffset(starts, (pair.key as YamlNode | null)?.range?.[0] ?? 0), scope });
    }
  }
  return { dependencies, problems: yamlProblem(document.errors) };
}

/** pubspec.lock: `packages:` entries with `dependency:` and `version:`. */
export function parsePubspecLock(text: string): Parsed {
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  let inPackages = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (/^\S/.test(line)) inPackages = /^packages:\s*$/.test(line);
    if (!inPackages) continue;
    const entry = /^ {2}([\w-]+):\s*$/.exec(line);
    if (!entry) continue;
    let version: string | undefined;
    let kind = '';
    for (let next = index + 1; next < lines.length && /^ {4}/.test(lines[next] as string); next++) {
      const field = /^ {4}(version|dependency):\s*"?([^"]*)"?\s*$/.exec(lines[next] as string);
      if (field?.[1] === 'version') version = field[2];
      else if (field?.[1] === 'dependency') kind = field[2] ?? '';
    }
    dependencies.push({ ecosystem: 'pub', name: entry[1] as string, ...(version ? { version } : {}), line: index + 1, scope: kind === 'direct dev' ? 'development' : 'runtime', locked: true });
  }
  return { dependencies, problems: [] };
}
