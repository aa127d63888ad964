/**
 * The GitHub API of one check: an octokit client (loaded only when a GitHub
 * target is checked) whose every request is logged with its cost, and the few
 * requests the source makes — one GraphQL query, the repository's REST
 * metadata (conditional on its ETag), a commit id, a recursive tree.
 *
 * Throttling and retries are octokit's plugins: `retry-after`, `x-ratelimit-*`
 * and secondary limits are honoured, but never by waiting longer than
 * `maxWaitSeconds` — past that the check stops with a message saying when to
 * try again (./github-errors.ts), instead of hanging.
 */
import { lazyCrypto } from '../lazy-crypto.js';
import type { Octokit as OctokitClient } from 'octokit';
import { TOOL_VERSION } from '../version.js';
import { SourceError } from './errors.js';
import { GraphQLFailure, headersOf, statusOf, type RateLimited } from './github-errors.js';
import type { RestRepository } from './github-metadata.js';
import { NetworkError, networkReason, type RequestLog, type RequestService } from './http.js';
import type { GitHubTarget } from './target.js';
import { importModule } from '../import-module.js';

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

export const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

/** One item of a REST recursive tree. */
export interface RestTreeItem { path: string; mode: string; type: string; sha: string; size?: number }

export class GitHubApi {
  private client: OctokitClient | undefined;
  /** What the last rate-limited answer said, for the message when we give up. */
  limited: RateLimited | undefined;

  constructor(private readonly target: GitHubTarget, private readonly settings: GitHubSettings, private readonly log: RequestLog) {}

  /**
   * One GraphQL request through `request`, not `graphql`, to keep the
   * response's headers (its `date` is when the metadata was true). Errors in
   * the body become a `GraphQLFailure`.
   */
  async graphql<T>(query: string): Promise<{ data: T; date?: string }> {
    const client = await this.octokit();
    // GitHub Enterprise serves GraphQL at /api/graphql beside the REST /api/v3.
    const base = /\/api\/v3$/.test(this.settings.apiUrl) ? { baseUrl: this.settings.apiUrl.replace(/\/v3$/, '') } : {};
    const response = await client.request('POST /graphql', { query, variables: { owner: this.target.owner, name: this.target.repo }, ...base });
    const body = response.data as unknown as { data?: T; errors?: { type?: string; message?: string }[] };
    if (Array.isArray(body.errors) && body.errors.length > 0) throw new GraphQLFailure(body.errors);
    if (!body.data) throw new GraphQLFailure([{ message: 'no data in the answer' }]);
    return { data: body.data, ...(response.headers.date ? { date: response.headers.date } : {}) };
  }

  /** The repository's REST metadata; with `etag`, a conditional GET (304: nothing changed, free against the rate limit). */
  async repository(etag: string | undefined): Promise<{ data?: RestRepository; etag?: string; date?: string; notModified: boolean }> {
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
  async commitSha(ref: string): Promise<string> {
    const client = await this.octokit();
    this.log.note('github: git ls-remote failed; asking the API for the commit (one more request)');
    const response = await client.request('GET /repos/{owner}/{repo}/commits/{ref}', {
      owner: this.target.owner, repo: this.target.repo, ref, headers: { accept: 'application/vnd.github.sha' },
    });
    const sha = String(response.data as unknown).trim();
    if (!FULL_SHA.test(sha)) throw new SourceError(`cannot check ${this.target.display}: GitHub did not say which commit ${ref} is`);
    return sha;
  }

  /** The recursive tree of a commit, as GitHub lists it (`truncated` past 100,000 entries). */
  async tree(sha: string): Promise<{ truncated?: boolean; tree: RestTreeItem[] }> {
    const client = await this.octokit();
    const response = await client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      owner: this.target.owner, repo: this.target.repo, tree_sha: sha, recursive: '1',
    });
    return response.data as { truncated?: boolean; tree: RestTreeItem[] };
  }

  private async octokit(): Promise<OctokitClient> {
    if (this.client) return this.client;
    const { Octokit } = await importModule('octokit') as typeof import('octokit');
    const log = this.log;
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
        id: `dpg-check-${lazyCrypto().randomBytes(6).toString('hex')}`,
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
}

/** A stand-in for the throttling plugin's Bottleneck group, `group.key(id).schedule(options, task)`: runs the task at once. */
const NO_SPACING = {
  key: () => ({ schedule: (_options: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(task(...args)) }),
};

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
