/**
 * The project's import graph, read from the source text (static `import … from`, `export … from` and
 * `import('…')` with a literal), and the checks docs/architecture.md describes: which folder may import which.
 * Kept apart from the test so that the test can also feed it a deliberately wrong graph.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** Repository-relative path of the imported file for a relative specifier; undefined for packages and node: */
  to?: string;
  /** `import type` / `export type`: erased at build time, so it cannot create a runtime dependency. */
  typeOnly: boolean;
}

const IMPORT_PATTERN = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[\s\S]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import of one file's text. */
export function importsOf(file: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const match of withoutComments.matchAll(IMPORT_PATTERN)) {
    const specifier = match[3] ?? match[4];
    if (specifier === undefined) continue;
    const typeOnly = match[2] !== undefined;
    edges.push({ from: file, specifier, typeOnly, ...(specifier.startsWith('.') ? { to: resolveRelative(file, specifier) } : {}) });
  }
  return edges;
}

function resolveRelative(from: string, specifier: string): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  // Sources import `x.js`; the file is `x.ts` (or `.mjs` in packs).
  return joined.replace(/\.js$/, '.ts');
}

/** Every `.ts`/`.mjs` file below the given folders, as repository-relative paths. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(child);
      } else if (/\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(child);
    }
  };
  for (const folder of folders) walk(folder);
  return files.sort();
}

export function readGraph(root: string, folders: readonly string[]): ImportEdge[] {
  return sourceFiles(root, folders).flatMap((file) => importsOf(file, fs.readFileSync(path.join(root, file), 'utf8')));
}

/** One direction rule: files matching `from` must not import what `forbidden` says (with the reason shown on failure). */
export interface DirectionRule {
  name: string;
  from: (file: string) => boolean;
  forbidden: (edge: ImportEdge) => boolean;
}

export function violations(edges: readonly ImportEdge[], rules: readonly DirectionRule[]): string[] {
  const found: string[] = [];
  for (const rule of rules) {
    for (const edge of edges) {
      if (rule.from(edge.from) && rule.forbidden(edge)) found.push(`${rule.name}: ${edge.from} imports '${edge.specifier}'`);
    }
  }
  return found;
}

/**
 * Import cycles among the relative edges, each as the list of files around it. Type-only imports count: they tie
 * two modules' meanings together just the same (and one edited into a value import would make a runtime cycle).
 */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.to === undefined) continue;
    next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  }
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === 'open') found.push([...stack.slice(stack.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...next.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}
