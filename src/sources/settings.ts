/**
 * Network settings of remote checks, from the environment (`remoteSettings(env)`):
 * tokens (GITHUB_TOKEN / GH_TOKEN, GITLAB_TOKEN — never printed), the cache
 * directory (XDG), endpoint overrides for GitHub Enterprise, a self-hosted
 * GitLab or tests, and the clone size guard.
 */
import { cacheDirectory } from './cache.js';
import { DEFAULT_GITHUB_SETTINGS, type GitHubSettings } from './github-api.js';
import { DEFAULT_GITLAB_SETTINGS, type GitLabSettings } from './gitlab.js';
import { RequestLog } from './http.js';
import { DEFAULT_PREFETCH_LIMITS, type PrefetchLimits } from './prefetch.js';

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

/** Where the network settings and the request log of a check come from. */
export interface NetworkOptions {
  settings: RemoteSettings;
  log: RequestLog;
}

/** The settings of this process's environment and a silent log: for callers that pass none. */
export function defaultNetwork(): NetworkOptions {
  return { settings: remoteSettings(process.env), log: new RequestLog() };
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
