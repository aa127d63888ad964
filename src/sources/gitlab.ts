/**
 * GitLab projects (gitlab.com or self-hosted): REST for the project's
 * metadata (`?license=true`), the recursive tree (keyset pagination, 100
 * entries a page — GitLab allows no more) and raw blobs by id, a few at a
 * time. A tree longer than `maxTreePages` pages is listed, and its files
 * fetched, by a blob-less partial clone instead: fewer requests than paging
 * through thousands of entries. The commit comes from `git ls-remote` (one
 * small git request), else from the REST commits endpoint.
 *
 * Warm: `git ls-remote` shows the same commit, the tree and files come from
 * the cache, and the metadata is reused while fresh or revalidated with its
 * ETag: at most one request.
 */
import { createRequire } from 'node:module';
import type { HostMetadata, SkipReason } from '../snapshot/types.js';
import { TOOL_VERSION } from '../version.js';
import { SourceError } from './errors.js';
import { fetchGitTree, lsRemote, type GitFetchOptions } from './git.js';
import type { CommonSourceOptions, RemoteContent } from './remote-content.js';
import { NetworkError, fetchBounded, type FetchedResponse, type RequestService } from './http.js';
import type { FetchedBlob, TreeEntry } from './remote-snapshot.js';
import type { GitLabTarget } from './target.js';
import { delay, forEachLimited } from './limit.js';

export interface GitLabSettings {
  /** GITLAB_TOKEN: sent as PRIVATE-TOKEN, never printed. */
  token?: string;
  /** The instance `gitlab:group/project` means (default https://gitlab.com). */
  defaultOrigin: string;
  /** Pages of 100 tree entries before switching to a partial clone. */
  maxTreePages: number;
  metadataMaxAgeMs: number;
  maxWaitSeconds: number;
  retryBaseMs: number;
  timeoutMs: number;
  concurrency: number;
}

export const DEFAULT_GITLAB_SETTINGS: GitLabSettings = {
  defaultOrigin: 'https://gitlab.com',
  maxTreePages: 20,
  metadataMaxAgeMs: 60 * 60 * 1000,
  maxWaitSeconds: 60,
  retryBaseMs: 500,
  timeoutMs: 30_000,
  concurrency: 6,
};

interface GitLabProject {
  web_url?: string;
  description?: string | null;
  topics?: string[];
  tag_list?: string[];
  default_branch?: string | null;
  archived?: boolean;
  last_activity_at?: string | null;
  namespace?: { kind?: string; full_path?: string; path?: string };
  license?: { key?: string; name?: string } | null;
}

interface CachedMetadata {
  sha: string;
  host: HostMetadata;
  etag?: string;
  checkedAt: number;
}

const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
const requireHere = createRequire(import.meta.url);

export async function openGitLab(target: GitLabTarget, settings: GitLabSettings, common: CommonSourceOptions): Promise<RemoteContent> {
  return new GitLabSession(target, settings, common).open();
}

class GitLabSession {
  private readonly origin: string;
  private readonly api: string;
  private readonly display: string;
  private readonly metaKey: string;
  private readonly warnings: string[] = [];

  constructor(private readonly target: GitLabTarget, private readonly settings: GitLabSettings, private readonly common: CommonSourceOptions) {
    this.origin = (target.explicitOrigin ? target.origin : settings.defaultOrigin).replace(/\/+$/, '');
    this.api = `${this.origin}/api/v4/projects/${encodeURIComponent(target.project)}`;
    this.display = `${this.origin}/${target.project}`;
    this.metaKey = `${this.api}\n${target.ref ?? ''}`;
  }

