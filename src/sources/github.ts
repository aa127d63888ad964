/**
 * GitHub repositories (BRIEF §7), within a strict request budget:
 *
 * - with a token (GITHUB_TOKEN / GH_TOKEN): ONE GraphQL query for the
 *   metadata, the commit, the root entries and the ~20 files most rules read;
 *   ONE REST recursive tree for the full path list; at most one more GraphQL
 *   query for the needed files found deeper (≤ 3 requests cold);
 * - without a token: REST for the metadata and the tree (2 API requests; the
 *   commit comes from `git ls-remote`, which is not an API request), then raw
 *   file downloads, a few at a time;
 * - warm: `git ls-remote` shows the commit; the tree (by commit) and files (by
 *   blob id) come from the cache, and the metadata is reused while fresh or
 *   revalidated with its ETag (a 304 costs nothing against the rate limit):
 *   ≤ 1 request.
 *
 * Throttling and retries are octokit's plugins: `retry-after`, `x-ratelimit-*`
 * and secondary limits are honoured, but never by waiting longer than
 * `maxWaitSeconds` — past that the check stops with a message saying when to
 * try again, instead of hanging. A tree GitHub truncates (over 100,000 entries)
 * is listed by a blob-less partial clone instead.
 */
import { randomBytes } from 'node:crypto';
import type { Octokit as OctokitClient } from 'octokit';
import type { SourceInfo } from '../model.js';
import type { HostMetadata, SkipReason } from '../snapshot/types.js';
import { TOOL_VERSION } from '../version.js';
import type { SourceCache } from './cache.js';
import { SourceError } from './errors.js';
import { fetchGitTree, lsRemote, type GitFetchOptions, type PlanFetch } from './git.js';
import {
  LIKELY_FILES, MAX_BLOBS_PER_QUERY, blobsQuery, repositoryQuery,
  type BlobsQueryResult, type GraphQLBlob, type GraphQLCommitish, type RepositoryQueryResult,
} from './github-queries.js';
import { NetworkError, fetchBounded, networkReason, type RequestLog, type RequestService } from './http.js';
import type { FetchedBlob, TreeEntry } from './remote-snapshot.js';
import type { GitHubTarget } from './target.js';
import { delay, forEachLimited } from './limit.js';

export interface GitHubSettings {
  token?: string;
  /** REST base; GraphQL is `<apiUrl>/graphql` (GitHub Enterprise: `…/api/v3` → `…/api/graphql`). */
  apiUrl: string;
  /** Raw file downloads for unauthenticated checks. */
  rawUrl: string;
  /** Where `git ls-remote` and the truncated-tree clone go: `<gitUrl>/<owner>/<repo>.git`. */
  gitUrl: string;
  /** Cached metadata younger than this is used without asking GitHub again. */
  metadataMaxAgeMs: number;
  /** The longest a rate limit may make the check wait before it gives up. */
  maxWaitSeconds: number;
  /** Base of the retry back-off for 5xx answers (0.5 s, then 2 s). */
  retryBaseMs: number;
  timeoutMs: number;
  /** Downloads in flight at once (unauthenticated raw files). */
  concurrency: number;
}

export const DEFAULT_GITHUB_SETTINGS: GitHubSettings = {
  apiUrl: 'https://api.github.com',
  rawUrl: 'https://raw.githubusercontent.com',
  gitUrl: 'https://github.com',
  metadataMaxAgeMs: 60 * 60 * 1000,
  maxWaitSeconds: 60,
  retryBaseMs: 500,
  timeoutMs: 30_000,
  concurrency: 6,
};

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

interface CachedMetadata {
  sha: string;
  host: HostMetadata;
  etag?: string;
  /** When GitHub last confirmed this metadata (ms since the epoch). */
  checkedAt: number;
}

interface CachedTree {
  entries: TreeEntry[];
}

const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

