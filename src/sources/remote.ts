/**
 * A remote repository as a candidate source: a git URL, a GitHub repository or
 * a GitLab project becomes a snapshot holding the full file list and the files
 * rules read (fetched in one batch), plus what only the host knows. Sources
 * know nothing of rules: the engine hands them the read plan.
 */
import type { Snapshot } from '../snapshot/types.js';
import { DEFAULT_READ_LIMITS } from '../snapshot/types.js';
import type { CandidateSource } from './adapter.js';
import { SourceCache } from './cache.js';
import { SourceError } from './errors.js';
import { fetchGitTree } from './git.js';
import { openGitHub } from './github.js';
import { openGitLab } from './gitlab.js';
import type { RequestLog } from './http.js';
import { planPrefetch } from './prefetch.js';
import type { CommonSourceOptions, RemoteContent } from './remote-content.js';
import { SubPathError, createRemoteSnapshot, type TreeEntry } from './remote-snapshot.js';
import type { NetworkOptions, RemoteSettings } from './settings.js';
import type { RemoteTarget } from './target.js';

export function remoteSource(target: RemoteTarget, network: NetworkOptions): CandidateSource {
  return {
    async open(request) {
      const plan = await request.readPlan();
      const snapshot = await openRemoteSnapshot(target, {
        patterns: plan.patterns,
        ...(plan.probe ? { probe: plan.probe } : {}),
        ...(request.subPath ? { subPath: request.subPath } : {}),
        settings: network.settings, log: network.log,
      });
      return { snapshot, fallbackName: repositoryName(target), remote: true, trusted: false };
    },
  };
}

export interface OpenRemoteOptions {
  /** Gitignore-style patterns, relative to the candidate root: the files to prefetch. */
  patterns: readonly string[];
  /** `--path`: a folder of the repository. */
  subPath?: string;
  /**
   * Paths (relative to the candidate) that will be read, given the file list:
   * the engine's dry run of the rules. Called once, before the batch.
   */
  probe?: (paths: readonly string[]) => Promise<readonly string[]>;
  settings: RemoteSettings;
  log: RequestLog;
}

/** Opens a remote repository as a snapshot. Throws `SourceError` (a plain, located message) when it cannot. */
export async function openRemoteSnapshot(target: RemoteTarget, options: OpenRemoteOptions): Promise<Snapshot> {
  const { settings, log } = options;
  const cache = new SourceCache(settings.cacheDir);
  const probed = new Map<string, ReadonlySet<string>>();
  const plan = async (entries: Parameters<typeof planPrefetch>[0]) => {
    const exact = options.probe ? await probeOnce(entries, options.subPath ?? '', options.probe, probed) : new Set<string>();
    return planPrefetch(entries, options.patterns, options.subPath ?? '', settings.prefetch, exact);
  };
  const common: CommonSourceOptions = {
    cache, log, plan, maxFileBytes: settings.prefetch.maxFileBytes,
    git: { maxCloneBytes: settings.maxCloneBytes, timeoutMs: settings.gitTimeoutMs },
  };
  let content: RemoteContent;
  switch (target.kind) {
    case 'github':
      content = await openGitHub(target, settings.github, common);
      break;
    case 'gitlab':
      content = await openGitLab(target, settings.gitlab, common);
      break;
    case 'git': {
      const tree = await fetchGitTree(target.url, target.ref, target.display, plan, { ...common.git, cache, log, maxFileBytes: common.maxFileBytes });
      content = { source: { kind: 'git', location: target.display, revision: tree.sha }, entries: tree.entries, blobs: tree.blobs, warnings: tree.warnings };
      break;
    }
  }
  try {
    const sub = (options.subPath ?? '').replace(/^\.?\/+|\/+$/g, '');
    return createRemoteSnapshot({
      // With --path the location says which folder, in git's `<repository>:<path>` manner.
      source: sub === '' ? content.source : { ...content.source, location: `${content.source.location}:${sub}` },
      entries: content.entries,
      blobs: content.blobs,
      ...(content.host ? { host: content.host } : {}),
      warnings: content.warnings,
      ...(options.subPath ? { subPath: options.subPath } : {}),
      limits: { ...DEFAULT_READ_LIMITS, maxFileBytes: settings.prefetch.maxFileBytes },
    });
  } catch (error) {
    if (error instanceof SubPathError) throw new SourceError(`cannot check ${target.display}: ${error.message}`);
    throw error;
  }
}

/** The probe's answer for one file list (computed once, whichever path — warm or cold — asks first). */
async function probeOnce(entries: readonly TreeEntry[], subPath: string, probe: NonNullable<OpenRemoteOptions['probe']>, memo: Map<string, ReadonlySet<string>>): Promise<ReadonlySet<string>> {
  const sub = subPath.replace(/^\.?\/+|\/+$/g, '');
  const prefix = sub === '' ? '' : `${sub}/`;
  const paths = entries.filter((e) => e.path.startsWith(prefix)).map((e) => e.path.slice(prefix.length)).sort();
  const key = paths.join('\0');
  let answer = memo.get(key);
  if (!answer) {
    answer = new Set(await probe(paths));
    memo.set(key, answer);
  }
  return answer;
}

function repositoryName(target: RemoteTarget): string {
  switch (target.kind) {
    case 'github':
      return target.repo;
    case 'gitlab':
      return target.project.split('/').pop() as string;
    case 'git': {
      const last = target.url.replace(/[#?].*$/, '').replace(/\/+$/, '').split(/[/:]/).pop() ?? target.display;
      return last.replace(/\.git$/, '') || target.display;
    }
  }
}
