/**
 * The known-closed-components table and how names are matched against it:
 * declared technology names exactly (letter case and spacing aside), never
 * substrings — "MongoDB Compass" is not "MongoDB" — with an optional version;
 * and dependencies found in manifests by their exact package, image or chart
 * name in their ecosystem — `predis` is not `redis`.
 */
import table from '../4-platform-independence/closed-components.json' with { type: 'json' };
import { normalisePythonName, prefixSpan, spanStatus, type ClosedRange, type Dependency, type Ecosystem } from '../../src/helpers.js';

export interface VersionRange { from: string; before?: string }

/** Packages, images or charts of one ecosystem that are (or drive) a component. */
export interface DetectEntry {
  ecosystem: string;
  names: readonly string[];
  /** false: the package's version is not the component's (a Helm chart, a test launcher). */
  versioned?: boolean;
  /** Why these packages are usually not mandatory (telemetry, a bill of materials): a gap that asks, never a fail on its own. */
  mayBeOptional?: string;
}

export interface KnownClosedComponent {
  id: string;
  names: readonly string[];
  license: string;
  alternatives: readonly string[];
  /** Who suggests the alternatives: the DPGA's guide, or this project. */
  alternativesFrom?: string;
  /** Where the licence statement comes from. */
  sources?: readonly string[];
  /** Absent: every version is closed. */
  closedVersions?: readonly VersionRange[];
  openFrom?: string;
  note?: string;
  /** Why a dependency on this component is usually not mandatory (one channel among several, one feature of an app). */
  mayBeOptional?: string;
  /** Open alternatives' names as free-text answers write them ("Somleng", "OpenStreetMap"). */
  alternativeNames?: readonly string[];
  detect?: readonly DetectEntry[];
  /** What the official image's tags that name no full version pull (`redis:alpine`, `redis:7`). */
  movingTags?: MovingTags;
  /** Open client libraries that show a server of this kind is needed. */
  drivers?: { license: string; sources?: readonly string[]; detect: readonly DetectEntry[] };
  /**
   * The list of `openDrivers` whose packages beside this one's show an open way: open servers of the same kind (their
   * client libraries beside this one's), or open libraries doing the same job (Leaflet beside a Google Maps loader).
   */
  openDriversOf?: string;
  /**
   * The npm modules of this component's packages that only set it up, and those of features an app runs without
   * (push notifications, analytics): a package imported only as these serves those features.
   */
  optionalModules?: { setUp: readonly string[]; features: readonly { feature: string; modules: readonly string[] }[] };
}

/** The client libraries of one open server (`PostgreSQL`), per ecosystem. */
export interface OpenDriver { alternative: string; sources?: readonly string[]; detect: readonly DetectEntry[] }

/**
 * An official image's moving tags, from its tag list as of a date: `latest` (also no tag, or a bare variant such as
 * `alpine`) and each major line (`7`, `7-alpine`), each with the release it points to.
 */
export interface MovingTags {
  image: string;
  source: string;
  asOf: string;
  /** Tag suffixes that do not change the release (`alpine`, `alpine3.23`, `trixie`). */
  variants: readonly string[];
  pulls: Readonly<Record<string, string>>;
}

/** The release a moving tag pulls, and where that comes from. */
export interface MovingTagRelease {
  /** The tag as written, `latest` when none is. */
  tag: string;
  release: string;
  asOf: string;
  source: string;
}

export const KNOWN_CLOSED: readonly KnownClosedComponent[] = table.components;
export const KNOWN_CLOSED_SOURCE: string = table.source;

export interface Technology {
  /** As declared. */
  text: string;
  /** Lower case, spacing collapsed, version removed. */
  name: string;
  /** Numeric version prefix, e.g. [7, 4] for "7.4" or "7.4.x"; absent when none is given. */
  version?: number[];
}

const VERSION = /^[v^~>=]*\s*(\d+(?:\.\d+)*)(?:\.[x*])?\+?$/i;

