/**
 * What a `check` target names: a local directory, or a remote repository —
 * any git URL, `github:owner/repo`, `https://github.com/owner/repo`,
 * `gitlab:group/project` or a GitLab URL. A path that exists on disk always
 * wins, so a folder that happens to contain a colon is still checked locally.
 */
import fs from 'node:fs';
import { SourceError } from './errors.js';

export interface GitHubTarget {
  kind: 'github';
  owner: string;
  repo: string;
  /** A branch, tag or commit given with `#ref` or `/tree/<ref>`; the default branch otherwise. */
  ref?: string;
  /** As the user should see it, credentials removed. */
  display: string;
}

export interface GitLabTarget {
  kind: 'gitlab';
  /** `https://gitlab.com` or a self-hosted instance, without a trailing slash. */
  origin: string;
  /** `group/subgroup/project`. */
  project: string;
  ref?: string;
  display: string;
  /** True when the origin came from the target itself (not the configured default). */
  explicitOrigin: boolean;
}

export interface GitTarget {
  kind: 'git';
  /** The URL handed to git (may carry credentials the user put there; never printed). */
  url: string;
  ref?: string;
  display: string;
}

export type RemoteTarget = GitHubTarget | GitLabTarget | GitTarget;

const NAME = /^[A-Za-z0-9_.-]+$/;
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** `user@host:path`, as git understands it (no scheme, a colon before the first slash). */
const SCP_LIKE = /^([A-Za-z0-9._~-]+@)?([A-Za-z0-9.-]+):(?!\/\/)(.+)$/;
const GIT_SCHEMES = new Set(['http', 'https', 'git', 'ssh', 'file', 'git+ssh', 'ssh+git']);

/** True when `target` should be checked as a remote repository rather than a local directory. */
export function looksRemote(target: string): boolean {
  if (target === '' || fs.existsSync(target)) return false;
  if (/^[a-z]:[\\/]/i.test(target)) return false; // a Windows drive path
  return /^(github|gitlab):/i.test(target) || SCHEME.test(target) || SCP_LIKE.test(target);
}

/**
 * Parses a remote target. Throws `SourceError` with a plain message when it
 * names no repository (`github:owner`, an unsupported scheme…).
 */
export function parseRemoteTarget(raw: string): RemoteTarget {
  const input = raw.trim();
  const [base, fragment] = splitFragment(input);
  const ref = fragment === undefined ? undefined : checkRef(fragment, input);

  const short = /^(github|gitlab):(.*)$/i.exec(base);
  if (short) {
    const host = (short[1] as string).toLowerCase();
    const rest = (short[2] as string).replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
    if (host === 'github') return github(rest, ref, input);
    return gitlab('https://gitlab.com', rest, ref, input, false);
  }

  const scheme = SCHEME.exec(base)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!GIT_SCHEMES.has(scheme)) throw new SourceError(`cannot check ${redactUrl(input)}: ${scheme}:// is not a git transport (use https://, ssh://, git:// or file://)`);
    if (scheme === 'http' || scheme === 'https') {
      let url: URL;
      try {
        url = new URL(base);
      } catch {
        throw new SourceError(`cannot check ${redactUrl(input)}: not a valid URL`);
      }
      const host = url.hostname.toLowerCase();
      const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponentSafe);
      if (host === 'github.com' || host === 'www.github.com') {
        const [owner = '', repo = '', marker, ...refParts] = segments;
        const treeRef = marker === 'tree' && refParts.length > 0 ? refParts.join('/') : undefined;
        if (marker !== undefined && treeRef === undefined) {
          throw new SourceError(`cannot check ${redactUrl(input)}: expected https://github.com/owner/repo (or …/tree/<branch>)`);
        }
        return github(`${owner}/${repo.replace(/\.git$/, '')}`, ref ?? treeRef, input);
      }
      if (host === 'gitlab.com' || host.startsWith('gitlab.')) {
        const dash = segments.indexOf('-');
        const projectSegments = dash >= 0 ? segments.slice(0, dash) : segments;
        const after = dash >= 0 ? segments.slice(dash + 1) : [];
        const treeRef = after[0] === 'tree' && after.length > 1 ? after.slice(1).join('/') : undefined;
        const origin = `${url.protocol}//${url.host}`;
        return gitlab(origin, projectSegments.join('/').replace(/\.git$/, ''), ref ?? treeRef, input, true);
      }
    }
    return { kind: 'git', url: base, ...(ref ? { ref } : {}), display: redactUrl(input) };
  }

  // `ext::sh -c …` runs a command: git's <transport>::<address> remote-helper form is never accepted.
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(base)) throw new SourceError(`cannot check ${input}: git's <transport>::<address> form is not accepted; give an https://, ssh://, git:// or file:// URL`);
  const scp = SCP_LIKE.exec(base);
  if (scp) {
    const host = (scp[2] as string).toLowerCase();
    const path = (scp[3] as string).replace(/^\/+/, '');
    if (host === 'github.com') return github(path.replace(/\.git$/, ''), ref, input);
    return { kind: 'git', url: base, ...(ref ? { ref } : {}), display: input };
  }
  throw new SourceError(`cannot check ${input}: not a directory, and not a repository URL (https://…, git@host:path, github:owner/repo, gitlab:group/project)`);
}

function github(path: string, ref: string | undefined, input: string): GitHubTarget {
  const parts = path.split('/');
  if (parts.length !== 2 || !parts.every((p) => NAME.test(p) && p !== '.' && p !== '..')) {
    throw new SourceError(`cannot check ${redactUrl(input)}: expected a GitHub repository as github:owner/repo or https://github.com/owner/repo`);
  }
  const [owner, repo] = parts as [string, string];
  return { kind: 'github', owner, repo, ...(ref ? { ref } : {}), display: `https://github.com/${owner}/${repo}` };
}

function gitlab(origin: string, project: string, ref: string | undefined, input: string, explicitOrigin: boolean): GitLabTarget {
  const parts = project.split('/');
  if (parts.length < 2 || !parts.every((p) => NAME.test(p) && p !== '.' && p !== '..')) {
    throw new SourceError(`cannot check ${redactUrl(input)}: expected a GitLab project as gitlab:group/project or https://gitlab.com/group/project`);
  }
  return { kind: 'gitlab', origin, project, ...(ref ? { ref } : {}), display: `${origin}/${project}`, explicitOrigin };
}

function splitFragment(input: string): [string, string | undefined] {
  const hash = input.indexOf('#');
  return hash < 0 ? [input, undefined] : [input.slice(0, hash), input.slice(hash + 1)];
}

/** A ref must be something `git check-ref-format` would accept, or a commit id. */
function checkRef(ref: string, input: string): string {
  if (ref === '' || !/^[A-Za-z0-9._/-]+$/.test(ref) || ref.includes('..') || ref.startsWith('-') || ref.startsWith('/') || ref.endsWith('/') || ref.endsWith('.lock')) {
    throw new SourceError(`cannot check ${redactUrl(input)}: "${ref}" is not a branch, tag or commit name`);
  }
  return ref;
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A URL as it may be printed: user name and password (or token) removed, query kept. */
export function redactUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1');
}
