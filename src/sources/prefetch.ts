/**
 * Which files a remote check fetches: the union of every rule's `meta.reads`
 * patterns (gitignore syntax, relative to the candidate root), the files the
 * engine itself reads (declaration, config, licence files, root manifests,
 * README), and every symbolic link (tiny, and needed to know what a link
 * points to). All of them are fetched in one batch; the caps keep a
 * pathological repository (ten thousand nested READMEs) from turning a check
 * into a download.
 */
import ignore from 'ignore';
import type { TreeEntry } from './remote-snapshot.js';
import { normalizeRelative } from './remote-snapshot.js';

export interface PrefetchLimits {
  /** Most files fetched in the batch (shallowest first). */
  maxFiles: number;
  /** Most bytes fetched, when the host tells sizes up front. */
  maxBytes: number;
  /** Files larger than this are fetched only up to it (where the host allows a range) or not at all. */
  maxFileBytes: number;
}

export const DEFAULT_PREFETCH_LIMITS: PrefetchLimits = { maxFiles: 2000, maxBytes: 48 * 1024 * 1024, maxFileBytes: 1024 * 1024 };

export interface PrefetchPlan {
  /** Entries to fetch, shallowest first. */
  entries: TreeEntry[];
  /** Paths that matched but were left out by the caps. */
  leftOut: string[];
}

/**
 * Chooses the entries to fetch. `subPath` (`--path`) makes the patterns
 * relative to that folder, as rules see the candidate; `exact` adds paths
 * (relative to the candidate too) known to be read, such as those a dry run
 * of the rules over the file list asked for.
 */
export function planPrefetch(entries: readonly TreeEntry[], patterns: readonly string[], subPath = '', limits: PrefetchLimits = DEFAULT_PREFETCH_LIMITS, exact: ReadonlySet<string> = new Set()): PrefetchPlan {
  const matcher = ignore({ ignorecase: true }).add([...new Set(patterns)].filter((p) => p.trim() !== ''));
  const sub = normalizeRelative(subPath);
  const prefix = sub === '' ? '' : `${sub}/`;
  const wanted: TreeEntry[] = [];
  for (const entry of entries) {
    if (entry.kind === 'symlink') { wanted.push(entry); continue; }
    if (!entry.path.startsWith(prefix)) continue;
    const relative = entry.path.slice(prefix.length);
    if (exact.has(relative)) { wanted.push(entry); continue; }
    try {
      if (matcher.ignores(relative)) wanted.push(entry);
    } catch {
      // `ignore` refuses paths it cannot treat as relative; no rule could name them either.
    }
  }
  // Shallowest first, vendored trees last: when a cap cuts, it cuts other projects' files first.
  wanted.sort((a, b) => Number(VENDORED.test(a.path)) - Number(VENDORED.test(b.path)) || depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const chosen: TreeEntry[] = [];
  const leftOut: string[] = [];
  let bytes = 0;
  for (const entry of wanted) {
    const size = Math.min(entry.size ?? 0, limits.maxFileBytes);
    if (chosen.length >= limits.maxFiles || bytes + size > limits.maxBytes) { leftOut.push(entry.path); continue; }
    chosen.push(entry);
    bytes += size;
  }
  return { entries: chosen, leftOut };
}

const depth = (p: string): number => p.split('/').length;
const VENDORED = /(^|\/)(node_modules|vendor|third[-_]party|external|bower_components)\//i;

/** Unique blob ids of entries, in order. */
export function uniqueOids(entries: readonly TreeEntry[]): string[] {
  return [...new Set(entries.map((e) => e.oid))];
}
