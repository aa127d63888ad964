/**
 * Any git URL (BRIEF §7): a shallow, blob-less partial clone into a temporary
 * directory (`--depth 1 --filter=blob:none --no-checkout`: commits and trees,
 * no file contents), the path list from the tree, then only the blobs the
 * rules need, fetched in ONE `git fetch` of their ids — never one request per
 * file. A server without partial-clone support ignores the filter and sends a
 * shallow clone instead: that is said in the report, and a size guard stops
 * the download past a limit. The temporary directory is gone when this
 * returns, whatever happened.
 *
 * A warm re-run asks `git ls-remote` for the commit first; when the tree
 * listing of that commit and the blobs are in the cache, nothing is cloned.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SkipReason } from '../snapshot/types.js';
import { startGit } from '../snapshot/git-exec.js';
import { SourceError } from './errors.js';
import type { RequestLog } from './http.js';
import { formatBytes } from './http.js';
import type { SourceCache } from './cache.js';
import type { FetchedBlob, TreeEntry } from './remote-snapshot.js';
import { createTempDir, removeTempDir } from './temp.js';

export interface GitFetchOptions {
  cache: SourceCache;
  log: RequestLog;
  /** Most bytes a clone may bring; past it the clone is stopped (the shallow-clone fallback's guard). */
  maxCloneBytes: number;
  /** Bytes kept per blob. */
  maxFileBytes: number;
  /** Milliseconds any one git command may take. */
  timeoutMs: number;
  /** Extra git configuration passed through the environment (never on the command line, where `ps` shows it). */
  gitConfig?: Readonly<Record<string, string>>;
}

export interface GitTreeResult {
  /** The commit checked. */
  sha: string;
  entries: TreeEntry[];
  blobs: Map<string, FetchedBlob | SkipReason>;
  warnings: string[];
}

/** Chooses, from the full tree, the entries whose contents are needed. */
export type PlanFetch = (entries: readonly TreeEntry[]) => Promise<{ entries: TreeEntry[]; leftOut: string[] }>;

