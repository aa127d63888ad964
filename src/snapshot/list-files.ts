/**
 * The file list of a local directory: what git would call the project's files
 * (tracked plus untracked-but-not-ignored) in a work tree, or a walk that
 * honours `.gitignore` files elsewhere. Nothing here writes: git is asked only
 * read-only questions (`ls-files`, `rev-parse`) with optional locks off, and
 * the walk only lists directories.
 */
import type { Dirent } from 'node:fs';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { drainQueue, forEachLimited } from './pool.js';
import { execGit, localGitTimeoutMs } from './git-exec.js';

export interface FileListing {
  /** Relative, `/`-separated, sorted, unique. */
  paths: string[];
  /** Symbolic links (listed by git or met in the walk) whose target lies outside the boundary. */
  outside: Set<string>;
  warnings: string[];
  via: 'git' | 'walk';
  /** HEAD when the list came from git and the repository has a commit. */
  revision?: string;
}

/** Directory operations in flight at once: enough to saturate libuv's pool, few enough to spare file handles. */
const FS_CONCURRENCY = 32;
/** `git ls-files` output for very large monorepos runs to tens of MiB. */
const GIT_MAX_BUFFER = 1024 * 1024 * 1024;

/** True when `candidate` is `container` or lies beneath it (both absolute, already resolved). */
export function isInside(candidate: string, container: string): boolean {
  if (candidate === container) return true;
  const prefix = container.endsWith(path.sep) ? container : container + path.sep;
  return candidate.startsWith(prefix);
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/**
 * Lists the files of `dir`. `boundary` is the real path of the directory the
 * user named: a symbolic link resolving outside it is never followed.
 */
export async function listLocalFiles(dir: string, boundary: string, onTracked?: (count: number) => void): Promise<FileListing> {
  const git = await listWithGit(dir, boundary, onTracked);
  if (git.listing) return git.listing;
  const walked = await walk(dir, boundary);
  walked.warnings.unshift(...git.warnings);
  return walked;
}

// ---------------------------------------------------------------------------
// git

interface GitResult {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
  /** Why git was stopped before it finished (its time was up), if it was. */
  stopped?: string;
}

/**
 * The environment for read-only git calls. Variables that point git at another
 * repository (set, for instance, inside a git hook) are dropped so git finds
 * the repository of the directory being checked.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_PREFIX']) delete env[name];
  return env;
}

async function runGit(args: readonly string[], cwd: string, timeoutMs = localGitTimeoutMs()): Promise<GitResult & { code: number | null }> {
  // fsmonitor off: a configured fsmonitor hook or daemon must not start because we listed files.
  const run = await execGit(['-c', 'core.quotepath=off', '-c', 'core.fsmonitor=false', ...args], {
    cwd, env: gitEnvironment(), timeoutMs, maxStdoutBytes: GIT_MAX_BUFFER,
  });
  return { ok: run.code === 0, code: run.code, stdout: run.stdout, stderr: run.stderr, ...(run.stopped !== undefined ? { stopped: run.stopped } : {}) };
}

/**
 * How long the search ahead may take: it runs beside the rules, and a rule waiting for it falls back to reading
 * the files itself, within its own time limit (the secrets scan's is 3 s), when git is slower than this.
 */
export const SEARCH_TIMEOUT_MS = 2000;

/**
 * Fewer tracked files than this, and nothing is searched ahead: reading a small tree costs less than starting git
 * (a check of a 60-file fixture took 31 ms longer with the search, paired medians of 20).
 */
export const SEARCH_AHEAD_MIN_FILES = 1000;

/**
 * The tracked files of the work tree at `dir` that hold none of `needles` (literal strings), with their paths
 * relative to `dir`: one `git grep --files-without-match`, which reads every tracked file in full on a thread
 * of its own. git skips symbolic links and submodules (they are not in the answer, so they are read as usual), and
 * reads only; its configuration cannot change the output (colour, full names and text conversion are off). An
 * empty set when git fails or takes longer than `timeoutMs`.
 */
export async function gitFilesWithout(dir: string, needles: readonly string[], skippedExtensions: readonly string[], timeoutMs = SEARCH_TIMEOUT_MS): Promise<Set<string>> {
  if (needles.length === 0) return new Set();
  const exclude = skippedExtensions.filter((ext) => /^[\w.+-]+$/.test(ext)).map((ext) => `:(exclude,icase)*.${ext}`);
  const run = await runGit([
    '-c', 'grep.fallbackToNoIndex=false', 'grep', '--no-color', '--no-full-name', '--no-textconv', '--no-recurse-submodules',
    // One thread: the check's own thread keeps the other core (dhis2-core, paired medians: 1.09 s, 1.14 s with git's default).
    '--threads', '1', '--files-without-match', '-z', '--fixed-strings', ...needles.flatMap((needle) => ['-e', needle]), '--', '.', ...exclude,
  ], dir, timeoutMs);
  // git grep exits 1 when no file is listed (every file holds a needle); anything else is a failure.
  if (run.code !== 0 && run.code !== 1) return new Set();
  return new Set(gitEntries(run));
}

async function listWithGit(
  dir: string,
  boundary: string,
  /** Told how many files git tracks as soon as it says, before they are checked on disk. */
  onTracked?: (count: number) => void,
): Promise<{ listing?: FileListing; warnings: string[] }> {
  // Tracked and untracked files are asked for separately: the tracked list comes
  // back at once (it is the index), so their folders are checked while git is
  // still scanning the tree for untracked files.
  const othersRun = runGit(['ls-files', '-z', '--others', '--exclude-standard'], dir);
  const headRun = runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], dir);
  const tracked = await runGit(['ls-files', '-z', '--cached'], dir);
  if (!tracked.ok) {
    await Promise.all([othersRun, headRun]);
    // Not a work tree, or git missing: the walk is the normal path then. A refused
    // repository (another user's, "dubious ownership") deserves a word, though.
    const warnings = tracked.stopped !== undefined
      ? [`git was stopped listing the tracked files (${tracked.stopped}; set DPG_CHECK_GIT_TIMEOUT_S to allow more); listing files without git`]
      : /dubious ownership/.test(tracked.stderr)
        ? ['git refused to read this repository (owned by another user); listing files without git']
        : [];
    return { warnings };
  }
  const checker = new OnDiskCheck(dir, boundary);
  const trackedEntries = gitEntries(tracked);
  onTracked?.(trackedEntries.length);
  await checker.add(trackedEntries);
  const [others, head] = await Promise.all([othersRun, headRun]);
  const otherEntries = others.ok ? gitEntries(others) : [];
  if (!others.ok) {
    checker.warnings.push(others.stopped !== undefined
      ? `the file list is cut short: listing untracked files was stopped (${others.stopped}; set DPG_CHECK_GIT_TIMEOUT_S to allow more); only tracked files are checked`
      : `git could not list untracked files (${others.stderr.trim()}); only tracked files are checked`);
  }
  if (trackedEntries.length === 0 && otherEntries.length === 0 && !(await isTopLevel(dir))) {
    // A folder inside someone else's work tree that the outer repository ignores
    // (a checkout under an ignored folder): git sees nothing, so walk it instead.
    return { warnings: [] };
  }
  await checker.add(otherEntries);
  const listing: FileListing = { ...(await checker.result()), via: 'git' };
  const revision = head.ok ? head.stdout.toString('utf8').trim() : '';
  if (/^[0-9a-f]{40,64}$/.test(revision)) listing.revision = revision;
  return { listing, warnings: [] };
}