  async open(): Promise<RemoteContent> {
    const cached = this.common.cache.getJson<CachedMetadata>('gl-meta', this.metaKey);
    if (cached?.sha) {
      const warm = await this.tryWarm(cached);
      if (warm) return warm;
    }
    const { project, etag, notModified } = await this.project(cached?.etag);
    const host = notModified && cached ? { ...cached.host, fetchedAt: new Date().toISOString() } : hostFromProject(project ?? {});
    const sha = await this.commit(host.defaultBranch);
    const listing = await this.tree(sha);
    let blobs: Map<string, FetchedBlob | SkipReason>;
    if (listing.viaGit) {
      blobs = listing.viaGit;
    } else {
      blobs = new Map();
      const downloads: TreeEntry[] = [];
      for (const entry of (await this.common.plan(listing.entries)).entries) {
        if (blobs.has(entry.oid) || downloads.some((d) => d.oid === entry.oid)) continue;
        const cached = this.common.cache.getFetched(entry.oid, this.common.maxFileBytes);
        if (cached) blobs.set(entry.oid, cached);
        else downloads.push(entry);
      }
      await forEachLimited(downloads, this.settings.concurrency, async (entry) => {
        blobs.set(entry.oid, await this.blob(entry));
      });
    }
    this.common.cache.setJson('gl-meta', this.metaKey, { sha, host, checkedAt: Date.now(), ...(etag ? { etag } : {}) } satisfies CachedMetadata);
    return { source: { kind: 'gitlab', location: this.display, revision: sha }, entries: listing.entries, blobs, host, warnings: this.warnings };
  }

  private async tryWarm(cached: CachedMetadata): Promise<RemoteContent | undefined> {
    let sha: string | undefined;
    try {
      sha = this.target.ref && FULL_SHA.test(this.target.ref) ? this.target.ref : await lsRemote(this.gitUrl(), this.target.ref, this.display, this.gitOptions());
    } catch {
      return undefined;
    }
    if (sha !== cached.sha) return undefined;
    const entries = this.common.cache.getJson<TreeEntry[]>('gl-tree', this.treeKey(sha));
    if (!Array.isArray(entries)) return undefined;
    const blobs = new Map<string, FetchedBlob | SkipReason>();
    for (const entry of (await this.common.plan(entries)).entries) {
      const cached = this.common.cache.getFetched(entry.oid, this.common.maxFileBytes);
      if (!cached) return undefined;
      blobs.set(entry.oid, cached);
    }
    let host = cached.host;
    if (Date.now() - cached.checkedAt > this.settings.metadataMaxAgeMs) {
      const { project, etag, notModified } = await this.project(cached.etag);
      host = notModified || !project ? { ...cached.host, fetchedAt: new Date().toISOString() } : hostFromProject(project);
      this.common.cache.setJson('gl-meta', this.metaKey, { sha, host, checkedAt: Date.now(), ...(etag ? { etag } : cached.etag ? { etag: cached.etag } : {}) } satisfies CachedMetadata);
    } else {
      this.common.log.note(`gitlab: ${this.display} is still at ${sha.slice(0, 12)} (git ls-remote); metadata, tree and files from the cache`);
    }
    return { source: { kind: 'gitlab', location: this.display, revision: sha }, entries, blobs, host, warnings: this.warnings };
  }

  private async project(etag: string | undefined): Promise<{ project?: GitLabProject; etag?: string; notModified: boolean }> {
    const response = await this.request('gitlab-rest', `${this.api}?license=true`, etag ? { 'if-none-match': etag } : {});
    const newEtag = response.headers.get('etag') ?? etag;
    if (response.status === 304) return { ...(newEtag ? { etag: newEtag } : {}), notModified: true };
    return { project: this.json<GitLabProject>(response), ...(newEtag ? { etag: newEtag } : {}), notModified: false };
  }

  private async commit(defaultBranch: string | undefined): Promise<string> {
    const ref = this.target.ref;
    if (ref && FULL_SHA.test(ref)) return ref;
    try {
      return await lsRemote(this.gitUrl(), ref, this.display, this.gitOptions());
    } catch {
      this.common.log.note('gitlab: git ls-remote failed; asking the API for the commit');
    }
    const wanted = ref ?? defaultBranch;
    if (!wanted) throw new SourceError(`cannot check ${this.display}: the project is empty (no default branch)`);
    const response = await this.request('gitlab-rest', `${this.api}/repository/commits/${encodeURIComponent(wanted)}`);
    const id = this.json<{ id?: string }>(response).id;
    if (!id || !FULL_SHA.test(id)) throw new SourceError(`cannot check ${this.display}: GitLab did not say which commit ${wanted} is`);
    return id;
  }

