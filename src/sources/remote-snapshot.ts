/**
 * The snapshot of a remote repository: the full file list from the tree, and
 * the texts of the files fetched in the one prefetch batch. Reads are
 * synchronous (rules are pure functions), so nothing can be fetched lazily:
 * a file that is in the tree but was not prefetched reads as `undefined` with
 * `skipped(path) === 'not-fetched'` — neither 'missing' (it exists, and
 * `has()` says so) nor a silent empty text — and the report carries a warning
 * naming it, so a rule whose `meta.reads` forgot a file shows up instead of
 * quietly giving a different verdict than a local check.
 */
import path from 'node:path';
import type { SourceInfo } from '../model.js';
import { decodeText, looksBinary } from '../snapshot/text.js';
import { DEFAULT_READ_LIMITS, type FileText, type HostMetadata, type ReadLimits, type SkipReason, type Snapshot } from '../snapshot/types.js';
import { CachedSnapshot, normalizeRelative } from '../snapshot/cached.js';

export interface TreeEntry {
  /** Relative to the repository root, `/`-separated. */
  path: string;
  /** Git blob id. */
  oid: string;
  kind: 'file' | 'symlink';
  /** Bytes, when the host says (GitHub's tree does, git's plain listing does not). */
  size?: number;
}

/** A fetched blob: its first bytes (all of them unless `size` is larger) and its full size. */
export interface FetchedBlob {
  bytes: Buffer;
  size: number;
}

export interface RemoteSnapshotInput {
  source: SourceInfo;
  entries: readonly TreeEntry[];
  /** Fetched blobs by id; a reason instead when the blob could not be fetched. */
  blobs: ReadonlyMap<string, FetchedBlob | SkipReason>;
  host?: HostMetadata;
  warnings?: readonly string[];
  /** `--path`: the candidate is this folder of the repository. */
  subPath?: string;
  limits?: ReadLimits;
}

/** Thrown for a `--path` that is not a folder of the repository. */
export class SubPathError extends Error {}

/** Symbolic links to follow: a link to a file of the tree reads as that file, as it does in a checkout. */
export function resolveSymlinks(entries: readonly TreeEntry[], blobs: ReadonlyMap<string, FetchedBlob | SkipReason>): { files: Map<string, TreeEntry>; outside: Set<string>; warnings: string[] } {
  const files = new Map<string, TreeEntry>();
  const links = entries.filter((entry) => entry.kind === 'symlink');
  for (const entry of entries) if (entry.kind === 'file') files.set(entry.path, entry);
  const outside = new Set<string>();
  const warnings: string[] = [];
  const byPath = links.length > 0 ? new Map(entries.map((e) => [e.path, e])) : new Map<string, TreeEntry>();
  for (const link of links) {
    const target = followLink(link, byPath, blobs);
    if (target === 'outside') {
      outside.add(link.path);
      warnings.push(`skipped ${link.path}: symbolic link to a file outside the checked directory`);
    } else if (target === 'loop') {
      warnings.push(`skipped ${link.path}: symbolic link loop`);
    } else if (target !== undefined) {
      files.set(link.path, { ...target, path: link.path });
    }
  }
  return { files, outside, warnings };
}

function followLink(link: TreeEntry, byPath: ReadonlyMap<string, TreeEntry>, blobs: ReadonlyMap<string, FetchedBlob | SkipReason>): TreeEntry | 'outside' | 'loop' | undefined {
  let current = link;
  for (let hops = 0; hops < 40; hops++) {
    const blob = blobs.get(current.oid);
    if (blob === undefined || typeof blob === 'string') return undefined;
    const raw = blob.bytes.toString('utf8');
    if (path.posix.isAbsolute(raw)) return 'outside';
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(current.path), raw));
    if (target === '..' || target.startsWith('../')) return 'outside';
    const next = byPath.get(target);
    if (next === undefined) return undefined; // broken, or a link to a folder: not a file, as in a checkout
    if (next.kind === 'file') return next;
    current = next;
  }
  return 'loop';
}

export function createRemoteSnapshot(input: RemoteSnapshotInput): Snapshot {
  const resolved = resolveSymlinks(input.entries, input.blobs);
  let files = resolved.files;
  let outside = resolved.outside;
  const sub = normalizeRelative(input.subPath ?? '');
  if (sub !== '') {
    if (sub === '..' || sub.startsWith('../') || path.posix.isAbsolute(sub)) throw new SubPathError(`--path ${input.subPath} is outside the repository`);
    const prefix = `${sub}/`;
    const within = new Map<string, TreeEntry>();
    for (const [p, entry] of files) if (p.startsWith(prefix)) within.set(p.slice(prefix.length), entry);
    if (within.size === 0) throw new SubPathError(`--path ${input.subPath}: no such folder in the repository`);
    files = within;
    outside = new Set([...outside].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)));
  }
  return new RemoteSnapshot(input.source, files, outside, input.blobs, input.host, [...resolved.warnings, ...(input.warnings ?? [])], input.limits ?? DEFAULT_READ_LIMITS);
}

class RemoteSnapshot extends CachedSnapshot {
  private readonly unfetched: string[] = [];
  private unfetchedWarning = -1;

  constructor(
    source: SourceInfo,
    private readonly files: ReadonlyMap<string, TreeEntry>,
    outside: ReadonlySet<string>,
    private readonly blobs: ReadonlyMap<string, FetchedBlob | SkipReason>,
    host: HostMetadata | undefined,
    warnings: string[],
    limits: ReadLimits,
  ) {
    super(source, [...files.keys()].sort(), outside, warnings, limits, host);
  }

  protected override knownReason(key: string): SkipReason | undefined {
    const blob = this.blobs.get((this.files.get(key) as TreeEntry).oid);
    if (blob === undefined) return 'not-fetched';
    return typeof blob === 'string' ? blob : undefined;
  }

  protected override noteSkipped(key: string, reason: SkipReason): void {
    if (reason === 'not-fetched') this.noteUnfetched(key);
  }

  /**
   * One warning, kept up to date, however many files were read but not
   * fetched (a secrets scan reads every text file: thousands of lines would
   * bury everything else).
   */
  private noteUnfetched(key: string): void {
    this.unfetched.push(key);
    const count = this.unfetched.length;
    const shown = this.unfetched.slice(0, 5).join(', ') + (count > 5 ? ', …' : '');
    const message = count === 1
      ? `${shown} was read by a rule but not fetched from the remote repository (the batch holds the files rules name in meta.reads and those a dry run picked); it was treated as unreadable`
      : `${count} files read by rules were not fetched from the remote repository (the batch holds the files rules name in meta.reads and those a dry run picked); they were treated as unreadable — check a local clone for a complete reading: ${shown}`;
    if (this.unfetchedWarning < 0) this.unfetchedWarning = this.warnings.push(message) - 1;
    else this.warnings[this.unfetchedWarning] = message;
  }

  protected load(key: string): FileText | SkipReason {
    const blob = this.blobs.get((this.files.get(key) as TreeEntry).oid);
    if (blob === undefined) return 'not-fetched';
    if (typeof blob === 'string') return blob;
    if (this.budgetLeft <= 0) return 'budget-exhausted';
    const wanted = Math.max(0, Math.min(blob.bytes.length, this.limits.maxFileBytes, this.budgetLeft));
    const bytes = blob.bytes.subarray(0, wanted);
    this.budgetLeft -= bytes.length;
    if (looksBinary(bytes)) return 'binary';
    const truncated = bytes.length < blob.size;
    return { ...decodeText(bytes, truncated), size: blob.size, truncated };
  }
}

export { normalizeRelative } from '../snapshot/cached.js';
