/**
 * The file list of a local directory: what git would call the project's files
 * (tracked plus untracked-but-not-ignored) in a work tree, or a walk that
 * honours `.gitignore` files elsewhere. Nothing here writes: git is asked only
 * read-only questions (`ls-files`, `rev-parse`) with optional locks off, HEAD is
 * read from the repository's files when git would only repeat them, and the walk only
 * lists directories.
 */
import fs, { type Dirent, promises as fsp } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { drainQueue, forEachLimited } from './pool.js';
import { localGitTimeoutMs, startGit } from './git-exec.js';
import { readHead } from './git-head.js';

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
export async function listLocalFiles(dir: string, boundary: string, whileListing?: () => void): Promise<FileListing> {
  const git = await listWithGit(dir, boundary, whileListing);
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
  const execution = startGit(['-c', 'core.quotepath=off', '-c', 'core.fsmonitor=false', ...args], {
    cwd, env: gitEnvironment(), timeoutMs, maxStdoutBytes: GIT_MAX_BUFFER,
  });
  const run = await execution.result;
  return { ok: run.code === 0, code: run.code, stdout: run.stdout, stderr: run.stderr, ...(run.stopped !== undefined ? { stopped: run.stopped } : {}) };
}

async function listWithGit(dir: string, boundary: string, whileListing?: () => void): Promise<{ listing?: FileListing; warnings: string[] }> {
  // One git process says it all (`-t` tags each line): the index with each entry's mode (`--stage`; tag S is what a
  // sparse checkout leaves off the disk), the tracked files gone from the disk (`--deleted`, tag R: one lstat each,
  // in C) and the untracked files (`--others`, tag ?: git's own walk of the tree). Nothing here reads a folder.
  // One process rather than three: starting one blocks this thread until git runs, 8–35 ms each on a busy
  // two-core machine; and reading every folder to learn each entry's kind cost dhis2-core's listing about 100 ms.
  // (`diff-files`, which would also tell a file that became a link, is no choice: it reads every racily clean file
  // in full, and right after a clone that can be every file.)
  const listRun = runGit(['ls-files', '-z', '-t', '--stage', '--deleted', '--others', '--exclude-standard'], dir);
  // HEAD is read from the repository's files when they are the plain layout (src/snapshot/git-head.ts): one
  // git process fewer, whose start would block this thread 8–10 ms. Otherwise git is asked.
  const headFromFiles = readHead(dir);
  const headRun = headFromFiles === 'ask-git' ? runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], dir) : undefined;
  // This thread would only wait for git now: the caller's work that needs no file goes here.
  try {
    whileListing?.();
  } catch {
    // Met again, and reported, where the work is needed.
  }
  let listed = await listRun;
  let untrackedFailure: string | undefined;
  if (!listed.ok && listed.code !== 127 && !/not a git repository|dubious ownership/.test(listed.stderr)) {
    // The walk for untracked files failed or was stopped (a pathological .gitignore): the index alone, then.
    untrackedFailure = listed.stopped !== undefined
      ? `the file list is cut short: listing untracked files was stopped (${listed.stopped}; set DPG_CHECK_GIT_TIMEOUT_S to allow more); only tracked files are checked`
      : `git could not list untracked files (${listed.stderr.trim()}); only tracked files are checked`;
    listed = await runGit(['ls-files', '-z', '-t', '--stage', '--deleted'], dir);
  }
  if (!listed.ok) {
    await headRun;
    // Not a work tree, or git missing: the walk is the normal path then. A refused
    // repository (another user's, "dubious ownership") deserves a word, though.
    const warnings = listed.stopped !== undefined
      ? [`git was stopped listing the tracked files (${listed.stopped}; set DPG_CHECK_GIT_TIMEOUT_S to allow more); listing files without git`]
      : /dubious ownership/.test(listed.stderr)
        ? ['git refused to read this repository (owned by another user); listing files without git']
        : [];
    return { warnings };
  }
  const { index, gone, others: otherEntries } = parseListing(listed);
  const head = headRun ? await headRun : undefined;
  const checker = new OnDiskCheck(dir, boundary);
  if (untrackedFailure !== undefined) checker.warnings.push(untrackedFailure);
  if (index.size === 0 && otherEntries.length === 0 && !(await isTopLevel(dir))) {
    // A folder inside someone else's work tree that the outer repository ignores
    // (a checkout under an ignored folder): git sees nothing, so walk it instead.
    return { warnings: [] };
  }
  const replaced = replacedEntries(index, otherEntries);
  for (const [entry, { mode, skipWorktree }] of index) {
    if (gone.has(entry) || underReplaced(entry, replaced.folders)) checker.removed(entry);
    else if (skipWorktree) checker.onDisk(entry);
    else if (mode === '120000') checker.link(entry);
    // A gitlink (submodule) is another repository's folder, not a file of this one.
    else if (mode !== '160000' && !replaced.files.has(entry)) checker.file(entry);
  }
  for (const entry of otherEntries) checker.onDisk(entry);
  const listing: FileListing = { ...(await checker.result()), via: 'git' };
  const revision = headFromFiles !== 'ask-git' ? headFromFiles.revision ?? '' : head?.ok ? head.stdout.toString('utf8').trim() : '';
  if (/^[0-9a-f]{40,64}$/.test(revision)) listing.revision = revision;
  return { listing, warnings: [] };
}

interface IndexEntry { mode: string; skipWorktree: boolean }

