/**
 * Remote sources: a git URL, a GitHub repository or a GitLab project becomes
 * a snapshot holding the full file list and the files rules read (fetched in
 * one batch), plus what only the host knows. Sources know nothing of rules:
 * the engine hands them the file patterns to prefetch.
 *
 * Settings come from the environment (`remoteSettings(env)`): tokens
 * (GITHUB_TOKEN / GH_TOKEN, GITLAB_TOKEN — never printed), the cache
 * directory (XDG), endpoint overrides for GitHub Enterprise, a self-hosted
 * GitLab or tests, and the clone size guard.
 */
import type { Snapshot } from '../snapshot/types.js';
import { DEFAULT_READ_LIMITS } from '../snapshot/types.js';
import { SourceCache, cacheDirectory } from './cache.js';
import { SourceError } from './errors.js';
import { fetchGitTree } from './git.js';
import { DEFAULT_GITHUB_SETTINGS, openGitHub, type CommonSourceOptions, type GitHubSettings, type RemoteContent } from './github.js';
import { DEFAULT_GITLAB_SETTINGS, openGitLab, type GitLabSettings } from './gitlab.js';
import { RequestLog } from './http.js';
import { DEFAULT_PREFETCH_LIMITS, planPrefetch, type PrefetchLimits } from './prefetch.js';
import { SubPathError, createRemoteSnapshot, type TreeEntry } from './remote-snapshot.js';
import type { RemoteTarget } from './target.js';

export { SourceError } from './errors.js';
export { RequestLog, describeRecord, type RequestRecord } from './http.js';
export { looksRemote, parseRemoteTarget, redactUrl, type RemoteTarget } from './target.js';
export { checkLinks, declaredEvidenceUrls } from './links.js';
export { cacheDirectory } from './cache.js';

export interface RemoteSettings {
  github: GitHubSettings;
  gitlab: GitLabSettings;
  /** Undefined: no cache (`--no-cache`). */
  cacheDir: string | undefined;
  /** Most bytes a clone may bring (the shallow-clone fallback's guard). */
  maxCloneBytes: number;
  /** Milliseconds one git command may take. */
  gitTimeoutMs: number;
  prefetch: PrefetchLimits;
}

export const DEFAULT_MAX_CLONE_BYTES = 512 * 1024 * 1024;

/**
 * Settings from the environment. Endpoint overrides (for GitHub Enterprise,
 * a self-hosted GitLab, or the tests' replay server):
 * DPG_CHECK_GITHUB_API_URL, DPG_CHECK_GITHUB_RAW_URL, DPG_CHECK_GITHUB_GIT_URL,
 * DPG_CHECK_GITLAB_URL; limits: DPG_CHECK_MAX_CLONE_MB,
 * DPG_CHECK_METADATA_MAX_AGE (seconds cached host metadata is reused without
 * asking; 0 always revalidates with the ETag).
 */
export function remoteSettings(env: NodeJS.ProcessEnv, options: { cache: boolean } = { cache: true }): RemoteSettings {
  const token = nonEmpty(env.GITHUB_TOKEN) ?? nonEmpty(env.GH_TOKEN);
  const gitlabToken = nonEmpty(env.GITLAB_TOKEN);
  const maxAgeSeconds = numberFrom(env.DPG_CHECK_METADATA_MAX_AGE);
  const maxCloneMb = numberFrom(env.DPG_CHECK_MAX_CLONE_MB);
  const metadataMaxAgeMs = maxAgeSeconds !== undefined ? maxAgeSeconds * 1000 : DEFAULT_GITHUB_SETTINGS.metadataMaxAgeMs;
  return {
    github: {
      ...DEFAULT_GITHUB_SETTINGS,
      ...(token ? { token } : {}),
      apiUrl: trimSlash(nonEmpty(env.DPG_CHECK_GITHUB_API_URL) ?? DEFAULT_GITHUB_SETTINGS.apiUrl),
      rawUrl: trimSlash(nonEmpty(env.DPG_CHECK_GITHUB_RAW_URL) ?? DEFAULT_GITHUB_SETTINGS.rawUrl),
      gitUrl: trimSlash(nonEmpty(env.DPG_CHECK_GITHUB_GIT_URL) ?? DEFAULT_GITHUB_SETTINGS.gitUrl),
      metadataMaxAgeMs,
    },
    gitlab: {
      ...DEFAULT_GITLAB_SETTINGS,
      ...(gitlabToken ? { token: gitlabToken } : {}),
      defaultOrigin: trimSlash(nonEmpty(env.DPG_CHECK_GITLAB_URL) ?? DEFAULT_GITLAB_SETTINGS.defaultOrigin),
      metadataMaxAgeMs,
    },
    cacheDir: options.cache ? cacheDirectory(env) : undefined,
    maxCloneBytes: maxCloneMb !== undefined && maxCloneMb > 0 ? maxCloneMb * 1024 * 1024 : DEFAULT_MAX_CLONE_BYTES,
    gitTimeoutMs: 10 * 60 * 1000,
    prefetch: DEFAULT_PREFETCH_LIMITS,
  };
}

/** Every secret the settings hold, for callers that scrub output. */
export function secretsOf(settings: RemoteSettings): string[] {
  return [settings.github.token, settings.gitlab.token].filter((t): t is string => typeof t === 'string' && t !== '');
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
  /** Warnings about the cache itself (unwritable…). */
  onWarning?: (message: string) => void;
}

/** Opens a remote repository as a snapshot. Throws `SourceError` (a plain, located message) when it cannot. */
export async function openRemoteSnapshot(target: RemoteTarget, options: OpenRemoteOptions): Promise<Snapshot> {
  const { settings, log } = options;
  const cache = new SourceCache(settings.cacheDir, options.onWarning);
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

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function numberFrom(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