/** NUL-separated paths; entries ending in `/` are nested repositories git does not descend into. */
function gitEntries(result: GitResult): string[] {
  return result.stdout.toString('utf8').split('\0').filter((entry) => entry !== '' && !entry.endsWith('/'));
}

async function isTopLevel(dir: string): Promise<boolean> {
  const topLevel = await runGit(['rev-parse', '--show-toplevel'], dir);
  if (!topLevel.ok) return false;
  try {
    const [top, here] = await Promise.all([
      fsp.realpath(topLevel.stdout.toString('utf8').trim()),
      fsp.realpath(dir),
    ]);
    return top === here;
  } catch {
    return false;
  }
}

type EntryType = 'file' | 'directory' | 'symlink' | 'other' | 'absent' | 'unknown';

function direntType(entry: Dirent): EntryType {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (entry.isSymbolicLink()) return 'symlink';
  return 'other';
}

async function lstatType(abs: string): Promise<EntryType> {
  try {
    const stats = await fsp.lstat(abs);
    if (stats.isFile()) return 'file';
    if (stats.isDirectory()) return 'directory';
    if (stats.isSymbolicLink()) return 'symlink';
    return 'other';
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'absent' : 'unknown';
  }
}

function parentOf(relative: string): string {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}

function baseName(relative: string): string {
  return relative.slice(relative.lastIndexOf('/') + 1);
}

/**
 * Keeps the git entries that are still regular files (or in-boundary links to
 * files) on disk. Instead of one `lstat` per file it lists each folder once
 * (far fewer calls on large trees), a folder only after its parent's listing
 * showed it is a real folder, so a folder reached through a symbolic link is
 * never listed.
 */
