/** Go, Ruby, PHP, Elixir, .NET and Dart manifests and lockfiles. */
import type { Dependency, DependencyScope } from './types.js';
import { blankHashComments, blankSlashComments, blankXmlComments, findLineIndex, lineOfOffset, lineStarts, splitLines } from './lines.js';
import { jsonKeyLine, jsonManifestObject, type Parsed } from './npm.js';

/** go.mod `require` lines and blocks; `// indirect` requirements are transitive but still linked in. */
export function parseGoMod(text: string): Parsed {
  const lines = splitLines(blankSlashComments(text));
  const dependencies: Dependency[] = [];
  let inRequire = false;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (inRequire) {
      if (line.startsWith(')')) { inRequire = false; return; }
      const match = /^(\S+)\s+(v\S+)/.exec(line);
      if (match) dependencies.push({ ecosystem: 'go', name: match[1] as string, version: match[2] as string, line: index + 1, scope: 'runtime' });
      return;
    }
    if (/^require\s*\(\s*$/.test(line)) { inRequire = true; return; }
    const single = /^require\s+(\S+)\s+(v\S+)/.exec(line);
    if (single) dependencies.push({ ecosystem: 'go', name: single[1] as string, version: single[2] as string, line: index + 1, scope: 'runtime' });
  });
  return { dependencies, problems: [] };
}

/** Gemfile `gem` lines, with `group :development, :test do … end` blocks and `group:` options. */
export function parseGemfile(text: string): Parsed {
  const lines = splitLines(blankHashComments(text));
  const dependencies: Dependency[] = [];
  const blocks: boolean[] = []; // per open `do` block: is it a development/test group?
  lines.forEach((line, index) => {
    if (/\bdo\s*(\|[^|]*\|)?\s*$/.test(line)) {
      blocks.push(/^\s*group\b/.test(line) && isDevelopmentGroup(line));
    }
    const gem = /^\s*gem\s*\(?\s*["']([^"']+)["']((?:\s*,\s*["'][^"']*["'])*)(.*)$/.exec(line);
    if (gem) {
      const constraints = [...(gem[2] as string).matchAll(/["']([^"']*)["']/g)].map((m) => m[1] as string);
      const development = blocks.includes(true) || (/\bgroups?\s*:/.test(gem[3] as string) && isDevelopmentGroup(gem[3] as string));
      dependencies.push({ ecosystem: 'rubygems', name: gem[1] as string, ...(constraints.length > 0 ? { version: constraints.join(', ') } : {}), line: index + 1, scope: development ? 'development' : 'runtime' });
    }
    if (/^\s*end\b/.test(line) && blocks.length > 0) blocks.pop();
  });
  return { dependencies, problems: [] };
}

function isDevelopmentGroup(text: string): boolean {
  const groups = [...text.matchAll(/:(\w+)|["'](\w+)["']/g)].map((m) => (m[1] ?? m[2]) as string).filter((g) => !['group', 'groups', 'do'].includes(g));
  return groups.length > 0 && groups.every((g) => /^(development|test|ci|lint|doc|docs)$/.test(g));
}

/** Gemfile.lock: the `specs:` of the GEM section (`    name (1.2.3)`). */
export function parseGemfileLock(text: string): Parsed {
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  let section = '';
  lines.forEach((line, index) => {
    if (/^\S/.test(line)) section = line.trim();
    if (section !== 'GEM') return;
    const spec = /^ {4}([^\s(]+) \(([^)]+)\)\s*$/.exec(line);
    if (spec) dependencies.push({ ecosystem: 'rubygems', name: spec[1] as string, version: spec[2] as string, line: index + 1, scope: 'runtime', locked: true });
  });
  return { dependencies, problems: [] };
}

/** Platform requirements of Composer, not packages. */
const COMPOSER_PLATFORM = /^(php|hhvm|composer(-plugin|-runtime)?-api|ext-.+|lib-.+)$/i;

export function parseComposerJson(text: string): Parsed {
  const manifest = jsonManifestObject(text);
  if ('unreadable' in manifest) return manifest.unreadable;
  const { data } = manifest;
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  for (const [section, scope] of [['require', 'runtime'], ['require-dev', 'development']] as const) {
    const entries = (data as Record<string, unknown>)[section];
    if (typeof entries !== 'object' || entries === null) continue;
    const sectionLine = findLineIndex(lines, new RegExp(`"${section}"\\s*:`));
    for (const [name, spec] of Object.entries(entries as Record<string, unknown>)) {
      if (COMPOSER_PLATFORM.test(name)) continue;
      dependencies.push({ ecosystem: 'packagist', name: name.toLowerCase(), ...(typeof spec === 'string' ? { version: spec } : {}), line: jsonKeyLine(lines, name, sectionLine), scope });
    }
  }
  return { dependencies, problems: [] };
}

/** composer.lock, line by line: `"name"` then `"version"` of each package, in `packages` or `packages-dev`. */
export function parseComposerLock(text: string): Parsed {
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  let scope: DependencyScope = 'runtime';
  let pending: { name: string; line: number } | undefined;
  lines.forEach((line, index) => {
    const section = /^\s{4}"(packages|packages-dev)"\s*:/.exec(line);
    if (section) scope = section[1] === 'packages-dev' ? 'development' : 'runtime';
    const name = /^\s{12}"name"\s*:\s*"([^"]+)"/.exec(line);
    if (name) pending = { name: (name[1] as string).toLowerCase(), line: index + 1 };
    const version = /^\s{12}"version"\s*:\s*"([^"]+)"/.exec(line);
    if (version && pending) {
      dependencies.push({ ecosystem: 'packagist', name: pending.name, version: version[1] as string, line: pending.line, scope, locked: true });
      pending = undefined;
    }
  });
  return { dependencies, problems: [] };
}