export async function openGitHub(target: GitHubTarget, settings: GitHubSettings, common: CommonSourceOptions): Promise<RemoteContent> {
  const session = new GitHubSession(target, settings, common);
  return session.open();
}

class GitHubSession {
  private readonly display: string;
  private readonly metaKey: string;
  private client: OctokitClient | undefined;
  private readonly warnings: string[] = [];
  /** What the last rate-limited answer said, for the message when we give up. */
  private limited: { secondary: boolean; retryAfter: number } | undefined;

  constructor(private readonly target: GitHubTarget, private readonly settings: GitHubSettings, private readonly common: CommonSourceOptions) {
    this.display = target.display;
    this.metaKey = `${settings.apiUrl}\n${target.owner}/${target.repo}\n${target.ref ?? ''}`;
  }

  async open(): Promise<RemoteContent> {
    try {
      const warm = await this.tryWarm();
      if (warm) return warm;
      return this.settings.token ? await this.coldWithToken() : await this.coldWithoutToken();
    } catch (error) {
      throw this.explain(error);
    }
  }

  // -------------------------------------------------------------------------
  // warm

  private async tryWarm(): Promise<RemoteContent | undefined> {
    const cached = this.common.cache.getJson<CachedMetadata>('gh-meta', this.metaKey);
    if (!cached?.sha) return undefined;
    const sha = await this.currentSha(true);
    if (sha !== cached.sha) return undefined;
    const tree = this.common.cache.getJson<CachedTree>('gh-tree', this.treeKey(sha));
    if (!tree) return undefined;
    const blobs = this.cachedBlobs((await this.common.plan(tree.entries)).entries);
    if (!blobs) return undefined;
    let host = cached.host;
    if (Date.now() - cached.checkedAt > this.settings.metadataMaxAgeMs) {
      host = await this.revalidate(cached);
    } else {
      this.common.log.note(`github: ${this.display} is still at ${sha.slice(0, 12)} (git ls-remote); metadata, tree and files from the cache`);
    }
    return this.content(sha, tree.entries, blobs, host);
  }

  /** A conditional GET: 304 when nothing changed, which GitHub does not count against the rate limit. */
  private async revalidate(cached: CachedMetadata): Promise<HostMetadata> {
    const { data, etag, date, notModified } = await this.restRepository(cached.etag);
    const host = notModified || !data ? { ...cached.host, fetchedAt: isoDate(date) } : hostFromRest(data, date);
    this.common.cache.setJson('gh-meta', this.metaKey, { ...cached, host, checkedAt: Date.now(), ...(etag ? { etag } : {}) } satisfies CachedMetadata);
    return host;
  }

  /**
   * The commit of the ref (or default branch) from `git ls-remote`: a git
   * request, not an API one. `quiet`: a failure returns undefined (the cold
   * path has other ways to learn it).
   */
  private async currentSha(quiet: boolean): Promise<string | undefined> {
    if (this.target.ref && FULL_SHA.test(this.target.ref)) return this.target.ref;
    try {
      return await lsRemote(this.gitUrl(), this.target.ref, this.display, this.gitOptions());
    } catch (error) {
      if (quiet) return undefined;
      throw error;
    }
  }

  // -------------------------------------------------------------------------
  // cold, with a token: GraphQL + REST tree (+ one GraphQL batch)