  private async tree(sha: string): Promise<{ entries: TreeEntry[]; viaGit?: Map<string, FetchedBlob | SkipReason> }> {
    const cached = this.common.cache.getJson<TreeEntry[]>('gl-tree', this.treeKey(sha));
    if (Array.isArray(cached)) return { entries: cached };
    const entries: TreeEntry[] = [];
    let url: string | undefined = `${this.api}/repository/tree?ref=${sha}&recursive=true&per_page=100&pagination=keyset`;
    for (let page = 1; url; page++) {
      if (page > this.settings.maxTreePages) {
        this.common.log.note(`gitlab: the tree has more than ${this.settings.maxTreePages * 100} entries; listing with a partial clone instead of paging`);
        const viaGit = await fetchGitTree(this.gitUrl(), sha, this.display, this.common.plan, this.gitOptions());
        this.warnings.push(...viaGit.warnings);
        this.common.cache.setJson('gl-tree', this.treeKey(sha), viaGit.entries);
        return { entries: viaGit.entries, viaGit: viaGit.blobs };
      }
      const response = await this.request('gitlab-rest', url);
      for (const item of this.json<{ id: string; type: string; path: string; mode: string }[]>(response)) {
        if (item.type === 'blob') entries.push({ path: item.path, oid: item.id, kind: item.mode === '120000' ? 'symlink' : 'file' });
      }
      url = nextLink(response.headers.get('link'));
    }
    this.common.cache.setJson('gl-tree', this.treeKey(sha), entries);
    return { entries };
  }

  private async blob(entry: TreeEntry): Promise<FetchedBlob | SkipReason> {
    const response = await this.request('gitlab-raw', `${this.api}/repository/blobs/${entry.oid}/raw`, {}, this.common.maxFileBytes);
    const length = Number(response.headers.get('content-length'));
    // Without a length, a body cut at the cap is known only to be longer than what came.
    const size = Number.isFinite(length) && length >= response.body.length ? length : response.body.length >= this.common.maxFileBytes ? response.body.length + 1 : response.body.length;
    const blob = { bytes: response.body, size };
    this.common.cache.setFetched(entry.oid, blob);
    return blob;
  }

