/**
 * The contents of the planned files of a GitHub commit: from the cache by
 * blob id, from the first GraphQL query (the files most rules read), from
 * GraphQL batches of up to 100 blobs (with a token), or as raw downloads, a
 * few at a time (without one). Every file is kept up to the read cap.
 */
import type { SkipReason } from '../snapshot/types.js';
import { TOOL_VERSION } from '../version.js';
import type { SourceCache } from './cache.js';
import { SourceError } from './errors.js';
import type { GitHubApi, GitHubSettings } from './github-api.js';
import { MAX_BLOBS_PER_QUERY, blobsQuery, type BlobsQueryResult, type GraphQLBlob } from './github-queries.js';
import { NetworkError, fetchBounded, type RequestLog } from './http.js';
import { delay, forEachLimited } from './limit.js';
import type { FetchedBlob, TreeEntry } from './remote-snapshot.js';
import type { GitHubTarget } from './target.js';

export type Blobs = Map<string, FetchedBlob | SkipReason>;

/**
 * The planned entries' blobs that are already known — from `early` (blobs in
 * hand, by path) or the cache — and the entries still to fetch, one per blob id.
 */
export function knownBlobs(planned: readonly TreeEntry[], cache: SourceCache, maxFileBytes: number, early: (entry: TreeEntry) => FetchedBlob | SkipReason | undefined = () => undefined): { blobs: Blobs; missing: TreeEntry[] } {
  const blobs: Blobs = new Map();
  const missing = new Map<string, TreeEntry>();
  for (const entry of planned) {
    if (blobs.has(entry.oid) || missing.has(entry.oid)) continue;
    const known = early(entry) ?? cache.getFetched(entry.oid, maxFileBytes);
    if (known) blobs.set(entry.oid, known);
    else missing.set(entry.oid, entry);
  }
  return { blobs, missing: [...missing.values()] };
}

/** Every planned blob from the cache, or undefined when one is not there (the warm path then gives way to the cold one). */
export function cachedBlobs(planned: readonly TreeEntry[], cache: SourceCache, maxFileBytes: number): Blobs | undefined {
  const { blobs, missing } = knownBlobs(planned, cache, maxFileBytes);
  return missing.length === 0 ? blobs : undefined;
}

/** A blob as GraphQL gives it: its text, kept up to the read cap, and its size. */
export function blobFromGraphQL(blob: GraphQLBlob, maxFileBytes: number): FetchedBlob | SkipReason {
  if (blob.isBinary) return 'binary';
  if (blob.text === null) return 'unreadable';
  const bytes = Buffer.from(blob.text, 'utf8').subarray(0, maxFileBytes);
  return { bytes, size: Math.max(blob.byteSize, bytes.length) };
}

/** The missing blobs through GraphQL, up to 100 a query. */
export async function fetchByGraphQL(api: GitHubApi, missing: readonly TreeEntry[], blobs: Blobs, maxFileBytes: number): Promise<void> {
  const oids = missing.map((entry) => entry.oid);
  for (let start = 0; start < oids.length; start += MAX_BLOBS_PER_QUERY) {
    const chunk = oids.slice(start, start + MAX_BLOBS_PER_QUERY);
    const { data: result } = await api.graphql<BlobsQueryResult>(blobsQuery(chunk));
    chunk.forEach((oid, index) => {
      const blob = result.repository?.[`b${index}`];
      blobs.set(oid, blob && 'oid' in blob ? blobFromGraphQL(blob as GraphQLBlob, maxFileBytes) : 'unreadable');
    });
  }
}

export interface RawOptions {
  target: GitHubTarget;
  settings: GitHubSettings;
  log: RequestLog;
  maxFileBytes: number;
}

/** The missing blobs as raw downloads of the commit's files (unauthenticated checks), a few at a time. */
export async function downloadRaw(sha: string, missing: readonly TreeEntry[], blobs: Blobs, options: RawOptions): Promise<void> {
  await forEachLimited(missing, options.settings.concurrency, async (entry) => {
    blobs.set(entry.oid, await downloadOne(sha, entry, options));
  });
}

async function downloadOne(sha: string, entry: TreeEntry, options: RawOptions): Promise<FetchedBlob | SkipReason> {
  const { target, settings, log, maxFileBytes } = options;
  const url = `${settings.rawUrl}/${target.owner}/${target.repo}/${sha}/${entry.path.split('/').map(encodeURIComponent).join('/')}`;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      const response = await fetchBounded(url, {
        timeoutMs: settings.timeoutMs,
        headers: { 'user-agent': `dpg-check/${TOOL_VERSION}`, range: `bytes=0-${maxFileBytes - 1}` },
      }, maxFileBytes);
      log.add({ service: 'github-raw', method: 'GET', url, status: response.status, bytes: response.body.length, ms: performance.now() - started });
      if (response.status === 200 || response.status === 206) {
        const total = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
        return { bytes: response.body, size: Math.max(Number(total ?? entry.size ?? response.body.length), response.body.length) };
      }
      if ((response.status >= 500 || response.status === 429) && attempt < 3) {
        await delay(settings.retryBaseMs * attempt * attempt);
        continue;
      }
      throw new SourceError(`cannot check ${target.display}: downloading ${entry.path} failed (${response.status} from ${new URL(url).host})`);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      log.add({ service: 'github-raw', method: 'GET', url, status: error.reason, bytes: 0, ms: performance.now() - started });
      if (attempt < 3) { await delay(settings.retryBaseMs * attempt * attempt); continue; }
      throw new SourceError(`cannot check ${target.display}: downloading ${entry.path} failed (${error.reason})`);
    }
  }
}