  private async coldWithToken(): Promise<RemoteContent> {
    const { data, date } = await this.graphql<RepositoryQueryResult>(repositoryQuery(LIKELY_FILES, this.target.ref));
    const repository = data.repository;
    if (!repository) throw new SourceError(`cannot check ${this.display}: repository not found, or the token cannot read it`);
    const commit = this.target.ref ? commitOf(repository.ref ?? null) : commitOf(repository.defaultBranchRef?.target ?? null);
    if (!commit) {
      throw new SourceError(`cannot check ${this.display}: ${this.target.ref ? `no branch, tag or commit ${this.target.ref}` : 'the repository is empty (no default branch)'}`);
    }
    const sha = commit.oid;
    const host = hostFromGraphQL(repository, date);
    const byPath = new Map<string, GraphQLBlob>();
    LIKELY_FILES.forEach((file, index) => {
      const blob = repository[`f${index}`];
      if (blob && 'oid' in blob) byPath.set(file, blob as GraphQLBlob);
    });

    const listing = await this.tree(sha);
    if (listing.viaGit) return this.finish(sha, listing.viaGit.entries, listing.viaGit.blobs, host, undefined);
    const planned = (await this.common.plan(listing.entries)).entries;
    const blobs = new Map<string, FetchedBlob | SkipReason>();
    const missing: string[] = [];
    for (const entry of planned) {
      if (blobs.has(entry.oid)) continue;
      const early = byPath.get(entry.path);
      if (early && early.oid === entry.oid) { blobs.set(entry.oid, this.fromGraphQL(early)); continue; }
      const cached = this.common.cache.getBlob(entry.oid);
      if (cached) { blobs.set(entry.oid, { bytes: cached, size: cached.length }); continue; }
      if (!missing.includes(entry.oid)) missing.push(entry.oid);
    }
    for (let start = 0; start < missing.length; start += MAX_BLOBS_PER_QUERY) {
      const chunk = missing.slice(start, start + MAX_BLOBS_PER_QUERY);
      const { data: result } = await this.graphql<BlobsQueryResult>(blobsQuery(chunk));
      chunk.forEach((oid, index) => {
        const blob = result.repository?.[`b${index}`];
        blobs.set(oid, blob && 'oid' in blob ? this.fromGraphQL(blob as GraphQLBlob) : 'unreadable');
      });
    }
    return this.finish(sha, listing.entries, blobs, host, undefined);
  }

  /**
   * One GraphQL request through `request`, not `graphql`, to keep the
   * response's headers (its `date` is when the metadata was true). Errors in
   * the body become a `GraphQLFailure`.
   */
  private async graphql<T>(query: string): Promise<{ data: T; date?: string }> {
    const client = await this.octokit();
    // GitHub Enterprise serves GraphQL at /api/graphql beside the REST /api/v3.
    const base = /\/api\/v3$/.test(this.settings.apiUrl) ? { baseUrl: this.settings.apiUrl.replace(/\/v3$/, '') } : {};
    const response = await client.request('POST /graphql', { query, variables: { owner: this.target.owner, name: this.target.repo }, ...base });
    const body = response.data as unknown as { data?: T; errors?: { type?: string; message?: string }[] };
    if (Array.isArray(body.errors) && body.errors.length > 0) throw new GraphQLFailure(body.errors);
    if (!body.data) throw new GraphQLFailure([{ message: 'no data in the answer' }]);
    return { data: body.data, ...(response.headers.date ? { date: response.headers.date } : {}) };
  }

  private fromGraphQL(blob: GraphQLBlob): FetchedBlob | SkipReason {
    if (blob.isBinary) return 'binary';
    if (blob.text === null) return 'unreadable';
    const bytes = Buffer.from(blob.text, 'utf8').subarray(0, this.common.maxFileBytes);
    return { bytes, size: Math.max(blob.byteSize, bytes.length) };
  }

  // -------------------------------------------------------------------------
  // cold, without a token: REST metadata + REST tree, raw files

