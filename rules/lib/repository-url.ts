/**
 * Which repository a URL is in: the declaration's evidence links (`https://github.com/o/r/blob/main/LICENSE`)
 * compared with the repository being checked. Pure string work, no request.
 */
import type { RuleContext } from '../../src/rule-api.js';

/**
 * The repository the checked tree is, as `repositoryOfUrl` names it: a remote source's own URL; for a local tree,
 * the declaration's first repository (a clone of it is what a candidate checks locally); else undefined.
 */
export function checkedRepository(source: RuleContext['snapshot']['source'], declaration: RuleContext['declaration']): string | undefined {
  if (source.kind === 'github' || source.kind === 'gitlab' || source.kind === 'git') return repositoryOfUrl(source.location);
  const first = declaration.data?.repositories?.[0]?.url;
  return typeof first === 'string' ? repositoryOfUrl(first) : undefined;
}

/**
 * `host/owner/name` (lower case, no `.git`) of a repository's URL or of a URL into it: `host/owner/name/…` (GitHub,
 * Bitbucket, Gitea), GitLab's `host/group/…/project/-/…`, `raw.githubusercontent.com/owner/name/…`; undefined for a
 * string that is not an http(s) URL with two path segments. A website's page gives its first two segments, which
 * equal no repository's.
 */
export function repositoryOfUrl(url: string): string | undefined {
  const parsed = httpUrl(url);
  if (parsed === undefined) return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const segments = parsed.pathname.split('/').filter(Boolean).map(decoded);
  const dash = segments.indexOf('-');
  const own = dash >= 0 ? segments.slice(0, dash) : segments.slice(0, 2);
  if (own.length < 2) return undefined;
  return [host === 'raw.githubusercontent.com' ? 'github.com' : host, ...own].join('/').toLowerCase().replace(/\.git$/, '');
}

/** `text` as an http(s) URL (trimmed), or undefined for anything else. */
export function httpUrl(text: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text.trim());
  } catch {
    return undefined;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
}

/**
 * A link to a file or folder inside a repository (`…/blob/<ref>/LICENSE`, GitLab's `…/-/blob/…`,
 * raw.githubusercontent.com), not to a web page.
 */
export function isRepositoryFileUrl(url: string): boolean {
  const parsed = httpUrl(url);
  if (parsed === undefined) return false;
  if (parsed.hostname.toLowerCase() === 'raw.githubusercontent.com') return true;
  return /^\/[^/]+\/[^/]+(?:\/.*)?\/(?:-\/)?(?:blob|tree|raw)\//.test(parsed.pathname);
}

/** A URL path segment decoded, or as written when it is not valid percent-encoding. */
export function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The path of the checked tree a URL into the checked repository points at (`https://github.com/o/r/tree/main/data`
 * → `data`), when the tree has it as a file or a folder. A ref may hold slashes (`tree/release/2.0/data`), so each
 * split is tried, the shortest ref first. Undefined for a URL into any other repository, one that names no path
 * (the repository's page), and a path the tree does not have.
 */
export function pathOfUrl(url: string, here: string | undefined, paths: readonly string[]): string | undefined {
  if (here === undefined || repositoryOfUrl(url) !== here) return undefined;
  const parsed = new URL(url.trim());
  const segments = parsed.pathname.split('/').filter(Boolean).map(decoded);
  let rest: string[];
  if (parsed.hostname.toLowerCase() === 'raw.githubusercontent.com') {
    rest = segments.slice(2);
  } else {
    const dash = segments.indexOf('-');
    const view = dash >= 0 ? dash + 1 : 2;
    if (!['tree', 'blob', 'raw'].includes(segments[view] ?? '')) return undefined;
    rest = segments.slice(view + 1);
  }
  for (let refLength = 1; refLength < rest.length; refLength++) {
    const path = rest.slice(refLength).join('/');
    if (paths.includes(path) || paths.some((p) => p.startsWith(`${path}/`))) return path;
  }
  return undefined;
}
