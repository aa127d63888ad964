/**
 * The snapshot of a local directory (BRIEF §7): its file list, and bounded,
 * cached, read-only reads that never leave the directory the user named.
 */
import fs, { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { SourceInfo } from '../model.js';
import { SnapshotError } from './errors.js';
import { errorCode, isInside, listLocalFiles, type FileListing } from './list-files.js';
import { SEARCH_AHEAD_MIN_FILES, searchFilesWithout, startSearchAhead, type RunningSearch, type SearchAhead } from './search-worker.js';
import { BINARY_SNIFF_BYTES, decodeText, looksBinary, searchKey } from './text.js';
import { DEFAULT_READ_LIMITS, type FileText, type ReadLimits, type SkipReason, type Snapshot, type TextSearch } from './types.js';
import { CachedSnapshot } from './cached.js';

export { SnapshotError } from './errors.js';

export interface LocalSnapshotOptions {
  limits?: ReadLimits;
  /** `--path`: check this subfolder of the root (a package of a monorepo). */
  subPath?: string;
  /**
   * Searches whose workers start while git lists a large work tree (`Snapshot.searchWithout`), so that they boot
   * beside the listing; any other search starts when it is first asked for.
   */
  searches?: readonly TextSearch[];
  /** Run while git lists the files (`OpenRequest.whileListing`); its errors are the caller's to meet again later. */
  whileListing?: () => void;
}

/**
 * Builds the snapshot of `root` (or of `root/subPath`). Throws `SnapshotError`
 * when the directory cannot be checked at all.
 */
export async function createLocalSnapshot(root: string, options: LocalSnapshotOptions = {}): Promise<Snapshot> {
  const given = root === '' ? '.' : root;
  const rootAbs = path.resolve(given);
  await assertReadableDirectory(rootAbs, given);
  // The boundary is the directory the user named, even with --path: a package's
  // LICENSE linking to the monorepo's root LICENSE is still inside what they handed us.
  const boundary = await fsp.realpath(rootAbs);

  let dir = rootAbs;
  let location = given;
  const subPath = options.subPath;
  const resolved = subPath === undefined ? rootAbs : path.resolve(rootAbs, subPath);
  if (subPath !== undefined && resolved !== rootAbs) {
    if (!isInside(resolved, rootAbs)) {
      throw new SnapshotError(`cannot check ${given}: --path ${subPath} is outside it`);
    }
    location = path.join(given, path.relative(rootAbs, resolved));
    await assertReadableDirectory(resolved, location);
    if (!isInside(await fsp.realpath(resolved), boundary)) {
      throw new SnapshotError(`cannot check ${location}: a symbolic link leads it outside ${given}`);
    }
    dir = resolved;
  }

  // A large work tree's searches start their workers while git lists the files, so that a worker's start-up
  // (40–50 ms) is not spent after the listing; the index's size tells a large tree before the list does.
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  const ahead = new Map<string, SearchAhead>();
  const listing = await listLocalFiles(dir, boundary, () => {
    if (looksLarge(dir)) {
      for (const search of options.searches ?? []) {
        const key = searchKey(search);
        if (key !== undefined && !ahead.has(key)) ahead.set(key, startSearchAhead(dir, search, { maxFileBytes: limits.maxFileBytes }));
      }
    }
    options.whileListing?.();
  });
  const source: SourceInfo = { kind: 'local', location };
  if (listing.revision !== undefined) source.revision = listing.revision;
  return new LocalSnapshot(source, dir, boundary, listing, limits, ahead);
}

/**
 * Each index entry takes 62 bytes and its path, so an index under 64 KiB holds at most about a thousand: only a
 * larger one is worth a worker started before the listing (long paths can make it larger with fewer files; the
 * listing then lets the worker go). Only a `.git` folder of `dir` itself is looked at (not a worktree's `.git` file,
 * not a repository above `dir`): those trees start their searches when the engine asks.
 */
const LARGE_INDEX_BYTES = 64 * 1024;

function looksLarge(dir: string): boolean {
  try {
    const gitDir = path.join(dir, '.git');
    if (!fs.lstatSync(gitDir).isDirectory()) return false;
    const index = fs.lstatSync(path.join(gitDir, 'index'));
    return index.isFile() && index.size >= LARGE_INDEX_BYTES;
  } catch {
    return false;
  }
}

async function assertReadableDirectory(abs: string, shown: string): Promise<void> {
  let stats: fs.Stats;
  try {
    stats = await fsp.stat(abs);
  } catch (error) {
    throw new SnapshotError(`cannot check ${shown}: ${describeFsError(error, 'no such directory')}`);
  }
  if (!stats.isDirectory()) throw new SnapshotError(`cannot check ${shown}: not a directory`);
  try {
    // Opening the directory is the only reliable test (ACLs, root privileges…).
    const handle = await fsp.opendir(abs);
    await handle.close();
  } catch (error) {
    throw new SnapshotError(`cannot check ${shown}: ${describeFsError(error, 'cannot read it')}`);
  }
}

function describeFsError(error: unknown, notFound: string): string {
  switch (errorCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return notFound;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Read-only, and where the platform has them: O_NOFOLLOW (a link is refused
 * and then resolved by hand, inside the boundary only) and O_NONBLOCK (a FIFO
 * swapped in after listing must not block the read forever).
 */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const OPEN_FLAGS = fs.constants.O_RDONLY | NO_FOLLOW | (fs.constants.O_NONBLOCK ?? 0);

const NOTHING_CLEARED: ReadonlySet<string> = new Set();

/** Thrown inside `open` when a link leads out of the boundary (already warned about). */
class LinkOutside extends Error {}

type ReadResult = FileText | SkipReason;

class LocalSnapshot extends CachedSnapshot {
  private readonly folders = new Map<string, 'inside' | 'outside' | 'missing'>();
  /** Bytes the first read of each text file took from the budget: a file not kept is read again as far. */
  private readonly bytesRead = new Map<string, number>();
  /** Reading a file again costs one `open`: texts read with `keep: false` are let go. */
  protected override readonly readsAgainCheaply = true;
  /** Searches ahead by key (`searchKey`): the engine starts one before the rules, the rules that asked share it. */
  private readonly searches = new Map<string, RunningSearch>();

  constructor(
    source: SourceInfo,
    private readonly dir: string,
    private readonly boundary: string,
    listing: FileListing,
    limits: ReadLimits,
    started: ReadonlyMap<string, SearchAhead> = new Map(),
  ) {
    super(source, listing.paths, listing.outside, [...listing.warnings], limits);
    const large = this.paths.length >= SEARCH_AHEAD_MIN_FILES;
    for (const [key, ahead] of started) {
      if (large) this.searches.set(key, ahead.search(this.paths));
      else ahead.cancel();
    }
  }

  /**
   * A tree of SEARCH_AHEAD_MIN_FILES files or more is searched by a worker thread (`searchFilesWithout`), once per
   * search; a smaller one is read faster than a worker starts, and answers with an empty set, so its files are read
   * as usual. The worker answers only listed paths it read in full: a path the set holds is one a rule may skip,
   * never one it reads, so the search cannot widen what is read. `waitMs`: how long this asker waits
   * (`RunningSearch.answer`).
   */
  searchWithout(search: TextSearch, waitMs?: number): Promise<ReadonlySet<string>> {
    const key = searchKey(search);
    if (key === undefined || this.paths.length < SEARCH_AHEAD_MIN_FILES) return Promise.resolve(NOTHING_CLEARED);
    let running = this.searches.get(key);
    if (!running) {
      running = searchFilesWithout(this.dir, this.paths, search, { maxFileBytes: this.limits.maxFileBytes });
      this.searches.set(key, running);
    }
    return running.answer(waitMs);
  }

  /**
   * Whether a folder (relative to the checked directory) still leads to a
   * place inside the boundary, checked once per folder with `lstat`, and
   * resolved through `realpath` only when it has become a link.
   */
  private folderState(folder: string): 'inside' | 'outside' | 'missing' {
    if (folder === '') return 'inside';
    let state = this.folders.get(folder);
    if (state !== undefined) return state;
    state = this.folderState(parentOf(folder));
    if (state === 'inside') {
      const abs = path.join(this.dir, folder);
      try {
        const stats = fs.lstatSync(abs);
        if (stats.isSymbolicLink()) {
          const real = fs.realpathSync.native(abs);
          state = !isInside(real, this.boundary) ? 'outside' : fs.statSync(real).isDirectory() ? 'inside' : 'missing';
        } else {
          state = stats.isDirectory() ? 'inside' : 'missing';
        }
      } catch {
        state = 'missing';
      }
    }
    this.folders.set(folder, state);
    return state;
  }

  /**
   * Opens a listed file read-only without ever leaving the boundary: every
   * folder on the way is re-checked (once), and the file itself is opened with
   * O_NOFOLLOW so a link is noticed and resolved explicitly. This costs one
   * `open` per file where a `realpath` per file would cost one call per path
   * component.
   */
  private open(key: string): number | SkipReason {
    const folder = this.folderState(parentOf(key));
    if (folder === 'outside') {
      this.warnOnce(`skipped ${key}: a folder on its path links outside the checked directory`);
      return 'symlink-outside';
    }
    if (folder === 'missing') return 'missing';
    const abs = path.join(this.dir, key);
    let target = abs;
    try {
      // Without O_NOFOLLOW (Windows) the link test is an lstat before the open.
      if (NO_FOLLOW === 0 && fs.lstatSync(abs).isSymbolicLink()) target = this.resolveLink(key, abs);
      return fs.openSync(target, OPEN_FLAGS);
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ELOOP' && code !== 'EMLINK') return this.readFailure(key, error);
    }
    // The file is a symbolic link (O_NOFOLLOW refused it): follow it only inside the boundary.
    try {
      target = this.resolveLink(key, abs);
      return fs.openSync(target, OPEN_FLAGS);
    } catch (error) {
      return error instanceof LinkOutside ? 'symlink-outside' : this.readFailure(key, error);
    }
  }

  private resolveLink(key: string, abs: string): string {
    const real = fs.realpathSync.native(abs);
    if (!isInside(real, this.boundary)) {
      this.warnOnce(`skipped ${key}: symbolic link to a file outside the checked directory`);
      throw new LinkOutside();
    }
    return real;
  }

  protected load(key: string, again: boolean): ReadResult {
    const before = again ? this.bytesRead.get(key) : undefined;
    if (before === undefined && this.budgetLeft <= 0) return 'budget-exhausted';
    const descriptor = this.open(key);
    if (typeof descriptor === 'string') return descriptor;
    try {
      const stats = fs.fstatSync(descriptor);
      if (!stats.isFile()) return 'not-a-file';
      const wanted = Math.max(0, Math.min(stats.size, this.limits.maxFileBytes, before ?? this.budgetLeft));
      const buffer = Buffer.allocUnsafe(wanted);
      // The first bytes say whether the file is binary: a binary one is read no further, and only those bytes are
      // charged to the budget (ekitabu's 107 EPUBs, 44 videos and 80 pictures, read whole, spent the 64 MiB
      // before the secrets scan had read its text files).
      const sniff = Math.min(wanted, BINARY_SNIFF_BYTES);
      let filled = 0;
      while (filled < wanted) {
        const count = fs.readSync(descriptor, buffer, filled, (filled < sniff ? sniff : wanted) - filled, filled);
        if (count === 0) break;
        filled += count;
        if (filled === sniff && filled < wanted && looksBinary(buffer.subarray(0, filled))) break;
      }
      if (before === undefined) this.budgetLeft -= filled;
      const bytes = buffer.subarray(0, filled);
      if (looksBinary(bytes)) return 'binary';
      this.bytesRead.set(key, filled);
      const truncated = filled < stats.size;
      return { ...decodeText(bytes, truncated), size: stats.size, truncated };
    } catch (error) {
      return this.readFailure(key, error);
    } finally {
      fs.closeSync(descriptor);
    }
  }

  private readFailure(key: string, error: unknown): SkipReason {
    switch (errorCode(error)) {
      case 'ENOENT':
      case 'ENOTDIR':
        return 'missing';
      case 'EISDIR':
        return 'not-a-file';
      case 'ELOOP':
        this.warnOnce(`skipped ${key}: symbolic link loop`);
        return 'unreadable';
      case 'EACCES':
      case 'EPERM':
        this.warnOnce(`could not read ${key}: permission denied`);
        return 'unreadable';
      default:
        this.warnOnce(`could not read ${key}: ${error instanceof Error ? error.message : String(error)}`);
        return 'unreadable';
    }
  }
}

function parentOf(relative: string): string {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}
