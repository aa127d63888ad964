/** What a remote host's session hands back to be made a snapshot, and what every session is given. */
import type { SourceInfo } from '../model.js';
import type { HostMetadata, SkipReason } from '../snapshot/types.js';
import type { SourceCache } from './cache.js';
import type { GitFetchOptions, PlanFetch } from './git.js';
import type { RequestLog } from './http.js';
import type { FetchedBlob, TreeEntry } from './remote-snapshot.js';

export interface RemoteContent {
  source: SourceInfo;
  entries: TreeEntry[];
  blobs: Map<string, FetchedBlob | SkipReason>;
  host?: HostMetadata;
  warnings: string[];
}

export interface CommonSourceOptions {
  cache: SourceCache;
  log: RequestLog;
  plan: PlanFetch;
  maxFileBytes: number;
  git: Omit<GitFetchOptions, 'cache' | 'log' | 'maxFileBytes'>;
}
