/**
 * A snapshot of an in-memory file tree: for tests, the rule tester and
 * declaration-only candidates (batch over a registry, where there is no
 * repository to read).
 */
import type { FileText, HostMetadata, SkipReason, Snapshot } from './types.js';
import { searchKey } from './text.js';
import type { SourceInfo } from '../model.js';

export interface MemorySnapshotOptions {
  source?: SourceInfo;
  host?: HostMetadata;
  /** Paths to report as present but unreadable, with the reason (e.g. binary files). */
  unreadable?: Readonly<Record<string, SkipReason>>;
}

export function createMemorySnapshot(files: Readonly<Record<string, string>>, options: MemorySnapshotOptions = {}): Snapshot {
  const unreadable = options.unreadable ?? {};
  const paths = [...new Set([...Object.keys(files), ...Object.keys(unreadable)])].sort();
  const present = new Set(paths);
  const texts = new Map<string, FileText>();
  for (const [path, text] of Object.entries(files)) {
    texts.set(path, { text, size: Buffer.byteLength(text), truncated: false, encoding: 'utf-8' });
  }
  return {
    source: options.source ?? { kind: 'local', location: '(memory)' },
    paths,
    has: (path) => present.has(path),
    read: (path) => (path in unreadable ? undefined : texts.get(path)),
    skipped: (path) => unreadable[path] ?? (present.has(path) ? undefined : 'missing'),
    ...(options.host ? { host: options.host } : {}),
    warnings: [],
    // Answered from the texts themselves, as a source that searches ahead would: tests exercise the rules' path.
    searchWithout: (search) => {
      if (texts.size === 0 || searchKey(search) === undefined) return Promise.resolve(new Set<string>());
      return Promise.resolve(new Set([...texts].filter(([path, file]) => !(path in unreadable) && !search.needles.some((needle) => file.text.includes(needle))).map(([path]) => path)));
    },
  };
}

/** A view of a snapshot without some paths (config `ignore` entries). */
export function withoutPaths(snapshot: Snapshot, isIgnored: (path: string) => boolean): Snapshot {
  const paths = snapshot.paths.filter((p) => !isIgnored(p));
  const kept = new Set(paths);
  return {
    source: snapshot.source,
    paths,
    has: (path) => kept.has(path),
    read: (path, options) => (kept.has(path) ? snapshot.read(path, options) : undefined),
    skipped: (path) => (kept.has(path) ? snapshot.skipped(path) : 'missing'),
    ...(snapshot.host ? { host: snapshot.host } : {}),
    warnings: snapshot.warnings,
    ...(snapshot.searchWithout ? { searchWithout: snapshot.searchWithout.bind(snapshot) } : {}),
  };
}