  private async coldWithoutToken(): Promise<RemoteContent> {
    const cached = this.common.cache.getJson<CachedMetadata>('gh-meta', this.metaKey);
    const { data, etag, date, notModified } = await this.restRepository(cached?.etag);
    const host = notModified && cached ? { ...cached.host, fetchedAt: isoDate(date) } : data ? hostFromRest(data, date) : undefined;
    if (!host) throw new SourceError(`cannot check ${this.display}: GitHub sent no repository metadata`);
    let sha = await this.currentSha(true);
    if (!sha) sha = await this.restCommitSha(this.target.ref ?? host.defaultBranch ?? 'HEAD');
    const listing = await this.tree(sha);
    if (listing.viaGit) return this.finish(sha, listing.viaGit.entries, listing.viaGit.blobs, host, etag);
    const planned = (await this.common.plan(listing.entries)).entries;
    const blobs = new Map<string, FetchedBlob | SkipReason>();
    const downloads: TreeEntry[] = [];
    for (const entry of planned) {
      if (blobs.has(entry.oid) || downloads.some((d) => d.oid === entry.oid)) continue;
      const cachedBlob = this.common.cache.getBlob(entry.oid);
      if (cachedBlob) blobs.set(entry.oid, { bytes: cachedBlob, size: cachedBlob.length });
      else downloads.push(entry);
    }
    await forEachLimited(downloads, this.settings.concurrency, async (entry) => {
      blobs.set(entry.oid, await this.downloadRaw(sha as string, entry));
    });
    return this.finish(sha, listing.entries, blobs, host, etag);
  }

  private async restRepository(etag: string | undefined): Promise<{ data?: RestRepository; etag?: string; date?: string; notModified: boolean }> {
    const client = await this.octokit();
    try {
      const response = await client.request('GET /repos/{owner}/{repo}', {
        owner: this.target.owner, repo: this.target.repo,
        ...(etag ? { headers: { 'if-none-match': etag } } : {}),
      });
      const newEtag = response.headers.etag;
      return { data: response.data as unknown as RestRepository, ...(newEtag ? { etag: newEtag } : {}), ...(response.headers.date ? { date: response.headers.date } : {}), notModified: false };
    } catch (error) {
      if (statusOf(error) === 304) {
        const date = headersOf(error).date;
        return { ...(etag ? { etag } : {}), ...(date ? { date } : {}), notModified: true };
      }
      throw error;
    }
  }

  /** Only when `git ls-remote` could not say: one small REST request. */
  private async restCommitSha(ref: string): Promise<string> {
    const client = await this.octokit();
    this.common.log.note('github: git ls-remote failed; asking the API for the commit (one more request)');
    const response = await client.request('GET /repos/{owner}/{repo}/commits/{ref}', {
      owner: this.target.owner, repo: this.target.repo, ref, headers: { accept: 'application/vnd.github.sha' },
    });
    const sha = String(response.data as unknown).trim();
    if (!FULL_SHA.test(sha)) throw new SourceError(`cannot check ${this.display}: GitHub did not say which commit ${ref} is`);
    return sha;
  }