const FULL_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * The tree of `ref` (default: the remote's HEAD) at `url`, and the contents of
 * the entries `plan` picks.
 */
export async function fetchGitTree(url: string, ref: string | undefined, display: string, plan: PlanFetch, options: GitFetchOptions): Promise<GitTreeResult> {
  const { cache } = options;
  const cacheKey = `${stripCredentials(url)}\n${ref ?? 'HEAD'}`;
  // Only a repository seen before is worth an ls-remote: on a first run it would only add requests.
  const seen = cache.getJson<{ sha: string }>('git-head', cacheKey);
  if (seen) {
    const sha = ref !== undefined && FULL_SHA.test(ref) ? ref : await lsRemote(url, ref, display, options);
    const warm = await fromCache(url, sha, plan, cache, options.maxFileBytes);
    if (warm) {
      options.log.note(`git: ${display} is still at ${sha.slice(0, 12)}; tree and files from the cache`);
      return warm;
    }
  }
  const result = await cloneAndFetch(url, ref, display, plan, options);
  cache.setJson('git-head', cacheKey, { sha: result.sha });
  return result;
}

async function fromCache(url: string, sha: string, plan: PlanFetch, cache: SourceCache, maxFileBytes: number): Promise<GitTreeResult | undefined> {
  const entries = cache.getJson<TreeEntry[]>('git-tree', `${stripCredentials(url)}\n${sha}`);
  if (!Array.isArray(entries)) return undefined;
  const blobs = new Map<string, FetchedBlob | SkipReason>();
  for (const entry of (await plan(entries)).entries) {
    if (blobs.has(entry.oid)) continue;
    const cached = cache.getFetched(entry.oid, maxFileBytes);
    if (!cached) return undefined;
    blobs.set(entry.oid, cached);
  }
  return { sha, entries, blobs, warnings: [] };
}

/** The commit `ref` (or HEAD) points to on the remote: one small request, no clone. */
export async function lsRemote(url: string, ref: string | undefined, display: string, options: GitFetchOptions): Promise<string> {
  const temp = createTempDir('dpg-check-ls-');
  try {
    const wanted = ref ?? 'HEAD';
    const run = await runGit(['ls-remote', '--', url, wanted, ...(ref ? [`refs/heads/${ref}`, `refs/tags/${ref}`, `refs/tags/${ref}^{}`] : [])], {
      cwd: temp, options, traceDir: temp,
    });
    options.log.add({ service: 'git', method: 'git ls-remote', url, status: run.code === 0 ? 'ok' : 'failed', bytes: run.stdout.length, ms: run.ms, ...(run.requests !== undefined ? { requests: run.requests } : {}) });
    if (run.code !== 0) throw new SourceError(`cannot check ${display}: ${describeGitFailure(run.stderr, ref)}`);
    const lines = run.stdout.toString('utf8').split('\n').filter(Boolean).map((line) => line.split('\t') as [string, string]);
    // A peeled tag (`^{}`) names the commit; otherwise the first match.
    const match = lines.find(([, name]) => name.endsWith('^{}')) ?? lines.find(([, name]) => name === wanted || name === `refs/heads/${wanted}`) ?? lines[0];
    if (!match || !FULL_SHA.test(match[0])) throw new SourceError(`cannot check ${display}: ${ref ? `no branch or tag ${ref}` : 'the repository has no commit yet'}`);
    return match[0];
  } finally {
    await removeTempDir(temp);
  }
}

async function cloneAndFetch(url: string, ref: string | undefined, display: string, plan: PlanFetch, options: GitFetchOptions): Promise<GitTreeResult> {
  const temp = createTempDir('dpg-check-git-');
  const repo = path.join(temp, 'repo');
  const warnings: string[] = [];
  try {
    let sha: string;
    let stderr: string;
    if (ref !== undefined && FULL_SHA.test(ref)) {
      // A commit id cannot be cloned by name: an empty repository fetches it (protocol v2 allows any reachable commit).
      fs.mkdirSync(repo);
      for (const args of [['init', '-q'], ['remote', 'add', 'origin', url], ['config', 'remote.origin.promisor', 'true'], ['config', 'remote.origin.partialclonefilter', 'blob:none']]) {
        const setup = await runGit(args, { cwd: repo, options });
        if (setup.code !== 0) throw new SourceError(`cannot check ${display}: git ${args[0]} failed (${firstLine(setup.stderr)})`);
      }
      const fetched = await runGit(['fetch', '--depth', '1', '--filter=blob:none', '--no-tags', '--progress', 'origin', ref], {
        cwd: repo, options, traceDir: temp, guard: { dir: repo, maxBytes: options.maxCloneBytes },
      });
      logGit(options, 'git fetch (commit, trees)', url, fetched, await objectBytes(repo));
      if (fetched.code !== 0) throw new SourceError(`cannot check ${display}: ${fetched.killed ?? describeGitFailure(fetched.stderr, ref)}`);
      stderr = fetched.stderr;
      sha = ref;
    } else {
      const cloned = await runGit(['clone', '--depth', '1', '--filter=blob:none', '--no-checkout', '--single-branch', '--no-tags', '--progress', ...(ref ? ['--branch', ref] : []), '--', url, repo], {
        cwd: temp, options, traceDir: temp, guard: { dir: repo, maxBytes: options.maxCloneBytes },
      });
      logGit(options, 'git clone --filter=blob:none --depth 1', url, cloned, await objectBytes(repo));
      if (cloned.code !== 0) {
        const reason = cloned.sizeExceeded && /filtering not recognized/i.test(cloned.stderr)
          ? `the server does not support partial clone, and the shallow clone that replaced it passed the size limit of ${formatBytes(options.maxCloneBytes)} (set DPG_CHECK_MAX_CLONE_MB to allow more, or check a local clone)`
          : cloned.killed ?? describeGitFailure(cloned.stderr, ref);
        throw new SourceError(`cannot check ${display}: ${reason}`);
      }
      stderr = cloned.stderr;
      const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: repo, options });
      sha = head.stdout.toString('utf8').trim();
      if (head.code !== 0 || !FULL_SHA.test(sha)) throw new SourceError(`cannot check ${display}: the repository has no commit yet`);
    }
    const filterSupported = !/filtering not recognized by server/i.test(stderr);
    if (!filterSupported) {
      warnings.push(`${display}: the server does not support partial clone (uploadpack.allowFilter); a shallow clone with every file was downloaded instead`);
      options.log.note(`git: the server ignored --filter=blob:none; fell back to a shallow clone (size guard ${formatBytes(options.maxCloneBytes)})`);
    }

    const entries = await listTree(repo, sha, display, options);
    options.cache.setJson('git-tree', `${stripCredentials(url)}\n${sha}`, entries);
    const chosen = await plan(entries);
    if (chosen.leftOut.length > 0) warnings.push(`${chosen.leftOut.length} file(s) the rules would read were not fetched (prefetch limit): ${chosen.leftOut.slice(0, 5).join(', ')}${chosen.leftOut.length > 5 ? ', …' : ''}`);
    const blobs = new Map<string, FetchedBlob | SkipReason>();
    const toFetch: string[] = [];
    for (const entry of chosen.entries) {
      if (blobs.has(entry.oid) || toFetch.includes(entry.oid)) continue;
      const cached = options.cache.getFetched(entry.oid, options.maxFileBytes);
      if (cached) blobs.set(entry.oid, cached);
      else toFetch.push(entry.oid);
    }
    if (toFetch.length > 0 && filterSupported) {
      const before = await objectBytes(repo);
      const fetched = await runGit(['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', 'origin', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--stdin'], {
        cwd: repo, options, traceDir: temp, input: `${toFetch.join('\n')}\n`, guard: { dir: repo, maxBytes: options.maxCloneBytes },
      });
      logGit(options, `git fetch (${toFetch.length} blobs in one batch)`, url, fetched, (await objectBytes(repo)) - before);
      if (fetched.code !== 0) throw new SourceError(`cannot check ${display}: fetching the files failed (${fetched.killed ?? describeGitFailure(fetched.stderr, ref)})`);
    }
    if (toFetch.length > 0) {
      await disableLazyFetch(repo, options);
      const read = await readBlobs(repo, toFetch, options);
      for (const [oid, blob] of read) {
        blobs.set(oid, blob);
        options.cache.setFetched(oid, blob);
      }
    }
    return { sha, entries, blobs, warnings };
  } finally {
    await removeTempDir(temp);
  }
}