  /** One GitLab request: retried on 5xx, 429 honoured up to `maxWaitSeconds`, every fault a located message. */
  private async request(service: RequestService, url: string, headers: Record<string, string> = {}, maxBytes?: number): Promise<FetchedResponse> {
    const allHeaders: Record<string, string> = { 'user-agent': `dpg-check/${TOOL_VERSION}`, accept: 'application/json', ...headers };
    if (this.settings.token) allHeaders['private-token'] = this.settings.token;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let response: FetchedResponse;
      try {
        response = await fetchBounded(url, { headers: allHeaders, timeoutMs: this.settings.timeoutMs }, maxBytes);
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        this.common.log.add({ service, method: 'GET', url, status: error.reason, bytes: 0, ms: performance.now() - started });
        if (attempt < 3) { await delay(this.settings.retryBaseMs * attempt * attempt); continue; }
        throw new SourceError(`cannot check ${this.display}: cannot reach ${new URL(url).host} (${error.reason})`);
      }
      const remaining = response.headers.get('ratelimit-remaining');
      this.common.log.add({
        service, method: 'GET', url, status: response.status, bytes: response.body.length, ms: performance.now() - started,
        ...(response.status === 304 ? { cost: 'free (304 Not Modified)' } : remaining !== null ? { cost: `1 request, ${remaining} left` } : {}),
      });
      if (response.status < 400) return response;
      const retryAfter = Number(response.headers.get('retry-after'));
      if (response.status === 429 && attempt < 2 && Number.isFinite(retryAfter) && retryAfter <= this.settings.maxWaitSeconds) {
        this.common.log.note(`gitlab: rate limited; waiting ${retryAfter} s as GitLab asks, then retrying once`);
        await delay(retryAfter * 1000);
        continue;
      }
      if (response.status >= 500 && attempt < 3) { await delay(this.settings.retryBaseMs * attempt * attempt); continue; }
      throw new SourceError(`cannot check ${this.display}: ${this.describe(response)}`);
    }
  }

  private describe(response: FetchedResponse): string {
    switch (response.status) {
      case 401: return 'GitLab refused the token from GITLAB_TOKEN (401 Unauthorized)';
      case 403: return 'GitLab refused access (403 Forbidden)';
      case 404: return `project not found${this.settings.token ? ' (or the token cannot read it)' : ' (or private: set GITLAB_TOKEN to a token that can read it)'}`;
      case 429: {
        const retryAfter = response.headers.get('retry-after');
        return `GitLab's rate limit was hit${retryAfter ? `; try again in ${retryAfter} s` : '; try again later'}`;
      }
      default:
        return response.status >= 500 ? `GitLab failed (${response.status}) three times in a row; try again later` : `GitLab answered ${response.status}`;
    }
  }

  private json<T>(response: FetchedResponse): T {
    try {
      return JSON.parse(response.body.toString('utf8')) as T;
    } catch {
      throw new SourceError(`cannot check ${this.display}: GitLab's answer was not JSON (is ${this.origin} a GitLab instance?)`);
    }
  }

  private treeKey(sha: string): string {
    return `${this.api}\n${sha}`;
  }

  private gitUrl(): string {
    return `${this.origin}/${this.target.project}.git`;
  }

  private gitOptions(): GitFetchOptions {
    const token = this.settings.token;
    const gitConfig = token
      ? { [`http.${this.origin}/.extraheader`]: `Authorization: Basic ${Buffer.from(`oauth2:${token}`).toString('base64')}` }
      : undefined;
    return { ...this.common.git, cache: this.common.cache, log: this.common.log, maxFileBytes: this.common.maxFileBytes, ...(gitConfig ? { gitConfig } : {}) };
  }
}

function hostFromProject(project: GitLabProject): HostMetadata {
  const host: HostMetadata = { platform: 'gitlab', fetchedAt: new Date().toISOString() };
  if (project.web_url) host.url = project.web_url;
  if (project.description) host.description = project.description;
  const topics = project.topics ?? project.tag_list;
  if (Array.isArray(topics)) host.topics = [...topics];
  const license = spdxFromGitLab(project.license?.key);
  if (license) host.license = license;
  if (typeof project.archived === 'boolean') host.archived = project.archived;
  if (project.default_branch) host.defaultBranch = project.default_branch;
  // GitLab has no "last push"; the last activity (pushes, merges, issues) is the nearest it says.
  if (project.last_activity_at) host.pushedAt = project.last_activity_at;
  const owner = project.namespace?.full_path ?? project.namespace?.path;
  if (owner) host.owner = owner;
  if (project.namespace?.kind) host.ownerType = project.namespace.kind === 'group' ? 'organization' : 'user';
  return host;
}

let spelling: Map<string, string> | undefined;

/** GitLab's licence keys are licensee's (`apache-2.0`, `gpl-3.0`): SPDX ids in lower case, mostly. */
export function spdxFromGitLab(key: string | undefined): string | undefined {
  if (!key || key === 'other') return undefined;
  if (!spelling) {
    const ids = [...(requireHere('spdx-license-ids') as string[]), ...(requireHere('spdx-license-ids/deprecated.json') as string[])];
    spelling = new Map(ids.map((id) => [id.toLowerCase(), id]));
  }
  return spelling.get(key.toLowerCase()) ?? key.toUpperCase();
}

function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (match) return match[1];
  }
  return undefined;
}