  private async downloadRaw(sha: string, entry: TreeEntry): Promise<FetchedBlob | SkipReason> {
    const url = `${this.settings.rawUrl}/${this.target.owner}/${this.target.repo}/${sha}/${entry.path.split('/').map(encodeURIComponent).join('/')}`;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const response = await fetchBounded(url, {
          timeoutMs: this.settings.timeoutMs,
          headers: { 'user-agent': `dpg-check/${TOOL_VERSION}`, range: `bytes=0-${this.common.maxFileBytes - 1}` },
        }, this.common.maxFileBytes);
        this.common.log.add({ service: 'github-raw', method: 'GET', url, status: response.status, bytes: response.body.length, ms: performance.now() - started });
        if (response.status === 200 || response.status === 206) {
          const total = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
          const size = Math.max(Number(total ?? entry.size ?? response.body.length), response.body.length);
          const blob = { bytes: response.body, size };
          if (size === response.body.length) this.common.cache.setBlob(entry.oid, response.body);
          return blob;
        }
        if ((response.status >= 500 || response.status === 429) && attempt < 3) {
          await delay(this.settings.retryBaseMs * attempt * attempt);
          continue;
        }
        throw new SourceError(`cannot check ${this.display}: downloading ${entry.path} failed (${response.status} from ${new URL(url).host})`);
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        this.common.log.add({ service: 'github-raw', method: 'GET', url, status: error.reason, bytes: 0, ms: performance.now() - started });
        if (attempt < 3) { await delay(this.settings.retryBaseMs * attempt * attempt); continue; }
        throw new SourceError(`cannot check ${this.display}: downloading ${entry.path} failed (${error.reason})`);
      }
    }
  }

  // -------------------------------------------------------------------------
  // shared

  /** The recursive tree of a commit: from the cache, else one REST request; a truncated one from a partial clone. */
  private async tree(sha: string): Promise<{ entries: TreeEntry[]; viaGit?: { entries: TreeEntry[]; blobs: Map<string, FetchedBlob | SkipReason> } }> {
    const cached = this.common.cache.getJson<CachedTree>('gh-tree', this.treeKey(sha));
    if (cached) return { entries: cached.entries };
    const client = await this.octokit();
    const response = await client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      owner: this.target.owner, repo: this.target.repo, tree_sha: sha, recursive: '1',
    });
    const data = response.data as { truncated?: boolean; tree: { path: string; mode: string; type: string; sha: string; size?: number }[] };
    if (data.truncated) {
      this.warnings.push(`GitHub truncated the tree of ${this.display} (too many files for one listing); the file list came from a blob-less partial clone instead`);
      this.common.log.note('github: the REST tree is truncated; listing with a partial clone (git protocol, no API request)');
      const viaGit = await fetchGitTree(this.gitUrl(), sha, this.display, this.common.plan, this.gitOptions());
      this.warnings.push(...viaGit.warnings);
      this.common.cache.setJson('gh-tree', this.treeKey(sha), { entries: viaGit.entries } satisfies CachedTree);
      return { entries: viaGit.entries, viaGit };
    }
    const entries: TreeEntry[] = [];
    for (const item of data.tree) {
      if (item.type !== 'blob') continue; // trees are folders; commits are submodules
      entries.push({ path: item.path, oid: item.sha, kind: item.mode === '120000' ? 'symlink' : 'file', ...(item.size !== undefined ? { size: item.size } : {}) });
    }
    this.common.cache.setJson('gh-tree', this.treeKey(sha), { entries } satisfies CachedTree);
    return { entries };
  }

  private cachedBlobs(entries: readonly TreeEntry[]): Map<string, FetchedBlob | SkipReason> | undefined {
    const blobs = new Map<string, FetchedBlob | SkipReason>();
    for (const entry of entries) {
      if (blobs.has(entry.oid)) continue;
      const bytes = this.common.cache.getBlob(entry.oid);
      if (!bytes) return undefined;
      blobs.set(entry.oid, { bytes, size: bytes.length });
    }
    return blobs;
  }

  private finish(sha: string, entries: TreeEntry[], blobs: Map<string, FetchedBlob | SkipReason>, host: HostMetadata, etag: string | undefined): RemoteContent {
    for (const [oid, blob] of blobs) if (typeof blob !== 'string' && blob.bytes.length === blob.size) this.common.cache.setBlob(oid, blob.bytes);
    this.common.cache.setJson('gh-meta', this.metaKey, { sha, host, checkedAt: Date.now(), ...(etag ? { etag } : {}) } satisfies CachedMetadata);
    return this.content(sha, entries, blobs, host);
  }

  private content(sha: string, entries: TreeEntry[], blobs: Map<string, FetchedBlob | SkipReason>, host: HostMetadata): RemoteContent {
    return { source: { kind: 'github', location: this.display, revision: sha }, entries, blobs, host, warnings: this.warnings };
  }

  private treeKey(sha: string): string {
    return `${this.settings.apiUrl}\n${this.target.owner}/${this.target.repo}\n${sha}`;
  }

  private gitUrl(): string {
    return `${this.settings.gitUrl.replace(/\/+$/, '')}/${this.target.owner}/${this.target.repo}.git`;
  }

  private gitOptions(): GitFetchOptions {
    const token = this.settings.token;
    const gitConfig = token
      ? { [`http.${new URL(this.settings.gitUrl).origin}/.extraheader`]: `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}` }
      : undefined;
    return { ...this.common.git, cache: this.common.cache, log: this.common.log, maxFileBytes: this.common.maxFileBytes, ...(gitConfig ? { gitConfig } : {}) };
  }

  private async octokit(): Promise<OctokitClient> {
    if (this.client) return this.client;
    const { Octokit } = await import('octokit');
    const log = this.common.log;
    const settings = this.settings;
    const apiOrigin = settings.apiUrl.replace(/\/+$/, '');
    const decide = (secondary: boolean) => (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean => {
      this.limited = { secondary, retryAfter };
      if (retryCount < 1 && retryAfter <= settings.maxWaitSeconds) {
        log.note(`github: ${secondary ? 'secondary ' : ''}rate limit; waiting ${retryAfter} s as GitHub asks, then retrying once`);
        return true;
      }
      return false;
    };
    const quiet = (): void => undefined;
    this.client = new Octokit({
      baseUrl: apiOrigin,
      userAgent: `dpg-check/${TOOL_VERSION}`,
      ...(settings.token ? { auth: settings.token } : {}),
      log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
      request: { fetch: countingFetch(log, apiOrigin, settings.timeoutMs) },
      throttle: {
        id: `dpg-check-${randomBytes(6).toString('hex')}`,
        onRateLimit: decide(false),
        onSecondaryRateLimit: decide(true),
        // The plugin spaces every GraphQL request a second apart, as it does mutations; our queries read only,
        // and a second per check adds up over a registry. Its "write" limiter is replaced by one that waits for
        // nothing; rate limits and secondary limits are still honoured through the handlers above.
        write: NO_SPACING,
      },
      retry: {
        retries: 2,
        retryAfterBaseValue: settings.retryBaseMs,
        // 403 and 429 are rate limits: the throttling plugin handles them with the server's own retry-after.
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
    });
    return this.client;
  }

  // -------------------------------------------------------------------------
  // errors

  /** Any failure as a `SourceError` naming the repository and what to do. */
  private explain(error: unknown): Error {
    if (error instanceof SourceError) return error;
    const at = `cannot check ${this.display}`;
    const status = statusOf(error);
    const headers = headersOf(error);
    const graphQLType = graphQLErrorType(error);
    if (graphQLType === 'NOT_FOUND') return new SourceError(`${at}: repository not found, or the token cannot read it`);
    if (graphQLType === 'RATE_LIMITED' || (status !== undefined && [403, 429].includes(status) && (headers['x-ratelimit-remaining'] === '0' || this.limited))) {
      return new SourceError(`${at}: ${this.rateLimitMessage(headers)}`);
    }
    if (status === 401) return new SourceError(`${at}: GitHub refused the token from GITHUB_TOKEN/GH_TOKEN (401 Bad credentials)`);
    if (status === 404) {
      return new SourceError(`${at}: repository not found${this.settings.token ? ' (or the token cannot read it)' : ' (or private: set GITHUB_TOKEN or GH_TOKEN to a token that can read it)'}`);
    }
    if (status === 403) return new SourceError(`${at}: GitHub refused access (403${messageOf(error) ? `: ${messageOf(error)}` : ''})`);
    if (status === 429) return new SourceError(`${at}: GitHub answered 429 Too Many Requests${headers['retry-after'] ? `; retry after ${headers['retry-after']} s` : ''}`);
    if (error instanceof NetworkError || isNetworkFailure(error)) {
      const cause = (error as { cause?: unknown }).cause;
      return new SourceError(`${at}: cannot reach ${new URL(this.settings.apiUrl).host} (${cause instanceof NetworkError ? cause.reason : networkReason(error)})`);
    }
    if (status !== undefined && status >= 500) return new SourceError(`${at}: GitHub failed (${status}) three times in a row; try again later`);
    if (status !== undefined && status >= 400) return new SourceError(`${at}: GitHub answered ${status}${messageOf(error) ? ` (${messageOf(error)})` : ''}`);
    if (graphQLType) return new SourceError(`${at}: GitHub's GraphQL API answered ${graphQLType} (${(error as Error).message})`);
    return error instanceof Error ? error : new Error(String(error));
  }

  private rateLimitMessage(headers: Record<string, string | undefined>): string {
    const retryAfter = Number(headers['retry-after'] ?? this.limited?.retryAfter ?? NaN);
    if (this.limited?.secondary || (headers['x-ratelimit-remaining'] !== '0' && Number.isFinite(retryAfter))) {
      return `GitHub's secondary rate limit was hit (too many requests too fast)${Number.isFinite(retryAfter) ? `; try again in ${retryAfter} s` : '; try again in a few minutes'}`;
    }
    const limit = headers['x-ratelimit-limit'];
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? `; it resets at ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : '';
    const hint = this.settings.token ? '' : ' (set GITHUB_TOKEN or GH_TOKEN for 5,000 requests an hour instead of 60)';
    return `GitHub's API rate limit is exhausted${limit ? ` (${limit} requests an hour)` : ''}${when}${hint}`;
  }
}

/** A stand-in for the throttling plugin's Bottleneck group, `group.key(id).schedule(options, task)`: runs the task at once. */
const NO_SPACING = {
  key: () => ({ schedule: (_options: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(task(...args)) }),
};

// ---------------------------------------------------------------------------
// metadata

interface RestRepository {
  html_url?: string;
  description?: string | null;
  homepage?: string | null;
  topics?: string[];
  license?: { spdx_id?: string | null; name?: string } | null;
  archived?: boolean;
  default_branch?: string;
  pushed_at?: string | null;
  owner?: { login?: string; type?: string };
}

/** When the host said it: the response's Date header, else now. */
export function isoDate(header: string | undefined): string {
  const time = header ? Date.parse(header) : NaN;
  return new Date(Number.isFinite(time) ? time : Date.now()).toISOString();
}

function hostFromRest(data: RestRepository, date: string | undefined): HostMetadata {
  const host: HostMetadata = { platform: 'github', fetchedAt: isoDate(date) };
  if (data.html_url) host.url = data.html_url;
  if (data.description) host.description = data.description;
  if (data.homepage) host.homepage = data.homepage;
  if (Array.isArray(data.topics)) host.topics = [...data.topics];
  if (data.license?.spdx_id) host.license = data.license.spdx_id;
  if (typeof data.archived === 'boolean') host.archived = data.archived;
  if (data.default_branch) host.defaultBranch = data.default_branch;
  if (data.pushed_at) host.pushedAt = data.pushed_at;
  if (data.owner?.login) host.owner = data.owner.login;
  if (data.owner?.type) host.ownerType = data.owner.type === 'Organization' ? 'organization' : 'user';
  return host;
}

function hostFromGraphQL(repository: NonNullable<RepositoryQueryResult['repository']>, date: string | undefined): HostMetadata {
  const host: HostMetadata = { platform: 'github', fetchedAt: isoDate(date), url: repository.url, archived: repository.isArchived };
  if (repository.description) host.description = repository.description;
  if (repository.homepageUrl) host.homepage = repository.homepageUrl;
  host.topics = repository.repositoryTopics.nodes.map((node) => node.topic.name);
  if (repository.licenseInfo?.spdxId) host.license = repository.licenseInfo.spdxId;
  if (repository.defaultBranchRef?.name) host.defaultBranch = repository.defaultBranchRef.name;
  if (repository.pushedAt) host.pushedAt = repository.pushedAt;
  host.owner = repository.owner.login;
  host.ownerType = repository.owner.__typename === 'Organization' ? 'organization' : 'user';
  if (repository.codeOfConduct) {
    host.codeOfConduct = repository.codeOfConduct.name;
    if (repository.codeOfConduct.url) host.codeOfConductUrl = repository.codeOfConduct.url;
  }
  if (typeof repository.isSecurityPolicyEnabled === 'boolean') host.securityPolicy = repository.isSecurityPolicyEnabled;
  if (repository.securityPolicyUrl && repository.isSecurityPolicyEnabled) host.securityPolicyUrl = repository.securityPolicyUrl;
  return host;
}

/** The commit a ref names: a commit itself, or the commit an annotated tag points to. */
function commitOf(object: GraphQLCommitish | null): { oid: string } | undefined {
  if (!object) return undefined;
  if (object.__typename === 'Commit') return { oid: object.oid };
  if (object.__typename === 'Tag' && object.target?.__typename === 'Commit') return { oid: object.target.oid };
  return undefined;
}

// ---------------------------------------------------------------------------
// the counting fetch: every request octokit makes is logged with its cost

function countingFetch(log: RequestLog, apiOrigin: string, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const service: RequestService = url.startsWith(`${apiOrigin}/graphql`) || /\/api\/graphql$/.test(url) ? 'github-graphql' : 'github-rest';
    const started = performance.now();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(input, { ...init, signal });
    } catch (error) {
      const reason = networkReason(error, timeout.aborted);
      log.add({ service, method, url, status: reason, bytes: 0, ms: performance.now() - started });
      throw new NetworkError(reason);
    }
    const body = Buffer.from(await response.arrayBuffer());
    log.add({ service, method, url, status: response.status, bytes: body.length, ms: performance.now() - started, cost: costOf(response, service, body) });
    const empty = [101, 204, 205, 304].includes(response.status);
    return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function costOf(response: Response, service: RequestService, body: Buffer): string {
  if (response.status === 304) return 'free (304 Not Modified)';
  const remaining = response.headers.get('x-ratelimit-remaining');
  const limit = response.headers.get('x-ratelimit-limit');
  let points = '1 request';
  if (service === 'github-graphql') {
    const cost = /"rateLimit"\s*:\s*\{\s*"cost"\s*:\s*(\d+)/.exec(body.toString('utf8', 0, Math.min(body.length, 4096)))?.[1];
    points = `${cost ?? '1'} point${cost === '1' || cost === undefined ? '' : 's'}`;
  }
  return remaining !== null ? `${points}, ${remaining}${limit ? `/${limit}` : ''} left` : points;
}

// ---------------------------------------------------------------------------
// small helpers

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

function headersOf(error: unknown): Record<string, string | undefined> {
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } })?.response?.headers;
  return headers ?? {};
}

function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } })?.response?.data;
  const message = typeof data?.message === 'string' ? data.message : '';
  return message.split('\n')[0]?.slice(0, 200) ?? '';
}

/** Errors GitHub's GraphQL API put in an answer's body (the status is 200). */
class GraphQLFailure extends Error {
  constructor(readonly errors: readonly { type?: string; message?: string }[]) {
    super(errors.map((e) => e.message ?? e.type ?? 'error').join('; ').slice(0, 300));
  }
}

function graphQLErrorType(error: unknown): string | undefined {
  if (!(error instanceof GraphQLFailure)) return undefined;
  return error.errors.find((e) => typeof e.type === 'string')?.type ?? 'ERROR';
}

/** octokit turns a failed fetch into a status-500 error without a response; the cause says what happened. */
function isNetworkFailure(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  const withResponse = (error as { response?: unknown })?.response !== undefined;
  if ((error as { cause?: unknown })?.cause instanceof NetworkError) return true;
  return (name === 'HttpError' && !withResponse) || name === 'TypeError' || name === 'AbortError' || name === 'TimeoutError';
}