/** "Redis 7.4", "redis:7.4.2", "Mapbox GL JS v2", "Kibana (8.10)" → name and version. */
export function parseTechnology(text: string): Technology {
  let rest = text.trim();
  let version: number[] | undefined;
  const parenthesised = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(rest);
  if (parenthesised) {
    rest = (parenthesised[1] as string).trim();
    const inside = VERSION.exec((parenthesised[2] as string).trim());
    if (inside) version = toNumbers(inside[1] as string);
  }
  const trailing = /^(.*?)(?:\s+|\s*[:@]\s*)([v^~>=]*\s*\d+(?:\.\d+)*(?:\.[x*])?\+?)$/i.exec(rest);
  if (trailing && version === undefined) {
    const parsed = VERSION.exec((trailing[2] as string).trim());
    if (parsed && (trailing[1] as string).trim() !== '') {
      rest = (trailing[1] as string).trim();
      version = toNumbers(parsed[1] as string);
    }
  }
  return { text, name: normaliseName(rest), ...(version ? { version } : {}) };
}

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The table entry a technology names, if any. */
export function knownClosed(technology: Technology): KnownClosedComponent | undefined {
  return KNOWN_CLOSED.find((c) => c.names.some((n) => normaliseName(n) === technology.name));
}

/**
 * The declared open alternatives that are themselves known closed components ("Couchbase" for Firebase): empty
 * when any alternative is not one, since one open alternative is enough.
 */
export function closedAlternatives(alternatives: readonly string[]): { name: string; component: KnownClosedComponent }[] {
  const closed = alternatives.map((name) => ({ name, component: knownClosed(parseTechnology(name)) }));
  return closed.length > 0 && closed.every((c) => c.component !== undefined) ? closed as { name: string; component: KnownClosedComponent }[] : [];
}

/** "Couchbase (Business Source License 1.1 …)", for messages. */
export function describeClosed(closed: readonly { name: string; component: KnownClosedComponent }[]): string {
  return closed.map((c) => `${c.name} (${c.component.license})`).join('; ');
}

export type VersionStatus = 'closed' | 'open' | 'unknown';

/**
 * Whether the declared version is closed. A version prefix stands for every
 * version it starts (Redis "7" is 7.0 to 7.x), so it is `unknown` when that
 * span straddles a range boundary; no version is `unknown` unless every
 * version is closed.
 */
export function versionStatus(component: KnownClosedComponent, version: readonly number[] | undefined): VersionStatus {
  const ranges: readonly ClosedRange[] | undefined = component.closedVersions;
  if (!ranges || ranges.length === 0) return 'closed';
  if (!version || version.length === 0) return 'unknown';
  return spanStatus(ranges, [prefixSpan(version)]);
}

/**
 * The release an image's tag pulls when it names no full version: `redis`, `redis:alpine` and `redis:latest` the
 * newest, `redis:7` and `redis:7-alpine` the newest 7.x, as the component's `movingTags` give them. Undefined for
 * other images, other tags (`7.2.4`, `7.4-rc`, an unresolved `${TAG}`) and digests, which pin a build of unknown date.
 */
export function movingTagRelease(component: KnownClosedComponent, image: string, tag: string | undefined): MovingTagRelease | undefined {
  const moving = component.movingTags;
  if (!moving || image !== moving.image) return undefined;
  const written = tag ?? 'latest';
  const parts = /^(\d+(?:\.\d+)*)(?:-(.+))?$/.exec(written);
  const line = parts ? parts[1] as string : 'latest';
  const variant = parts ? parts[2] : written === 'latest' ? undefined : written;
  if (variant !== undefined && !moving.variants.some((v) => variant.startsWith(v) && /^(?:\d+(?:\.\d+)*)?$/.test(variant.slice(v.length)))) return undefined;
  const release = Object.hasOwn(moving.pulls, line) ? moving.pulls[line] : undefined;
  return release === undefined ? undefined : { tag: written, release, asOf: moving.asOf, source: moving.source };
}

function toNumbers(version: string): number[] {
  return version.split('.').map((part) => Number(part));
}