async function listTree(repo: string, sha: string, display: string, options: GitFetchOptions): Promise<TreeEntry[]> {
  const run = await runGit(['ls-tree', '-r', '-z', '--full-tree', sha], { cwd: repo, options });
  if (run.code !== 0) throw new SourceError(`cannot check ${display}: could not list the tree (${firstLine(run.stderr)})`);
  const entries: TreeEntry[] = [];
  for (const record of run.stdout.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = record.slice(0, tab).split(' ') as [string, string, string];
    const file = record.slice(tab + 1);
    // Submodules (160000, commits) are other repositories, as `git ls-files` leaves them out of a checkout's list.
    if (type !== 'blob') continue;
    entries.push({ path: file, oid, kind: mode === '120000' ? 'symlink' : 'file' });
  }
  return entries;
}

/**
 * After the batch, the clone must never fetch on its own: a partial clone
 * fetches a missing blob lazily, one request each, the very thing the batch
 * avoids. Dropping the promisor settings turns a missing blob into "missing".
 */
async function disableLazyFetch(repo: string, options: GitFetchOptions): Promise<void> {
  for (const key of ['remote.origin.promisor', 'remote.origin.partialclonefilter', 'extensions.partialclone']) {
    await runGit(['config', '--unset-all', key], { cwd: repo, options });
  }
}

/** Blob contents through one `git cat-file --batch`, each kept up to `maxFileBytes`. */
async function readBlobs(repo: string, oids: readonly string[], options: GitFetchOptions): Promise<Map<string, FetchedBlob | SkipReason>> {
  const result = new Map<string, FetchedBlob | SkipReason>();
  const parser = new BatchParser(options.maxFileBytes, (oid, blob) => result.set(oid, blob));
  const run = await runGit(['cat-file', '--batch'], { cwd: repo, options, input: `${oids.join('\n')}\n`, onStdout: (chunk) => parser.push(chunk), env: { GIT_NO_LAZY_FETCH: '1' } });
  if (run.code !== 0) throw new SourceError(`could not read the fetched files (${firstLine(run.stderr)})`);
  for (const oid of oids) if (!result.has(oid)) result.set(oid, 'unreadable');
  return result;
}

/** Streams `cat-file --batch` output: `<oid> blob <size>\n<bytes>\n` or `<oid> missing\n`. */
class BatchParser {
  private buffer: Buffer = Buffer.alloc(0);
  private current: { oid: string; size: number; kept: Buffer[]; keptBytes: number; remaining: number } | undefined;