class OnDiskCheck {
  readonly warnings: string[] = [];
  private readonly paths: string[] = [];
  private readonly links: string[] = [];
  private readonly outside = new Set<string>();
  /** Every folder holding an entry, and its ancestors, with their child folders. */
  private readonly childFolders = new Map<string, string[]>([['', []]]);
  private readonly listed = new Set<string>();
  private readonly listings = new Map<string, Map<string, Dirent> | null>();
  private readonly folderState = new Map<string, 'ok' | 'outside' | 'absent'>([['', 'ok']]);

  constructor(
    private readonly dir: string,
    private readonly boundary: string,
  ) {}

  /** Checks one batch of entries against the disk. Batches are added one after the other. */
  async add(entries: readonly string[]): Promise<void> {
    const parents = entries.map(parentOf);
    const start: string[] = this.listed.has('') ? [] : [''];
    for (const parent of parents) {
      const chain: string[] = [];
      let folder = parent;
      while (!this.childFolders.has(folder)) {
        chain.push(folder);
        folder = parentOf(folder);
      }
      // A new folder under an already listed one starts the queue; deeper ones follow their parent.
      if (chain.length > 0 && this.listed.has(folder)) start.push(chain[chain.length - 1] as string);
      for (let index = chain.length - 1; index >= 0; index--) {
        const child = chain[index] as string;
        (this.childFolders.get(folder) as string[]).push(child);
        this.childFolders.set(child, []);
        folder = child;
      }
    }
    await drainQueue(start, FS_CONCURRENCY, (folder, enqueue) => this.listFolder(folder, enqueue));

    const unlisted: string[] = [];
    // Synchronous on purpose: one promise per entry costs more than the lookups themselves.
    entries.forEach((entry, index) => {
      const parent = parents[index] as string;
      const state = this.folderState.get(parent);
      if (state === 'outside') this.outside.add(entry);
      if (state !== 'ok') return;
      const listing = this.listings.get(parent);
      if (listing === undefined || listing === null) unlisted.push(entry);
      else this.keep(entry, this.typeFrom(listing, parent === '' ? entry : entry.slice(parent.length + 1)));
    });
    await forEachLimited(unlisted, FS_CONCURRENCY, async (entry) => {
      this.keep(entry, await this.typeIn(parentOf(entry), baseName(entry)));
    });
  }

  async result(): Promise<Pick<FileListing, 'paths' | 'outside' | 'warnings'>> {
    await resolveLinks(this.dir, this.boundary, this.links, this.paths, this.outside, this.warnings);
    return { paths: sortUnique(this.paths), outside: this.outside, warnings: this.warnings.sort() };
  }

  private keep(entry: string, type: EntryType): void {
    // `unknown`: the folder could not be read; keep the entry and let the read report it.
    if (type === 'file' || type === 'unknown') this.paths.push(entry);
    else if (type === 'symlink') this.links.push(entry);
  }

  private typeFrom(listing: Map<string, Dirent>, name: string): EntryType {
    const dirent = listing.get(name);
    return dirent === undefined ? 'absent' : direntType(dirent);
  }

  private async typeIn(parent: string, name: string): Promise<EntryType> {
    const listing = this.listings.get(parent);
    if (listing === undefined || listing === null) return lstatType(path.join(this.dir, parent, name));
    return this.typeFrom(listing, name);
  }

  private markSubtree(folder: string, state: 'outside' | 'absent'): void {
    this.listed.add(folder);
    this.folderState.set(folder, state);
    for (const child of this.childFolders.get(folder) ?? []) this.markSubtree(child, state);
  }

  private async listFolder(folder: string, enqueue: (folder: string) => void): Promise<void> {
    if (folder !== '') {
      const parentState = this.folderState.get(parentOf(folder)) ?? 'absent';
      if (parentState !== 'ok') {
        // Under a link out of the boundary (or a vanished folder) found in an earlier batch.
        this.markSubtree(folder, parentState);
        return;
      }
      const type = await this.typeIn(parentOf(folder), baseName(folder));
      if (type === 'symlink' && (await classifySymlink(path.join(this.dir, folder), this.boundary)) === 'outside') {
        this.warnings.push(`skipped ${folder}/: symbolic link to a folder outside the checked directory`);
        this.markSubtree(folder, 'outside');
        return;
      }
      if (type !== 'directory' && type !== 'unknown') {
        this.markSubtree(folder, 'absent');
        return;
      }
      this.folderState.set(folder, 'ok');
    }
    this.listed.add(folder);
    try {
      const dirents = await fsp.readdir(path.join(this.dir, folder), { withFileTypes: true });
      this.listings.set(folder, new Map(dirents.map((dirent) => [dirent.name, dirent])));
    } catch {
      this.listings.set(folder, null);
    }
    for (const child of this.childFolders.get(folder) ?? []) enqueue(child);
  }
}

