/** npm: package.json, package-lock.json / npm-shrinkwrap.json, yarn.lock (classic and berry), pnpm-lock.yaml. */
import type { CatalogReference, Dependency, DependencyScope } from './types.js';
import { escapeRegExp, findLineIndex, splitLines, unquote } from './lines.js';

export interface Parsed { dependencies: Dependency[]; problems: string[]; catalogReferences?: CatalogReference[]; catalogBundles?: Record<string, string[]> }

const PACKAGE_SECTIONS: readonly [string, DependencyScope][] = [
  ['dependencies', 'runtime'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
  ['devDependencies', 'development'],
];

/** A JSON manifest's top-level object, or the one problem that stops it being read (package.json, composer.json). */
export function jsonManifestObject(text: string): { data: Record<string, unknown> } | { unreadable: Parsed } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { unreadable: { dependencies: [], problems: [`not valid JSON (${error instanceof Error ? error.message : String(error)})`] } };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { unreadable: { dependencies: [], problems: ['not a JSON object'] } };
  return { data: data as Record<string, unknown> };
}

export function parsePackageJson(text: string): Parsed {
  const manifest = jsonManifestObject(text);
  if ('unreadable' in manifest) return manifest.unreadable;
  const { data } = manifest;
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  for (const [section, scope] of PACKAGE_SECTIONS) {
    const entries = (data as Record<string, unknown>)[section];
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) continue;
    const sectionLine = findLineIndex(lines, new RegExp(`"${escapeRegExp(section)}"\\s*:`));
    for (const [declaredName, spec] of Object.entries(entries as Record<string, unknown>)) {
      const line = jsonKeyLine(lines, declaredName, sectionLine);
      let name = declaredName;
      let version = typeof spec === 'string' ? spec : undefined;
      // An alias, `"maps": "npm:mapbox-gl@^2.0.0"`, installs the package it names.
      const alias = version ? /^npm:((?:@[^@/]+\/)?[^@]+)(?:@(.*))?$/.exec(version) : null;
      if (alias) {
        name = alias[1] as string;
        version = alias[2];
      }
      dependencies.push({ ecosystem: 'npm', name, ...(version !== undefined ? { version } : {}), line, scope });
    }
  }
  return { dependencies, problems: [] };
}

/** Line (1-based) of `"key":` at or after `from` (0-based), or the section's line when not found. */
export function jsonKeyLine(lines: readonly string[], key: string, from: number): number {
  const index = findLineIndex(lines, new RegExp(`"${escapeRegExp(key)}"\\s*:`), Math.max(0, from));
  return (index === -1 ? Math.max(0, from) : index) + 1;
}

/**
 * package-lock.json, read line by line (a lockfile above the read cap is cut
 * off, and what was read still counts): lockfile v2/v3 `"node_modules/…"`
 * entries and v1 nested `"name": { "version": … }` entries.
 */
export function parsePackageLock(text: string): Parsed {
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  const opener = /^(\s*)"((?:[^"\\]|\\.)+)"\s*:\s*\{\s*$/;
  for (let index = 0; index < lines.length; index++) {
    const match = opener.exec(lines[index] as string);
    if (!match) continue;
    const key = match[2] as string;
    const modules = key.lastIndexOf('node_modules/');
    if (modules === -1 && /\//.test(key) && !key.startsWith('@')) continue; // a workspace folder, not a package
    if (['packages', 'dependencies', 'requires', 'engines', 'bin', 'funding', 'peerDependencies', 'optionalDependencies', 'devDependencies', 'peerDependenciesMeta'].includes(key)) continue;
    const name = modules === -1 ? key : key.slice(modules + 'node_modules/'.length);
    if (name === '') continue;
    const entry = readObjectFields(lines, index, ['version', 'dev', 'optional', 'devOptional']);
    if (entry.version === undefined) continue;
    const scope: DependencyScope = entry.dev === 'true' ? 'development' : entry.optional === 'true' ? 'optional' : 'runtime';
    dependencies.push({ ecosystem: 'npm', name, version: entry.version, line: index + 1, scope, locked: true });
  }
  return { dependencies, problems: [] };
}

/** Top-level scalar fields of the JSON object opened on line `start`, without entering nested objects. */
function readObjectFields(lines: readonly string[], start: number, fields: readonly string[]): Record<string, string> {
  const found: Record<string, string> = {};
  let depth = 1;
  for (let index = start + 1; index < lines.length && depth > 0; index++) {
    const line = lines[index] as string;
    if (depth === 1) {
      const field = /^\s*"([^"]+)"\s*:\s*("(?:[^"\\]|\\.)*"|true|false|\d[^,]*)\s*,?\s*$/.exec(line);
      if (field && fields.includes(field[1] as string)) found[field[1] as string] = unquote(field[2] as string);
    }
    depth += (line.match(/[{[]\s*$/) ? 1 : 0) - (/^\s*[}\]]/.test(line) ? 1 : 0);
  }
  return found;
}

/** yarn.lock, classic (`name@^1.0.0:` + `  version "1.2.3"`) and berry (`"name@npm:^1.0.0":` + `  version: 1.2.3`). */
export function parseYarnLock(text: string): Parsed {
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line === '' || /^[\s#]/.test(line) || !line.trimEnd().endsWith(':')) continue;
    const firstSpec = unquote((line.trimEnd().slice(0, -1).split(/,\s*/)[0] ?? '').trim());
    const at = firstSpec.indexOf('@', firstSpec.startsWith('@') ? 1 : 0);
    if (at <= 0) continue;
    const name = firstSpec.slice(0, at);
    let version: string | undefined;
    for (let next = index + 1; next < lines.length && /^\s/.test(lines[next] as string); next++) {
      const field = /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(lines[next] as string);
      if (field) {
        version = field[1] as string;
        break;
      }
    }
    if (version === undefined) continue;
    dependencies.push({ ecosystem: 'npm', name, version, line: index + 1, scope: 'runtime', locked: true });
  }
  return { dependencies, problems: [] };
}

/** pnpm-lock.yaml `packages:` entries: `/name/1.2.3` (v5), `/name@1.2.3(peer)` (v6), `name@1.2.3` (v9). */
export function parsePnpmLock(text: string): Parsed {
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  const version5 = /^lockfileVersion:\s*['"]?5/m.test(text);
  const start = findLineIndex(lines, /^packages:\s*$/);
  if (start === -1) return { dependencies, problems: [] };
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (/^\S/.test(line)) break; // the next top-level section
    const entry = /^ {2}(['"]?)(\/?[^'"\s]+)\1:\s*$/.exec(line);
    if (!entry) continue;
    let key = (entry[2] as string).replace(/^\//, '').replace(/\(.*$/, '');
    let name: string;
    let version: string;
    if (version5) {
      key = key.replace(/_.*$/, '');
      const slash = key.lastIndexOf('/');
      if (slash <= 0) continue;
      name = key.slice(0, slash);
      version = key.slice(slash + 1);
    } else {
      const at = key.lastIndexOf('@');
      if (at <= 0) continue;
      name = key.slice(0, at);
      version = key.slice(at + 1);
    }
    let dev = false;
    for (let next = index + 1; next < lines.length && /^ {4}/.test(lines[next] as string); next++) {
      if (/^ {4}dev:\s*true\s*$/.test(lines[next] as string)) dev = true;
    }
    dependencies.push({ ecosystem: 'npm', name, version, line: index + 1, scope: dev ? 'development' : 'runtime', locked: true });
  }
  return { dependencies, problems: [] };
}
