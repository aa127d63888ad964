/**
 * The one interface the engine opens a candidate through, whatever it is: a
 * local directory, a git URL, a GitHub or GitLab repository, or a declaration
 * with no repository at all (a registry entry). The engine calls `open` once
 * and never asks which kind of source it holds; what it needs to know about
 * the candidate comes back with the snapshot.
 */
import type { LoadedDeclaration } from '../declaration/load.js';
import type { Snapshot, TextSearch } from '../snapshot/types.js';

/**
 * What the rules will read, for sources that must fetch files before the
 * rules run (remote ones: reads are synchronous, so nothing can be fetched
 * lazily). Gitignore-style patterns relative to the candidate root, and a
 * probe that, given the file list, names the exact paths that will be read.
 */
export interface ReadPlan {
  patterns: readonly string[];
  /** Called at most once per file list, before the files are fetched. */
  probe?: (paths: readonly string[]) => Promise<readonly string[]>;
}

export interface OpenRequest {
  /** `--path`: a folder of the target (a package of a monorepo). */
  subPath?: string;
  /**
   * The read plan, asked for only by sources that prefetch, after the target
   * itself was found valid (so a local check never selects rules twice, and a
   * bad URL is reported before a bad config).
   */
  readPlan: () => Promise<ReadPlan>;
  /**
   * Searches of whole trees the rules will ask for (their `meta.searches`), for a source that can start them at
   * once, beside its listing (a local git work tree); the engine starts any still missing before the rules run.
   */
  searches?: readonly TextSearch[];
  /**
   * Work of the engine's own that needs no file (loading the licence index), for a source to run while it waits
   * for its listing (git's, on the other core); a source that never waits may leave it to the engine.
   */
  whileListing?: () => void;
}

export interface OpenedCandidate {
  snapshot: Snapshot;
  /** The candidate's name when neither its declaration nor a manifest gives one. */
  fallbackName: string;
  /** True when the files were fetched from elsewhere (GitHub, GitLab, any git URL). */
  remote: boolean;
  /**
   * True when the candidate is the user's own, on this machine: its config may
   * load rule packs (code). Never true for what was fetched from elsewhere.
   */
  trusted: boolean;
  /**
   * The candidate's folder on this disk, when its declaration and config can be
   * read as files there (a local directory); undefined when they exist only in
   * the snapshot.
   */
  directory?: string;
  /** The declaration that is the target itself (declaration-only candidates); otherwise the engine looks in the snapshot. */
  declaration?: LoadedDeclaration;
}

export interface CandidateSource {
  /** Opens the target; throws `SourceError` (a plain, located message) when it cannot be checked at all. */
  open(request: OpenRequest): Promise<OpenedCandidate>;
}