function isStrictlySorted(items: readonly string[]): boolean {
  for (let index = 1; index < items.length; index++) {
    if (!((items[index - 1] as string) < (items[index] as string))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// symbolic links

type LinkTarget = 'file' | 'directory' | 'outside' | 'broken' | 'loop' | 'other';

async function classifySymlink(abs: string, boundary: string): Promise<LinkTarget> {
  let real: string;
  try {
    real = await fsp.realpath(abs);
  } catch (error) {
    return errorCode(error) === 'ELOOP' ? 'loop' : 'broken';
  }
  if (!isInside(real, boundary)) return 'outside';
  try {
    const stats = await fsp.stat(real);
    if (stats.isFile()) return 'file';
    return stats.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'broken';
  }
}

/**
 * Links to files inside the boundary count as files; links out of it are
 * recorded and warned about; links to folders are not followed (their files,
 * when inside the tree, are listed under their real path already).
 */
async function resolveLinks(
  dir: string,
  boundary: string,
  links: readonly string[],
  paths: string[],
  outside: Set<string>,
  warnings: string[],
): Promise<void> {
  await forEachLimited(links, FS_CONCURRENCY, async (link) => {
    const target = await classifySymlink(path.join(dir, link), boundary);
    if (target === 'file') paths.push(link);
    else if (target === 'outside') {
      outside.add(link);
      warnings.push(`skipped ${link}: symbolic link to a file outside the checked directory`);
    } else if (target === 'loop') warnings.push(`skipped ${link}: symbolic link loop`);
  });
}

// ---------------------------------------------------------------------------
// walk

interface IgnoreScope {
  /** Folder of the `.gitignore`, relative, with a trailing `/` (empty at the root). */
  base: string;
  rules: Ignore;
}

interface WalkTask {
  /** Folder relative to the walk root, with a trailing `/` (empty at the root). */
  prefix: string;
  scopes: readonly IgnoreScope[];
}

/** Git matches ignore patterns case-insensitively where the file system usually is. */
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

/**
 * Whether git would ignore `relative`: every `.gitignore` from the root down is
 * consulted and the deepest one with a matching rule (ignore or `!` re-include)
 * has the last word, as in git.
 */
function isIgnored(scopes: readonly IgnoreScope[], relative: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const local = relative.slice(scope.base.length) + (isDirectory ? '/' : '');
    try {
      const verdict = scope.rules.test(local);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    } catch {
      // `ignore` rejects names it cannot treat as relative paths; git would not ignore them either.
    }
  }
  return ignored;
}

async function walk(dir: string, boundary: string): Promise<FileListing> {
  const paths: string[] = [];
  const links: string[] = [];
  const warnings: string[] = [];
  const outside = new Set<string>();

  await drainQueue<WalkTask>([{ prefix: '', scopes: [] }], FS_CONCURRENCY, async (task, enqueue) => {
    const abs = path.join(dir, task.prefix);
    let dirents: Dirent[];
    try {
      dirents = await fsp.readdir(abs, { withFileTypes: true });
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        warnings.push(`skipped ${task.prefix || './'}: cannot list it (${code ?? String(error)})`);
      }
      return;
    }
    let scopes = task.scopes;
    // A symlinked .gitignore is not read, as git (≥ 2.32) does not read it either.
    if (dirents.some((dirent) => dirent.name === '.gitignore' && dirent.isFile())) {
      try {
        const text = await fsp.readFile(path.join(abs, '.gitignore'), 'utf8');
        scopes = [...scopes, { base: task.prefix, rules: ignore({ ignorecase: IGNORE_CASE }).add(text) }];
      } catch (error) {
        warnings.push(`could not read ${task.prefix}.gitignore (${errorCode(error) ?? String(error)}); its rules were not applied`);
      }
    }
    for (const dirent of dirents) {
      if (dirent.name === '.git') continue;
      const relative = task.prefix + dirent.name;
      if (dirent.isDirectory()) {
        // Git cannot re-include a file inside an ignored folder, so an ignored folder is not entered.
        if (!isIgnored(scopes, relative, true)) enqueue({ prefix: `${relative}/`, scopes });
      } else if (dirent.isFile()) {
        if (!isIgnored(scopes, relative, false)) paths.push(relative);
      } else if (dirent.isSymbolicLink()) {
        if (!isIgnored(scopes, relative, false)) links.push(relative);
      }
      // Sockets, FIFOs and devices are not files of a project (and opening a FIFO would block).
    }
  });
  await resolveLinks(dir, boundary, links, paths, outside, warnings);
  return { paths: sortUnique(paths), outside, warnings: warnings.sort(), via: 'walk' };
}

function sortUnique(paths: string[]): string[] {
  return isStrictlySorted(paths) ? paths : [...new Set(paths)].sort();
}