  constructor(private readonly maxBytes: number, private readonly emit: (oid: string, blob: FetchedBlob | SkipReason) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.current) {
        const item = this.current;
        const take = Math.min(item.remaining, this.buffer.length);
        if (item.keptBytes < this.maxBytes) {
          const keep = this.buffer.subarray(0, Math.min(take, this.maxBytes - item.keptBytes));
          item.kept.push(Buffer.from(keep));
          item.keptBytes += keep.length;
        }
        item.remaining -= take;
        this.buffer = this.buffer.subarray(take);
        if (item.remaining > 0) return;
        if (this.buffer.length === 0) return; // the trailing newline comes with the next chunk
        this.buffer = this.buffer.subarray(1);
        this.emit(item.oid, { bytes: Buffer.concat(item.kept, item.keptBytes), size: item.size });
        this.current = undefined;
        continue;
      }
      const newline = this.buffer.indexOf(10);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString('utf8').split(' ');
      this.buffer = this.buffer.subarray(newline + 1);
      const [oid = '', type = '', size = ''] = header;
      if (type === 'missing' || type === 'ambiguous') {
        this.emit(oid, 'unreadable');
      } else {
        this.current = { oid, size: Number(size), kept: [], keptBytes: 0, remaining: Number(size) };
      }
    }
  }
}

// ---------------------------------------------------------------------------
// running git

interface GitRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  ms: number;
  /** HTTP requests made, from git's curl trace (http and https remotes only). */
  requests?: number;
  /** Why the command was stopped, as a sentence. */
  killed?: string;
  /** Stopped by the size guard. */
  sizeExceeded?: boolean;
}

interface RunGitOptions {
  cwd: string;
  options: GitFetchOptions;
  input?: string;
  /** Where to write the curl trace that counts HTTP requests. */
  traceDir?: string;
  guard?: { dir: string; maxBytes: number };
  onStdout?: (chunk: Buffer) => void;
  env?: Record<string, string>;
}

const GUARD_INTERVAL_MS = 200;
let traceCounter = 0;

async function runGit(args: readonly string[], run: RunGitOptions): Promise<GitRun> {
  const traceFile = run.traceDir ? path.join(run.traceDir, `curl-${++traceCounter}.trace`) : undefined;
  const env = gitEnvironment(run.options.gitConfig, { ...(run.env ?? {}), ...(traceFile ? { GIT_TRACE_CURL: traceFile, GIT_TRACE_CURL_NO_DATA: '1' } : {}) });
  // Bounded in time, and stopped with everything it started (src/snapshot/git-exec.ts).
  const git = startGit([
    '-c', 'core.quotepath=off', '-c', 'protocol.ext.allow=never', '-c', 'http.lowSpeedLimit=1000', '-c', 'http.lowSpeedTime=60', ...args,
  ], {
    cwd: run.cwd, env, timeoutMs: run.options.timeoutMs,
    ...(run.input !== undefined ? { input: run.input } : {}),
    ...(run.onStdout ? { onStdout: run.onStdout } : {}),
  });
  let sizeExceeded = false;
  let guardTimer: NodeJS.Timeout | undefined;
  if (run.guard) {
    const { dir, maxBytes } = run.guard;
    guardTimer = setInterval(() => {
      void directorySize(dir).then((size) => {
        if (size <= maxBytes) return;
        sizeExceeded = true;
        git.stop('size');
      });
    }, GUARD_INTERVAL_MS);
  }
  const result = await git.result;
  if (guardTimer) clearInterval(guardTimer);
  // A transfer quicker than the guard's tick is measured once more at the end.
  if (run.guard && result.stopped === undefined && (await directorySize(run.guard.dir)) > run.guard.maxBytes) sizeExceeded = true;
  const requests = traceFile ? countTracedRequests(traceFile) : undefined;
  const killed = sizeExceeded
    ? `the download passed the size limit of ${formatBytes(run.guard?.maxBytes ?? 0)} and was stopped (set DPG_CHECK_MAX_CLONE_MB to allow more)`
    : result.timedOut ? `git did not finish within ${Math.round(run.options.timeoutMs / 1000)} s` : result.stopped;
  return {
    code: killed ? null : result.code, stdout: result.stdout, stderr: result.stderr, ms: result.ms,
    ...(requests !== undefined ? { requests } : {}),
    ...(killed ? { killed } : {}),
    ...(sizeExceeded ? { sizeExceeded: true } : {}),
  };
}