/** mix.exs: the `{:name, "~> 1.0", opts}` tuples of the `deps` function. */
export function parseMixExs(text: string): Parsed {
  const clean = blankHashComments(text);
  const dependencies: Dependency[] = [];
  const start = /^(\s*)defp?\s+deps\b.*\bdo\s*$/m.exec(clean);
  if (!start) return { dependencies, problems: [] };
  const indent = (start[1] as string).length;
  const starts = lineStarts(text);
  const bodyStart = (start.index as number) + start[0].length;
  const end = new RegExp(`^\\s{0,${indent}}end\\b`, 'm').exec(clean.slice(bodyStart));
  const body = clean.slice(bodyStart, end ? bodyStart + (end.index as number) : undefined);
  for (const match of body.matchAll(/\{\s*:(\w+)\s*,\s*(?:"([^"]*)"\s*)?([^{}]*)\}/g)) {
    const options = match[3] as string;
    const only = /\bonly:\s*(\[[^\]]*\]|:\w+)/.exec(options);
    const development = only !== null && [...(only[1] as string).matchAll(/:(\w+)/g)].every((m) => m[1] === 'dev' || m[1] === 'test');
    const version = match[2];
    dependencies.push({ ecosystem: 'hex', name: match[1] as string, ...(version ? { version } : {}), line: lineOfOffset(starts, bodyStart + (match.index as number)), scope: development ? 'development' : 'runtime' });
  }
  return { dependencies, problems: [] };
}

/** mix.lock: `"name": {:hex, :name, "1.2.3", …}`. */
export function parseMixLock(text: string): Parsed {
  const dependencies: Dependency[] = [];
  splitLines(text).forEach((line, index) => {
    const match = /^\s*"([^"]+)"\s*:\s*\{\s*:hex\s*,\s*:(\w+)\s*,\s*"([^"]+)"/.exec(line);
    if (match) dependencies.push({ ecosystem: 'hex', name: match[2] as string, version: match[3] as string, line: index + 1, scope: 'runtime', locked: true });
  });
  return { dependencies, problems: [] };
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/\b([A-Za-z]+)\s*=\s*"([^"]*)"/g)) found[(match[1] as string).toLowerCase()] = match[2] as string;
  return found;
}

/** .csproj / .fsproj / .vbproj / Directory.Packages.props: `PackageReference` and `PackageVersion` items. */
export function parseMsbuild(text: string): Parsed {
  const clean = blankXmlComments(text);
  const starts = lineStarts(text);
  const dependencies: Dependency[] = [];
  for (const match of clean.matchAll(/<(PackageReference|PackageVersion)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/g)) {
    const found = attributes(match[2] as string);
    const name = found.include;
    if (!name) continue;
    const nested = /<Version>\s*([^<]*?)\s*<\/Version>/.exec(match[4] ?? '');
    const version = found.version ?? found.versionoverride ?? nested?.[1];
    const privateAssets = (found.privateassets ?? /<PrivateAssets>\s*([^<]*)</.exec(match[4] ?? '')?.[1] ?? '').toLowerCase();
    dependencies.push({ ecosystem: 'nuget', name, ...(version ? { version } : {}), line: lineOfOffset(starts, match.index as number), scope: privateAssets === 'all' ? 'build' : 'runtime' });
  }
  return { dependencies, problems: [] };
}

/** packages.config: `<package id="…" version="…" />`. */
export function parsePackagesConfig(text: string): Parsed {
  const clean = blankXmlComments(text);
  const starts = lineStarts(text);
  const dependencies: Dependency[] = [];
  for (const match of clean.matchAll(/<package\b([^>]*?)\/?>/g)) {
    const found = attributes(match[1] as string);
    if (!found.id) continue;
    dependencies.push({ ecosystem: 'nuget', name: found.id, ...(found.version ? { version: found.version } : {}), line: lineOfOffset(starts, match.index as number), scope: found.developmentdependency === 'true' ? 'development' : 'runtime' });
  }
  return { dependencies, problems: [] };
}