/**
 * `ls-files -z -t --stage --deleted --others`: `? <path>` for an untracked file (a nested repository ends in `/`),
 * `R <mode> <object> <stage>\t<path>` for a tracked file gone from the disk, and `<tag> <mode> <object>
 * <stage>\t<path>` for each index entry (an unmerged path once per stage; tag S: skip-worktree).
 */
function parseListing(result: GitResult): { index: Map<string, IndexEntry>; gone: Set<string>; others: string[] } {
  const index = new Map<string, IndexEntry>();
  const gone = new Set<string>();
  const others: string[] = [];
  for (const record of result.stdout.toString('utf8').split('\0')) {
    if (record.startsWith('? ')) {
      if (record.length > 2 && !record.endsWith('/')) others.push(record.slice(2));
      continue;
    }
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const name = record.slice(tab + 1);
    if (name === '' || name.endsWith('/')) continue;
    if (record.startsWith('R ')) gone.add(name);
    else index.set(name, { mode: record.slice(2, record.indexOf(' ', 2)), skipWorktree: record.startsWith('S ') });
  }
  return { index, gone, others };
}

/**
 * What the untracked files say about tracked entries that changed kind: a tracked folder now a symbolic link or a
 * file is listed as untracked itself (`folders`), and a tracked file now a folder has its new files listed under it
 * (`files`). Neither kind of change is in `--deleted`, which stats each path through whatever its folders became.
 */
function replacedEntries(index: ReadonlyMap<string, unknown>, others: readonly string[]): { folders: Set<string>; files: Set<string> } {
  const replaced = { folders: new Set<string>(), files: new Set<string>() };
  if (others.length === 0) return replaced;
  const folders = new Set<string>();
  for (const entry of index.keys()) {
    for (let folder = parentOf(entry); folder !== '' && !folders.has(folder); folder = parentOf(folder)) folders.add(folder);
  }
  for (const entry of others) {
    if (folders.has(entry)) replaced.folders.add(entry);
    for (let folder = parentOf(entry); folder !== ''; folder = parentOf(folder)) if (index.has(folder)) replaced.files.add(folder);
  }
  return replaced;
}

function underReplaced(entry: string, folders: ReadonlySet<string>): boolean {
  if (folders.size === 0) return false;
  for (let folder = parentOf(entry); folder !== ''; folder = parentOf(folder)) if (folders.has(folder)) return true;
  return false;
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

function lstatTypeSync(abs: string): EntryType {
  try {
    const stats = fs.lstatSync(abs, { throwIfNoEntry: false });
    if (stats === undefined) return 'absent';
    if (stats.isFile()) return 'file';
    if (stats.isDirectory()) return 'directory';
    if (stats.isSymbolicLink()) return 'symlink';
    return 'other';
  } catch (error) {
    return errorCode(error) === 'ENOTDIR' ? 'absent' : 'unknown';
  }
}

function parentOf(relative: string): string {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}

/**
 * Sorts git's entries into files, links to resolve, and what lies behind a link out of the boundary. Most entries
 * are taken as git reports them; only those git says changed kind (and untracked ones, whose kind git does not say)
 * are looked at with one `lstat`, and the folders of removed entries are looked at to tell a deleted file from one
 * under a folder that became a link. A folder reached through a link is never listed.
 */
class OnDiskCheck {
  readonly warnings: string[] = [];
  private readonly paths: string[] = [];
  private readonly links: string[] = [];
  private readonly outside = new Set<string>();
  /** Folders looked at: their kind, or `outside` for a link out of the boundary. */
  private readonly folders = new Map<string, Promise<'ok' | 'outside' | 'gone'>>([['', Promise.resolve('ok')]]);
  private readonly pending: Promise<void>[] = [];

  constructor(
    private readonly dir: string,
    private readonly boundary: string,
  ) {}

  file(entry: string): void {
    this.paths.push(entry);
  }

  link(entry: string): void {
    this.links.push(entry);
  }

  /** An entry whose kind git does not vouch for: one `lstat`. */
  onDisk(entry: string): void {
    const type = lstatTypeSync(path.join(this.dir, entry));
    // `unknown`: its folder could not be read; keep the entry and let the read report it.
    if (type === 'file' || type === 'unknown') this.paths.push(entry);
    else if (type === 'symlink') this.links.push(entry);
    else if (type === 'absent') this.removed(entry);
  }

  /** Gone from its place: deleted, or under a folder now a link (out of the boundary: warned about once). */
  removed(entry: string): void {
    const folder = parentOf(entry);
    if (folder === '') return;
    this.pending.push(this.folderState(folder).then((state) => {
      if (state === 'outside') this.outside.add(entry);
    }));
  }

  private folderState(folder: string): Promise<'ok' | 'outside' | 'gone'> {
    let state = this.folders.get(folder);
    if (state === undefined) {
      state = this.folderState(parentOf(folder)).then(async (parent) => {
        if (parent !== 'ok') return parent;
        const type = lstatTypeSync(path.join(this.dir, folder));
        if (type === 'directory' || type === 'unknown') return 'ok';
        if (type === 'symlink' && (await classifySymlink(path.join(this.dir, folder), this.boundary)) === 'outside') {
          this.warnings.push(`skipped ${folder}/: symbolic link to a folder outside the checked directory`);
          return 'outside';
        }
        return 'gone';
      });
      this.folders.set(folder, state);
    }
    return state;
  }

  async result(): Promise<Pick<FileListing, 'paths' | 'outside' | 'warnings'>> {
    await Promise.all(this.pending);
    await resolveLinks(this.dir, this.boundary, this.links, this.paths, this.outside, this.warnings);
    return { paths: sortUnique(this.paths), outside: this.outside, warnings: this.warnings.sort() };
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
