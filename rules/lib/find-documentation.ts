/**
 * Where a candidate's documentation lives: documentation folders, documentation
 * site configurations, the candidate's own documentation site its README links
 * to, and the links declared in `documentation.links`. Shared by
 * `documentation-available` (which reports it) and `readme-usable` (for which
 * documentation elsewhere turns a thin README from a fail into a gap).
 */
import type { RuleContext } from '../../src/rule-api.js';
import { sortEvidenceLinks, pathsMatching, readText, type LinkCheck, compareText } from '../../src/helpers.js';
import sources from '../5-documentation/documentation-sources.json' with { type: 'json' };
import { checkedRepository, httpUrl, repositoryOfUrl } from './repository-url.js';

export interface DocumentationFolder {
  /** The folder as spelled in the repository, e.g. `docs`. */
  path: string;
  files: number;
}

export interface DocumentationSite {
  /** Generator name, e.g. `MkDocs`. */
  generator: string;
  path: string;
}

/** A link in the README, to the candidate's own documentation site (`For full documentation, visit …`). */
export interface ReadmeDocumentationLink {
  url: string;
  /** The README. */
  path: string;
  line: number;
}

export interface FoundDocumentation {
  folders: DocumentationFolder[];
  sites: DocumentationSite[];
  /** The README's links to the candidate's own documentation (at most one per address). */
  linked: ReadmeDocumentationLink[];
  /** Declared repositories that are documentation (ekshop's `ekShop-doc`, named "documentation"), with their index. */
  repositories: { url: string; index: number }[];
  declared: LinkCheck;
}

const FOLDER_NAMES = new Set(sources.folders.map((f) => f.toLowerCase()));
const PACKAGE_CONTAINERS = new Set(sources.packageContainers.map((f) => f.toLowerCase()));
const SITE_CONFIGS = sources.siteConfigs.map((s) => ({
  generator: s.name,
  path: new RegExp(s.path, 'i'),
  mustContain: 'mustContain' in s && typeof s.mustContain === 'string' ? new RegExp(s.mustContain, 'i') : undefined,
}));

export function findDocumentation(context: RuleContext): FoundDocumentation {
  const { snapshot } = context;
  const counts = new Map<string, number>();
  for (const path of snapshot.paths) {
    const slash = path.indexOf('/');
    if (slash <= 0) continue;
    const top = path.slice(0, slash);
    if (FOLDER_NAMES.has(top.toLowerCase())) counts.set(top, (counts.get(top) ?? 0) + 1);
    else if (PACKAGE_CONTAINERS.has(top.toLowerCase())) {
      // A monorepo documents each package in its own folder (iota.js: packages/iota/docs/api.md); a vendored one is not the candidate's.
      const parts = path.split('/');
      if (parts.length > 3 && FOLDER_NAMES.has((parts[2] as string).toLowerCase()) && context.facts.paths.classOf(path) !== 'vendored') {
        const folder = parts.slice(0, 3).join('/');
        counts.set(folder, (counts.get(folder) ?? 0) + 1);
      }
    }
  }
  const folders = [...counts].map(([path, files]) => ({ path, files })).sort((a, b) => compareText(a.path, b.path));
  // One pass over the file list; the first file of each generator is enough.
  const sites: DocumentationSite[] = [];
  const seen = new Set<string>();
  for (const path of pathsMatching(snapshot, SITE_CONFIGS.map((c) => c.path))) {
    // A vendored library's own documentation set-up (your-priorities' `bower_components.safe/video.js/.jsdoc.json`)
    // documents that library.
    if (context.facts.paths.classOf(path) === 'vendored') continue;
    const config = SITE_CONFIGS.find((c) => !seen.has(c.generator) && c.path.test(path));
    if (!config) continue;
    // `conf.py` is only a documentation site when it configures Sphinx.
    if (config.mustContain && !config.mustContain.test(readText(snapshot, path) ?? '')) continue;
    seen.add(config.generator);
    sites.push({ generator: config.generator, path });
  }
  return { folders, sites, linked: readmeDocumentationLinks(context), repositories: documentationRepositories(context), declared: sortEvidenceLinks(context.declaration.data?.documentation?.links, snapshot) };
}

/** A declared repository named as documentation, by its `name` or the last part of its address (`…-docs`). */
function documentationRepositories(context: RuleContext): { url: string; index: number }[] {
  return (context.declaration.data?.repositories ?? []).flatMap((repository, index) => {
    const last = (repositoryOfUrl(repository.url) ?? '').split('/')[2] ?? '';
    const named = DOCUMENTATION_WORDS.test(repository.name ?? '') || /(?:^|[-_.])(?:docs?|documentation|manual|wiki)$/i.test(last);
    return named ? [{ url: repository.url, index }] : [];
  });
}

