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
 *   blob id, whatever their size) come from the cache, and the metadata is
 *   reused while fresh or revalidated with its ETag (a 304 costs nothing
 *   against the rate limit): ≤ 1 request, no download.
 *
 * This module is the session — which path to take, and what is cached; the
 * API client is ./github-api.ts, the file list ./github-tree.ts, the file
 * contents ./github-blobs.ts, the host metadata ./github-metadata.ts and the
 * failure messages ./github-errors.ts.
 */
import type { HostMetadata } from '../snapshot/types.js';
import { SourceError } from './errors.js';
import { FULL_SHA, GitHubApi, type GitHubSettings } from './github-api.js';
import { blobFromGraphQL, cachedBlobs, downloadRaw, fetchByGraphQL, knownBlobs, type Blobs } from './github-blobs.js';
import { explainGitHubFailure } from './github-errors.js';
import { commitOf, hostFromGraphQL, hostFromRest, isoDate, type CachedMetadata } from './github-metadata.js';
import { LIKELY_FILES, repositoryQuery, type GraphQLBlob, type RepositoryQueryResult } from './github-queries.js';
import { cachedTree, listTree, type TreeListing } from './github-tree.js';
import { fetchGitTree, lsRemote, type GitFetchOptions } from './git.js';
import type { CommonSourceOptions, RemoteContent } from './remote-content.js';
import type { TreeEntry } from './remote-snapshot.js';
import type { GitHubTarget } from './target.js';

export { DEFAULT_GITHUB_SETTINGS, type GitHubSettings } from './github-api.js';

export async function openGitHub(target: GitHubTarget, settings: GitHubSettings, common: CommonSourceOptions): Promise<RemoteContent> {
  const session = new GitHubSession(target, settings, common);
  try {
    return (await session.warm()) ?? (settings.token ? await session.coldWithToken() : await session.coldWithoutToken());
  } catch (error) {
    throw explainGitHubFailure(error, { display: target.display, apiUrl: settings.apiUrl, ...(settings.token ? { token: settings.token } : {}), limited: session.api.limited });
  }
}

class GitHubSession {
  readonly api: GitHubApi;
  private readonly display: string;
  private readonly metaKey: string;
  private readonly warnings: string[] = [];

  constructor(private readonly target: GitHubTarget, private readonly settings: GitHubSettings, private readonly common: CommonSourceOptions) {
    this.display = target.display;
    this.metaKey = `${settings.apiUrl}\n${target.owner}/${target.repo}\n${target.ref ?? ''}`;
    this.api = new GitHubApi(target, settings, common.log);
  }

  /** The commit has not moved and everything needed is cached: at most the one conditional request. */
  async warm(): Promise<RemoteContent | undefined> {
    const cached = this.common.cache.getJson<CachedMetadata>('gh-meta', this.metaKey);
    if (!cached?.sha) return undefined;
    const sha = await this.currentSha(true);
    if (sha !== cached.sha) return undefined;
    const entries = cachedTree(this.common.cache, this.treeKey(sha));
    if (!entries) return undefined;
    const blobs = cachedBlobs((await this.common.plan(entries)).entries, this.common.cache, this.common.maxFileBytes);
    if (!blobs) return undefined;
    let host = cached.host;
    if (Date.now() - cached.checkedAt > this.settings.metadataMaxAgeMs) {
      host = await this.revalidate(cached);
    } else {
      this.common.log.note(`github: ${this.display} is still at ${sha.slice(0, 12)} (git ls-remote); metadata, tree and files from the cache`);
    }
    return this.content(sha, entries, blobs, host);
  }

  /** With a token: GraphQL + REST tree (+ one GraphQL batch). */
  async coldWithToken(): Promise<RemoteContent> {
    const { data, date } = await this.api.graphql<RepositoryQueryResult>(repositoryQuery(LIKELY_FILES, this.target.ref));
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
    const early = (entry: TreeEntry) => {
      const blob = byPath.get(entry.path);
      return blob && blob.oid === entry.oid ? blobFromGraphQL(blob, this.common.maxFileBytes) : undefined;
    };
    const { blobs, missing } = knownBlobs(planned, this.common.cache, this.common.maxFileBytes, early);
    await fetchByGraphQL(this.api, missing, blobs, this.common.maxFileBytes);
    return this.finish(sha, listing.entries, blobs, host, undefined);
  }

  /** Without a token: REST metadata + REST tree, raw files. */
  async coldWithoutToken(): Promise<RemoteContent> {
    const cached = this.common.cache.getJson<CachedMetadata>('gh-meta', this.metaKey);
    const { data, etag, date, notModified } = await this.api.repository(cached?.etag);
    const host = notModified && cached ? { ...cached.host, fetchedAt: isoDate(date) } : data ? hostFromRest(data, date) : undefined;
    if (!host) throw new SourceError(`cannot check ${this.display}: GitHub sent no repository metadata`);
    const sha = (await this.currentSha(true)) ?? (await this.api.commitSha(this.target.ref ?? host.defaultBranch ?? 'HEAD'));
    const listing = await this.tree(sha);
    if (listing.viaGit) return this.finish(sha, listing.viaGit.entries, listing.viaGit.blobs, host, etag);
    const planned = (await this.common.plan(listing.entries)).entries;
    const { blobs, missing } = knownBlobs(planned, this.common.cache, this.common.maxFileBytes);
    await downloadRaw(sha, missing, blobs, { target: this.target, settings: this.settings, log: this.common.log, maxFileBytes: this.common.maxFileBytes });
    return this.finish(sha, listing.entries, blobs, host, etag);
  }

  /** A conditional GET: 304 when nothing changed, which GitHub does not count against the rate limit. */
  private async revalidate(cached: CachedMetadata): Promise<HostMetadata> {
    const { data, etag, date, notModified } = await this.api.repository(cached.etag);
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

  private tree(sha: string): Promise<TreeListing> {
    return listTree(sha, {
      api: this.api, cache: this.common.cache, log: this.common.log, key: this.treeKey(sha), display: this.display, warnings: this.warnings,
      clone: () => fetchGitTree(this.gitUrl(), sha, this.display, this.common.plan, this.gitOptions()),
    });
  }

  /** Keeps what was fetched (files by blob id, whatever their size; the metadata with the commit) and returns the content. */
  private finish(sha: string, entries: TreeEntry[], blobs: Blobs, host: HostMetadata, etag: string | undefined): RemoteContent {
    for (const [oid, blob] of blobs) this.common.cache.setFetched(oid, blob);
    this.common.cache.setJson('gh-meta', this.metaKey, { sha, host, checkedAt: Date.now(), ...(etag ? { etag } : {}) } satisfies CachedMetadata);
    return this.content(sha, entries, blobs, host);
  }

  private content(sha: string, entries: TreeEntry[], blobs: Blobs, host: HostMetadata): RemoteContent {
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
}