/** "7.11–8.15", "2 and later", for messages. */
export function describeClosedVersions(component: KnownClosedComponent): string {
  const ranges = component.closedVersions;
  if (!ranges || ranges.length === 0) return 'all versions';
  return ranges.map((r) => (r.before ? `versions ${r.from} up to (not including) ${r.before}` : `versions ${r.from} and later`)).join(', ');
}

/** What a dependency is to the table: the closed component itself, or a driver showing one is needed. */
export interface DependencyMatch {
  component: KnownClosedComponent;
  role: 'component' | 'driver';
  /** Whether the dependency's version is the component's version. */
  versioned: boolean;
  /** Why this dependency is usually not mandatory, when the table says so. */
  mayBeOptional?: string;
}

interface IndexEntry { component: KnownClosedComponent; role: DependencyMatch['role']; versioned: boolean; mayBeOptional?: string }

/** Names compared the way each ecosystem compares them. */
function packageKey(ecosystem: string, name: string): string {
  const normalised = ecosystem === 'pypi' ? normalisePythonName(name) : name.toLowerCase();
  return `${ecosystem}\u0000${normalised}`;
}

const EXACT = new Map<string, IndexEntry>();
/** Whole vendor namespaces (`@firebase/*`, `com.google.firebase:*`), checked after exact names. */
const NAMESPACES: { ecosystem: string; prefix: string; entry: IndexEntry }[] = [];
for (const component of KNOWN_CLOSED) {
  const add = (detect: readonly DetectEntry[] | undefined, role: IndexEntry['role']): void => {
    for (const group of detect ?? []) {
      for (const name of group.names) {
        const why = group.mayBeOptional ?? component.mayBeOptional;
        const entry: IndexEntry = { component, role, versioned: group.versioned !== false, ...(why ? { mayBeOptional: why } : {}) };
        if (/[/:]\*$/.test(name)) NAMESPACES.push({ ecosystem: group.ecosystem, prefix: name.slice(0, -1).toLowerCase(), entry });
        else if (!EXACT.has(packageKey(group.ecosystem, name))) EXACT.set(packageKey(group.ecosystem, name), entry);
      }
    }
  };
  add(component.detect, 'component');
  add(component.drivers?.detect, 'driver');
}

/** The table entry a dependency is (or drives), by exact name or vendor namespace; undefined for anything else. */
export function matchDependency(dependency: Pick<Dependency, 'ecosystem' | 'name'>): DependencyMatch | undefined {
  const exact = EXACT.get(packageKey(dependency.ecosystem, dependency.name));
  if (exact) return { ...exact };
  const name = dependency.name.toLowerCase();
  const namespace = NAMESPACES.find((n) => n.ecosystem === dependency.ecosystem && name.startsWith(n.prefix) && name.length > n.prefix.length);
  return namespace ? { ...namespace.entry } : undefined;
}

const OPEN_DRIVERS: Readonly<Record<string, readonly OpenDriver[]>> = table.openDrivers;

/**
 * The open server whose client library `dependency` is, among those that can stand in for `component`
 * (`org.postgresql:postgresql` for Microsoft SQL Server: PostgreSQL); undefined for any other dependency.
 */
export function openDriverFor(component: KnownClosedComponent, dependency: Pick<Dependency, 'ecosystem' | 'name'>): string | undefined {
  const drivers = component.openDriversOf === undefined ? undefined : OPEN_DRIVERS[component.openDriversOf];
  const key = packageKey(dependency.ecosystem, dependency.name);
  return drivers?.find((driver) => driver.detect.some((group) => group.names.some((name) => packageKey(group.ecosystem, name) === key)))?.alternative;
}

/** The ecosystems the table knows packages of. */
export const DETECTED_ECOSYSTEMS: ReadonlySet<Ecosystem> = new Set(
  KNOWN_CLOSED.flatMap((c) => [...(c.detect ?? []), ...(c.drivers?.detect ?? [])].map((d) => d.ecosystem as Ecosystem)),
);
