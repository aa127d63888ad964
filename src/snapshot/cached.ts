/**
 * What every file-backed snapshot shares: path lookup (tolerant of `./a//b`),
 * cached reads, one remembered reason per unreadable path, a byte budget
 * across the whole snapshot, and why an unlisted path is absent. A source
 * only says how to load one listed file.
 */
import path from 'node:path';
import type { SourceInfo } from '../model.js';
import type { FileText, HostMetadata, ReadLimits, ReadOptions, SkipReason, Snapshot } from './types.js';

export abstract class CachedSnapshot implements Snapshot {
  readonly paths: readonly string[];
  readonly warnings: string[];
  readonly host?: HostMetadata;
  private readonly listed: ReadonlySet<string>;
  private readonly texts = new Map<string, FileText>();
  /** Files read with `keep: false` and not kept: read again, they take nothing more from the budget. */
  private readonly notKept = new Set<string>();
  /**
   * Whether this source can read a file again at the cost of reading it (a local directory), so that `keep: false`
   * is worth honouring; a source holding its files in memory (a fetched repository) keeps every text instead.
   */
  protected readonly readsAgainCheaply: boolean = false;
  private readonly reasons = new Map<string, SkipReason>();
  private directories: Set<string> | undefined;
  /** Bytes the snapshot may still read (ReadLimits.maxTotalBytes at first). */
  protected budgetLeft: number;

  constructor(
    readonly source: SourceInfo,
    sortedPaths: readonly string[],
    /** Listed-elsewhere paths that are links out of the root: never read. */
    private readonly outside: ReadonlySet<string>,
    warnings: string[],
    protected readonly limits: ReadLimits,
    host?: HostMetadata,
  ) {
    this.paths = Object.freeze(sortedPaths);
    this.listed = new Set(sortedPaths);
    this.warnings = warnings;
    if (host) this.host = host;
    this.budgetLeft = limits.maxTotalBytes;
  }

  /**
   * Loads one listed file, bounded by `limits` and `budgetLeft`, or says why it cannot. `again`: the file was read
   * before and not kept (`readsAgainCheaply`); read as many bytes as the first time without charging the budget.
   */
  protected abstract load(key: string, again: boolean): FileText | SkipReason;

  /** Why a listed file not yet read would not be readable, when that is known without reading it. */
  protected knownReason(_key: string): SkipReason | undefined {
    return undefined;
  }

  /** Called once for each path that turned out unreadable. */
  protected noteSkipped(_key: string, _reason: SkipReason): void {}

  has(file: string): boolean {
    return this.listed.has(file) || this.listed.has(normalizeRelative(file));
  }

  read(file: string, options?: ReadOptions): FileText | undefined {
    const key = this.keyOf(file);
    const cached = this.texts.get(key);
    if (cached !== undefined) return cached;
    if (this.reasons.has(key)) return undefined;
    const result = this.listed.has(key) ? this.load(key, this.notKept.has(key)) : this.reasonForUnlisted(key);
    if (typeof result === 'string') {
      this.reasons.set(key, result);
      this.noteSkipped(key, result);
      return undefined;
    }
    if (options?.keep === false && this.readsAgainCheaply) {
      this.notKept.add(key);
    } else {
      this.texts.set(key, result);
      this.notKept.delete(key);
    }
    return result;
  }

  skipped(file: string): SkipReason | undefined {
    const key = this.keyOf(file);
    const reason = this.reasons.get(key);
    if (reason !== undefined) return reason;
    return this.listed.has(key) ? this.knownReason(key) : this.reasonForUnlisted(key);
  }

  protected warnOnce(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  private keyOf(file: string): string {
    return this.listed.has(file) ? file : normalizeRelative(file);
  }

  private reasonForUnlisted(key: string): SkipReason {
    if (this.outside.has(key)) return 'symlink-outside';
    return this.directoryNames().has(key) ? 'not-a-file' : 'missing';
  }

  /** Folders holding at least one listed file (and the root, as ''). */
  private directoryNames(): Set<string> {
    if (this.directories === undefined) {
      const directories = new Set<string>(['']);
      for (const file of this.paths) {
        for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
          const folder = file.slice(0, slash);
          if (directories.has(folder)) break;
          directories.add(folder);
        }
      }
      this.directories = directories;
    }
    return this.directories;
  }
}

/**
 * `./a//b/` → `a/b`; on Windows, `\` separators become `/` (elsewhere a
 * backslash is a legal file-name character). Paths climbing out stay as they
 * are (and are not found).
 */
export function normalizeRelative(file: string): string {
  const slashed = path.sep === '\\' ? file.replaceAll('\\', '/') : file;
  const normal = path.posix.normalize(slashed).replace(/\/+$/, '');
  return normal === '.' ? '' : normal.replace(/^\.\//, '');
}
