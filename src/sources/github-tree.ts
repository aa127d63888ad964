/**
 * The full file list of a GitHub commit: from the cache (a commit's tree never
 * changes), else one REST recursive tree request; a tree GitHub truncates
 * (over 100,000 entries) is listed by a blob-less partial clone instead, which
 * also brings the planned files.
 */
import type { SourceCache } from './cache.js';
import type { GitHubApi } from './github-api.js';
import type { GitTreeResult } from './git.js';
import type { RequestLog } from './http.js';
import type { TreeEntry } from './remote-snapshot.js';

interface CachedTree {
  entries: TreeEntry[];
}

export interface TreeListing {
  entries: TreeEntry[];
  /** Set when the listing came from a partial clone: its blobs are already fetched. */
  viaGit?: GitTreeResult;
}

export interface TreeOptions {
  api: GitHubApi;
  cache: SourceCache;
  log: RequestLog;
  /** The cache key of this commit's tree. */
  key: string;
  display: string;
  /** The partial clone, for a truncated tree. */
  clone: () => Promise<GitTreeResult>;
  /** Where the listing's warnings go. */
  warnings: string[];
}

/** The tree as cached, or undefined. */
export function cachedTree(cache: SourceCache, key: string): TreeEntry[] | undefined {
  return cache.getJson<CachedTree>('gh-tree', key)?.entries;
}

export async function listTree(sha: string, options: TreeOptions): Promise<TreeListing> {
  const cached = cachedTree(options.cache, options.key);
  if (cached) return { entries: cached };
  const data = await options.api.tree(sha);
  if (data.truncated) {
    options.warnings.push(`GitHub truncated the tree of ${options.display} (too many files for one listing); the file list came from a blob-less partial clone instead`);
    options.log.note('github: the REST tree is truncated; listing with a partial clone (git protocol, no API request)');
    const viaGit = await options.clone();
    options.warnings.push(...viaGit.warnings);
    options.cache.setJson('gh-tree', options.key, { entries: viaGit.entries } satisfies CachedTree);
    return { entries: viaGit.entries, viaGit };
  }
  const entries: TreeEntry[] = [];
  for (const item of data.tree) {
    if (item.type !== 'blob') continue; // trees are folders; commits are submodules
    entries.push({ path: item.path, oid: item.sha, kind: item.mode === '120000' ? 'symlink' : 'file', ...(item.size !== undefined ? { size: item.size } : {}) });
  }
  options.cache.setJson('gh-tree', options.key, { entries } satisfies CachedTree);
  return { entries };
}