/** The environment of every git command: no prompts, plain messages, extra config through GIT_CONFIG_* (git ≥ 2.31). */
function gitEnvironment(config: Readonly<Record<string, string>> | undefined, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANGUAGE: 'C', GIT_OPTIONAL_LOCKS: '0', ...extra };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_PREFIX', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES']) delete env[name];
  // An SSH password or host-key prompt would hang a batch run: fail instead.
  if (!env.GIT_SSH_COMMAND && !env.GIT_SSH) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  const entries = Object.entries(config ?? {});
  if (entries.length > 0) {
    const base = Number(env.GIT_CONFIG_COUNT ?? 0) || 0;
    entries.forEach(([key, value], index) => {
      env[`GIT_CONFIG_KEY_${base + index}`] = key;
      env[`GIT_CONFIG_VALUE_${base + index}`] = value;
    });
    env.GIT_CONFIG_COUNT = String(base + entries.length);
  }
  return env;
}

function countTracedRequests(file: string): number | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return (text.match(/=> Send header: (GET|POST|HEAD) /g) ?? []).length;
  } catch {
    return undefined; // not an http(s) remote: git wrote no trace
  }
}

function logGit(options: GitFetchOptions, what: string, url: string, run: GitRun, bytes: number): void {
  options.log.add({
    service: 'git', method: what, url, status: run.code === 0 ? 'ok' : run.killed ? 'stopped' : 'failed', bytes: Math.max(0, bytes), ms: run.ms,
    ...(run.requests !== undefined ? { requests: run.requests } : {}),
  });
}

/** Bytes of the repository's object store: what the transfer brought (packs are stored as received). */
async function objectBytes(repo: string): Promise<number> {
  return directorySize(path.join(repo, '.git', 'objects')).catch(() => 0);
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await directorySize(full);
    else if (entry.isFile()) {
      try {
        total += (await fs.promises.stat(full)).size;
      } catch {
        // Renamed or removed while git works: counted on the next tick.
      }
    }
  }
  return total;
}

/** git's own words turned into a plain reason (credentials in URLs removed). */
export function describeGitFailure(stderr: string, ref: string | undefined): string {
  return stripCredentialsEverywhere(plainGitReason(stderr, ref));
}

function stripCredentialsEverywhere(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]*@/gi, '$1');
}

/**
 * Why git failed, in plain words. An HTTP status counts only as git's "The requested URL returned error: 403":
 * a bare number would match curl's timings ("Failed to connect to 127.0.0.1 port 9 after 401 ms").
 */
function plainGitReason(stderr: string, ref: string | undefined): string {
  if (/git is not installed/.test(stderr)) return 'git is not installed (or not on PATH); remote git repositories need it';
  if (/Remote branch .* not found|couldn't find remote ref|not our ref/i.test(stderr)) return ref ? `no branch, tag or commit ${ref} in the repository` : 'the remote has no default branch';
  if (/repository .* not found|not found|returned error: 404|does not appear to be a git repository|No such file or directory/i.test(stderr)) return 'repository not found (or private: git has no credentials for it)';
  if (/Authentication failed|could not read Username|terminal prompts disabled|returned error: 40[13]\b|Permission denied/i.test(stderr)) return 'the repository needs credentials git does not have (private repository?)';
  if (/Could not resolve host|Name or service not known|getaddrinfo/i.test(stderr)) return 'cannot resolve the host name';
  if (/Connection refused|Failed to connect|couldn't connect/i.test(stderr)) return 'cannot connect to the server (connection refused)';
  if (/timed out|Operation too slow/i.test(stderr)) return 'the server did not answer in time';
  if (/transport '.*' not allowed/i.test(stderr)) return 'this transport is not allowed';
  if (/returned error: 5\d\d\b/.test(stderr)) return `the server failed (${firstLine(stderr)})`;
  return firstLine(stderr) || 'git failed';
}

function firstLine(text: string): string {
  const fatal = text.split('\n').map((l) => l.trim()).find((l) => /^(fatal|error):/.test(l));
  return (fatal ?? text.split('\n').map((l) => l.trim()).find(Boolean) ?? '').replace(/^(fatal|error):\s*/, '').slice(0, 300);
}

function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}
