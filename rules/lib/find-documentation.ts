/**
 * Where a candidate's documentation lives: documentation folders, documentation
 * site configurations and the links declared in `documentation.links`. Shared by
 * `documentation-available` (which reports it) and `readme-usable` (for which
 * documentation elsewhere turns a thin README from a fail into a gap).
 */
import type { RuleContext } from '../../src/rule-api.js';
import { sortEvidenceLinks, pathsMatching, readText, type LinkCheck, compareText } from '../../src/helpers.js';
import sources from '../5-documentation/documentation-sources.json' with { type: 'json' };

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

export interface FoundDocumentation {
  folders: DocumentationFolder[];
  sites: DocumentationSite[];
  declared: LinkCheck;
}

const FOLDER_NAMES = new Set(sources.folders.map((f) => f.toLowerCase()));
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
  }
  const folders = [...counts].map(([path, files]) => ({ path, files })).sort((a, b) => compareText(a.path, b.path));
  // One pass over the file list; the first file of each generator is enough.
  const sites: DocumentationSite[] = [];
  const seen = new Set<string>();
  for (const path of pathsMatching(snapshot, SITE_CONFIGS.map((c) => c.path))) {
    const config = SITE_CONFIGS.find((c) => !seen.has(c.generator) && c.path.test(path));
    if (!config) continue;
    // `conf.py` is only a documentation site when it configures Sphinx.
    if (config.mustContain && !config.mustContain.test(readText(snapshot, path) ?? '')) continue;
    seen.add(config.generator);
    sites.push({ generator: config.generator, path });
  }
  return { folders, sites, declared: sortEvidenceLinks(context.declaration.data?.documentation?.links, snapshot) };
}

/** Whether any documentation beyond the README (`readme`, when given) was found or declared. */
export function hasDocumentationElsewhere(found: FoundDocumentation, readme?: string): boolean {
  const declared = found.declared.good.filter((link) => link.replace(/^\.\//, '') !== readme);
  return found.folders.length > 0 || found.sites.length > 0 || declared.length > 0;
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
