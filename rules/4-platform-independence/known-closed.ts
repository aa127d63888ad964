/**
 * The known-closed-components table and how declared technology names are
 * matched against it: exact names (letter case and spacing aside), never
 * substrings — "MongoDB Compass" is not "MongoDB" — with an optional version.
 */
import table from './closed-components.json' with { type: 'json' };

export interface VersionRange { from: string; before?: string }

export interface KnownClosedComponent {
  id: string;
  names: readonly string[];
  license: string;
  alternatives: readonly string[];
  /** Absent: every version is closed. */
  closedVersions?: readonly VersionRange[];
  openFrom?: string;
  note?: string;
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

export type VersionStatus = 'closed' | 'open' | 'unknown';

/**
 * Whether the declared version is closed. A version prefix stands for every
 * version it starts (Redis "7" is 7.0 to 7.x), so it is `unknown` when that
 * span straddles a range boundary; no version is `unknown` unless every
 * version is closed.
 */
export function versionStatus(component: KnownClosedComponent, version: readonly number[] | undefined): VersionStatus {
  const ranges = component.closedVersions;
  if (!ranges || ranges.length === 0) return 'closed';
  if (!version || version.length === 0) return 'unknown';
  const low = [...version];
  const high = [...version.slice(0, -1), (version[version.length - 1] as number) + 1];
  let straddles = false;
  for (const range of ranges) {
    const from = toNumbers(range.from);
    const before = range.before !== undefined ? toNumbers(range.before) : undefined;
    const inside = compare(low, from) >= 0 && (before === undefined || compare(high, before) <= 0);
    if (inside) return 'closed';
    const disjoint = compare(high, from) <= 0 || (before !== undefined && compare(low, before) >= 0);
    if (!disjoint) straddles = true;
  }
  return straddles ? 'unknown' : 'open';
}

function toNumbers(version: string): number[] {
  return version.split('.').map((part) => Number(part));
}

/** Numeric comparison, missing components counting as 0 (7.4 = 7.4.0). */
function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** "7.11–8.15", "2 and later", for messages. */
export function describeClosedVersions(component: KnownClosedComponent): string {
  const ranges = component.closedVersions;
  if (!ranges || ranges.length === 0) return 'all versions';
  return ranges.map((r) => (r.before ? `versions ${r.from} up to (not including) ${r.before}` : `versions ${r.from} and later`)).join(', ');
}