/** Words of a link's text (or of the line before a bare address) that name documentation. */
const DOCUMENTATION_WORDS = new RegExp(sources.readmeLinkWords, 'i');
/**
 * `[text](url)` (not an image's `![alt](src)`), reStructuredText's `` `text <url>`_ ``, HTML's `<a href="url">text</a>`,
 * and a bare address, whose text is what stands between it and the address before it on its line.
 */
const MARKDOWN_LINK = /(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\((https?:\/\/[^\s)]+)\)/g;
const RST_LINK = /`([^`<]+)<(https?:\/\/[^>\s]+)>`_/g;
const HTML_LINK = /<a\s[^>]*?href\s*=\s*["'](https?:\/\/[^"'\s]+)["'][^>]*>(.*?)<\/a>/gi;
const BARE_URL = /(?<![(<\["'=])\bhttps?:\/\/[^\s)>\]"'<]+/g;
/** Addresses of pictures (a badge is not documentation, though its alt text says "docs"). */
const IMAGE = /\.(?:svg|png|jpe?g|gif|webp)(?:[?#]|$)|\/badge(?:\/|\.|$)/i;
/** The pages of a repository that hold documentation: its wiki, its files and folders (not its issues or labels). */
const REPOSITORY_DOCUMENTATION = /^\/[^/]+\/[^/]+\/(?:wiki|blob|tree|-\/wikis|-\/blob|-\/tree)(?:\/|$)/;

/**
 * The README's links whose text names documentation (gibbon's "For full documentation, visit
 * [docs.gibbonedu.org](https://docs.gibbonedu.org)", growstuff's "[Wiki](…/growstuff/wiki)") and whose address is the
 * candidate's own: a host of a declared website or one naming the candidate, or the wiki or a file of its repository.
 * A link to another project's documentation (Spring's, Docker's) names documentation too, which is why the address
 * must be own.
 */
function readmeDocumentationLinks(context: RuleContext): ReadmeDocumentationLink[] {
  const readme = context.facts.readme;
  if (readme === undefined) return [];
  const text = readText(context.snapshot, readme);
  if (text === undefined) return [];
  const own = ownAddresses(context);
  if (own.hosts.length === 0 && own.names.length === 0 && own.repositories.size === 0) return [];
  const found: ReadmeDocumentationLink[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!/https?:\/\//i.test(line)) continue;
    const candidates: { label: string; url: string }[] = [];
    for (const m of line.matchAll(MARKDOWN_LINK)) candidates.push({ label: m[1] as string, url: m[2] as string });
    for (const m of line.matchAll(RST_LINK)) candidates.push({ label: m[1] as string, url: m[2] as string });
    for (const m of line.matchAll(HTML_LINK)) candidates.push({ label: (m[2] as string).replace(/<[^>]*>/g, ''), url: m[1] as string });
    let previousEnd = 0;
    for (const m of line.matchAll(BARE_URL)) {
      candidates.push({ label: line.slice(previousEnd, m.index).replace(/^.*https?:\/\/\S*/, ''), url: m[0] });
      previousEnd = m.index + m[0].length;
    }
    for (const { label, url } of candidates) {
      const address = url.replace(/[.,;:!?'"]+$/, '');
      if (!DOCUMENTATION_WORDS.test(label) || IMAGE.test(address) || !isOwnAddress(address, own) || found.some((f) => sameAddress(f.url, address))) continue;
      found.push({ url: address, path: readme, line: i + 1 });
    }
  }
  return found;
}

/** Hosts of code, whose pages are anyone's repositories. */
const CODE_HOSTS: ReadonlySet<string> = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'gitee.com', 'codeberg.org', 'sourceforge.net', 'dev.azure.com']);

/** Hosts under which anyone has a name of their own: a domain of theirs is one label longer. */
const SHARED_HOSTS = /(?:^|\.)(?:github\.io|gitlab\.io|readthedocs\.io|readthedocs\.org|netlify\.app|vercel\.app|pages\.dev|web\.app|firebaseapp\.com|herokuapp\.com|azurewebsites\.net|blogspot\.com|wordpress\.com|gitbook\.io|notion\.site|atlassian\.net|sharepoint\.com)$/;

/**
 * The part of a host its owner registered: `digit.org` of `pfm.digit.org`, `gov.bd`'s `a2i.gov.bd`, and on a shared
 * host the name under it (`unicef.github.io`). Without the Public Suffix List: a second-level label of a country's
 * domain (`co`, `org`, `gov`…) counts as part of the suffix.
 */
function registrableDomain(host: string): string {
  const labels = host.split('.');
  const length = SHARED_HOSTS.test(host) || (labels.length >= 3 && (labels.at(-1) as string).length === 2 && /^(?:co|com|org|net|gov|ac|edu|or|ne|go|nic|mil)$/.test(labels.at(-2) as string)) ? 3 : 2;
  return labels.slice(-length).join('.');
}

/** The same page over http and https, with or without its final slash. */
function sameAddress(a: string, b: string): boolean {
  const bare = (url: string): string => url.replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();
  return bare(a) === bare(b);
}

interface OwnAddresses {
  /** Declared websites' hosts, without `www.`. */
  hosts: string[];
  /** The candidate's names and its repositories' owners, letters and digits only, lower case, five or more of them. */
  names: string[];
  /** `host/owner/name` of the checked and declared repositories. */
  repositories: Set<string>;
  /** `host/owner` of those repositories. */
  owners: Set<string>;
}

function ownAddresses(context: RuleContext): OwnAddresses {
  const data = context.declaration.data;
  // A website on a code host (many registry answers give their repository as the website) would make every page of
  // that host the candidate's: it counts as a repository, below.
  const hosts = (data?.website ?? []).map((site) => httpUrl(site)?.hostname.toLowerCase().replace(/^www\./, ''))
    .filter((h): h is string => h !== undefined && !CODE_HOSTS.has(h));
  const codeHostSites = (data?.website ?? []).filter((site) => CODE_HOSTS.has(httpUrl(site)?.hostname.toLowerCase().replace(/^www\./, '') ?? ''));
  const repositories = new Set([checkedRepository(context.snapshot.source, context.declaration), ...[...(data?.repositories ?? []).map((r) => r.url), ...codeHostSites].map((url) => repositoryOfUrl(url))].filter((r): r is string => r !== undefined));
  // Repositories' owners, not their names: a repository called `platform` or `core` names nothing of its own.
  const names = [data?.name, ...(data?.aliases ?? []), ...[...repositories].map((r) => r.split('/')[1])]
    .map((n) => (n ?? '').toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter((n) => n.length >= 5);
  return { hosts, names: [...new Set(names)], repositories, owners: new Set([...repositories].map((r) => r.split('/').slice(0, 2).join('/'))) };
}

function isOwnAddress(url: string, own: OwnAddresses): boolean {
  const parsed = httpUrl(url);
  if (parsed === undefined) return false;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  // A host of a declared website's domain: digit's iFIX declares ifix.digit.org and documents itself at pfm.digit.org.
  if (own.hosts.some((site) => host === site || host.endsWith(`.${site}`) || registrableDomain(host) === registrableDomain(site))) return true;
  const repository = repositoryOfUrl(url);
  if (repository !== undefined && own.repositories.has(repository)) return REPOSITORY_DOCUMENTATION.test(parsed.pathname);
  // The wiki of a sibling repository (magicbox-open-api's README links unicef/magicbox's wiki).
  if (repository !== undefined && own.owners.has(repository.split('/').slice(0, 2).join('/'))) return /^\/[^/]+\/[^/]+\/(?:wiki|-\/wikis)(?:\/|$)/.test(parsed.pathname);
  // On a shared host the name under it must be the candidate's own, whole (`gibbon-other.github.io` is someone else's).
  if (SHARED_HOSTS.test(host)) {
    const user = registrableDomain(host).split('.')[0]?.replace(/[^a-z0-9]/g, '') ?? '';
    return own.names.includes(user);
  }
  // Elsewhere the host's labels name the candidate, letters and digits only as the names are (wiki.ur-scape.com
  // names ur-scape); a code host's pages are the candidate's only as its repositories' (above).
  if (CODE_HOSTS.has(host)) return false;
  const labels = host.split('.').slice(0, -1).join('').replace(/[^a-z0-9]/g, '');
  return own.names.some((name) => labels.includes(name));
}

/** Whether any documentation beyond the README (`readme`, when given) was found or declared. */
export function hasDocumentationElsewhere(found: FoundDocumentation, readme?: string): boolean {
  const declared = found.declared.good.filter((link) => link.replace(/^\.\//, '') !== readme);
  return found.folders.length > 0 || found.sites.length > 0 || found.linked.length > 0 || found.repositories.length > 0 || declared.length > 0;
}

/** Declared links that add something to what was found (a declared `docs/` is the folder already listed). */
export function declaredBeyondFound(found: FoundDocumentation): string[] {
  const folders = new Set(found.folders.map((f) => f.path));
  const sites = new Set(found.sites.map((s) => s.path));
  return found.declared.good.filter((link) => {
    const path = link.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    return !folders.has(path) && !sites.has(path);
  });
}
