/**
 * A snapshot is the read-only view of one source (BRIEF §2): the file list,
 * bounded file reads and host metadata. Sources build snapshots; rules read
 * them through the rule context. Nothing here writes.
 */
import type { SourceInfo } from '../model.js';

export interface FileText {
  /** Decoded text (UTF-8, or Latin-1 when the bytes are not valid UTF-8). */
  text: string;
  /** Bytes on disk; `text` holds at most the per-file cap. */
  size: number;
  truncated: boolean;
  encoding: 'utf-8' | 'latin1';
}

/** Why a file could not be read as text. */
export type SkipReason = 'binary' | 'too-large' | 'budget-exhausted' | 'unreadable' | 'symlink-outside' | 'missing' | 'not-a-file'
  /** Remote snapshots: the file is in the tree but was not in the prefetch batch (see docs/remote.md). */
  | 'not-fetched';

export interface HostMetadata {
  description?: string;
  homepage?: string;
  topics?: string[];
  license?: string;
  archived?: boolean;
  defaultBranch?: string;
  pushedAt?: string;
  owner?: string;
  codeOfConduct?: string;
  securityPolicy?: boolean;
  /** Which host the metadata came from. */
  platform?: 'github' | 'gitlab';
  /** The repository's web page. */
  url?: string;
  /** `organization` (a GitHub organisation or GitLab group) or `user`. */
  ownerType?: 'organization' | 'user';
  codeOfConductUrl?: string;
  securityPolicyUrl?: string;
  /** When the host gave this metadata (ISO 8601): rules compare `pushedAt` with it, never with the clock. */
  fetchedAt?: string;
}

export interface Snapshot {
  readonly source: SourceInfo;
  /** Every file of the candidate, relative to its root, `/`-separated, sorted. */
  readonly paths: readonly string[];
  has(path: string): boolean;
  /** Text of a file, or `undefined` with `skipped(path)` saying why. Reads are bounded and cached. */
  read(path: string, options?: ReadOptions): FileText | undefined;
  skipped(path: string): SkipReason | undefined;
  readonly host?: HostMetadata;
  /** Things the snapshot had to leave out (symlinks out of the root, unreadable files…). */
  readonly warnings: readonly string[];
  /**
   * The listed files that hold none of `search.needles`, from one search of the whole tree by the source, so
   * that a rule looking for those strings in every file reads only the others. A local tree of 1,000 files or
   * more answers with a search of its listed files by a worker thread (the second core; src/snapshot/search-worker.ts),
   * started while git lists a large work tree for the built-in rules' `meta.searches`, else when the engine asks,
   * before it computes the facts. A path is in the set only when the source read all of it and
   * found no needle; symbolic links, files under a linked folder, files over the per-file cap and everything of a
   * search that failed are left out, to be read as usual. A smaller tree answers with an empty set; a source that
   * cannot search leaves the method out. Never rejects.
   *
   * `waitMs` (default 2000): the longest this asker waits. A search not done by then answers with the files it has
   * cleared so far and runs on for any asker that waits longer; the askers of one search share it, and once it is
   * done they all get its whole answer. A rule with a time limit of its own waits for as much of it as it can spare.
   */
  searchWithout?(search: TextSearch, waitMs?: number): Promise<ReadonlySet<string>>;
}

/** What `Snapshot.searchWithout` looks for (and a rule's `meta.searches`). */
export interface TextSearch {
  /**
   * Literal, case-sensitive strings, ASCII only: UTF-8 and Latin-1 (the two decodings of `read`) keep ASCII
   * bytes as they are, so a string absent from the bytes is absent from the text. A search with any other
   * needle answers with an empty set.
   */
  readonly needles: readonly string[];
  /** File extensions (no dot, any case) the rule never reads: left out of the search to spare its time. */
  readonly skippedExtensions?: readonly string[];
}

export interface ReadOptions {
  /**
   * `false` for a single look at many files (the committed-secrets scan reads every text file): the text is not
   * kept in the snapshot's cache, so a large tree is not held in memory. A later read of the same file reads it
   * again, within the bytes the first read took, and gives the same text unless the file changed meanwhile.
   * Default `true`. A snapshot that holds its files in memory anyway may keep them regardless.
   */
  keep?: boolean;
}

export interface ReadLimits {
  /** Most bytes read from one file. */
  maxFileBytes: number;
  /** Most bytes read from the whole candidate. */
  maxTotalBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxFileBytes: 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };
