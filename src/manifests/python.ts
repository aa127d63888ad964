/** Python: requirements files, pyproject.toml (PEP 621, PEP 735, Poetry, PDM), Pipfile, Pipfile.lock, poetry.lock, uv.lock. */
import { parse as parseToml } from 'smol-toml';
import type { Dependency, DependencyScope } from './types.js';
import { blankHashCommentInLine, escapeRegExp, findLineIndex, splitLines } from './lines.js';
import { jsonKeyLine, type Parsed } from './npm.js';

/** PEP 503 normalised name: `Flask_PyMongo` → `flask-pymongo`. */
export function normalisePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Group names that are tools around the product rather than part of it. */
const DEVELOPMENT_GROUP = /^(dev|develop|development|test|tests|testing|lint|linting|docs?|typing|types|mypy|style|format|ci|qa|check|bench|benchmark)([-_].*)?$/i;

export function groupScope(group: string, otherwise: DependencyScope): DependencyScope {
  return DEVELOPMENT_GROUP.test(group) ? 'development' : otherwise;
}

export interface Requirement { name: string; version?: string }

/** A PEP 508 requirement: `pymongo[srv]>=4.0,<5 ; python_version>"3.8"`, `name @ https://…`. */
export function parseRequirement(text: string): Requirement | undefined {
  const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/.exec(text);
  if (!match) return undefined;
  const name = normalisePythonName(match[1] as string);
  let rest = (match[2] as string).replace(/;.*$/, '').trim();
  if (rest.startsWith('@')) return { name };
  rest = rest.replace(/^\((.*)\)$/, '$1').trim();
  if (rest !== '' && !/^(===|==|~=|!=|<=|>=|<|>)/.test(rest)) return undefined;
  return rest === '' ? { name } : { name, version: rest };
}

/** requirements.txt and friends; `scope` comes from the file name (requirements-dev.txt is development). */
export function parseRequirements(text: string, scope: DependencyScope): Parsed {
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  for (let index = 0; index < lines.length; index++) {
    let line = blankHashCommentInLine(lines[index] as string).trim();
    const first = index;
    while (line.endsWith('\\') && index + 1 < lines.length) {
      index++;
      line = `${line.slice(0, -1)} ${blankHashCommentInLine(lines[index] as string).trim()}`;
    }
    // Options (-r, -e, --hash, --index-url), URLs and paths are not named requirements.
    if (line === '' || line.startsWith('-') || /^(\.|\/|[a-z+]+:\/\/)/i.test(line)) continue;
    const requirement = parseRequirement(line.replace(/\s--hash=\S+/g, ''));
    if (requirement) dependencies.push({ ecosystem: 'pypi', ...requirement, line: first + 1, scope });
  }
  return { dependencies, problems: [] };
}

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A TOML manifest's top-level table, or the one problem that stops it being read (pyproject.toml, Pipfile). */
function tomlManifestTable(text: string): { data: Table } | { unreadable: Parsed } {
  try {
    return { data: parseToml(text) as Table };
  } catch (error) {
    return { unreadable: { dependencies: [], problems: [`not valid TOML (${firstLine(error)})`] } };
  }
}

export function parsePyproject(text: string): Parsed {
  const manifest = tomlManifestTable(text);
  if ('unreadable' in manifest) return manifest.unreadable;
  const { data } = manifest;
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  const fromList = (list: unknown, scope: DependencyScope, header: RegExp): void => {
    if (!Array.isArray(list)) return;
    const from = Math.max(0, findLineIndex(lines, header));
    for (const entry of list) {
      if (typeof entry !== 'string') continue;
      const requirement = parseRequirement(entry);
      if (!requirement) continue;
      const index = findLineIndex(lines, new RegExp(`["']${escapeRegExp(entry.trim())}["']`), from);
      dependencies.push({ ecosystem: 'pypi', ...requirement, line: (index === -1 ? from : index) + 1, scope });
    }
  };
  const project = isTable(data.project) ? data.project : {};
  fromList(project.dependencies, 'runtime', /^\s*\[project\]\s*$/);
  if (isTable(project['optional-dependencies'])) {
    for (const [group, list] of Object.entries(project['optional-dependencies'])) fromList(list, groupScope(group, 'optional'), /^\s*\[project\.optional-dependencies\]/);
  }
  if (isTable(data['dependency-groups'])) {
    for (const [group, list] of Object.entries(data['dependency-groups'])) fromList(list, groupScope(group, 'optional'), /^\s*\[dependency-groups\]/);
  }
  const tool = isTable(data.tool) ? data.tool : {};
  const poetry = isTable(tool.poetry) ? tool.poetry : {};
  fromTable(dependencies, lines, poetry.dependencies, 'runtime', 'tool.poetry.dependencies');
  fromTable(dependencies, lines, poetry['dev-dependencies'], 'development', 'tool.poetry.dev-dependencies');
  if (isTable(poetry.group)) {
    for (const [group, body] of Object.entries(poetry.group)) {
      if (isTable(body)) fromTable(dependencies, lines, body.dependencies, groupScope(group, group === 'main' ? 'runtime' : 'optional'), `tool.poetry.group.${group}.dependencies`);
    }
  }
  const pdm = isTable(tool.pdm) ? tool.pdm : {};
  if (isTable(pdm['dev-dependencies'])) {
    for (const list of Object.values(pdm['dev-dependencies'])) fromList(list, 'development', /^\s*\[tool\.pdm\.dev-dependencies\]/);
  }
  return { dependencies, problems: [] };
}

/** `name = "^1.2"` or `name = { version = "^1.2", … }` tables (Poetry, Pipfile). */
function fromTable(into: Dependency[], lines: readonly string[], table: unknown, scope: DependencyScope, header: string): void {
  if (!isTable(table)) return;
  const from = Math.max(0, findLineIndex(lines, new RegExp(`^\\s*\\[${escapeRegExp(header)}\\]\\s*$`)));
  for (const [declared, spec] of Object.entries(table)) {
    if (declared.toLowerCase() === 'python') continue;
    const version = typeof spec === 'string' ? spec : isTable(spec) && typeof spec.version === 'string' ? spec.version : undefined;
    const optional = isTable(spec) && spec.optional === true;
    const index = findLineIndex(lines, new RegExp(`^\\s*["']?${escapeRegExp(declared)}["']?\\s*=`), from);
    into.push({ ecosystem: 'pypi', name: normalisePythonName(declared), ...(version !== undefined ? { version } : {}), line: (index === -1 ? from : index) + 1, scope: optional && scope === 'runtime' ? 'optional' : scope });
  }
}

export function parsePipfile(text: string): Parsed {
  const manifest = tomlManifestTable(text);
  if ('unreadable' in manifest) return manifest.unreadable;
  const { data } = manifest;
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  fromTable(dependencies, lines, data.packages, 'runtime', 'packages');
  fromTable(dependencies, lines, data['dev-packages'], 'development', 'dev-packages');
  return { dependencies, problems: [] };
}

export function parsePipfileLock(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { dependencies: [], problems: [`not valid JSON (${firstLine(error)})`] };
  }
  if (!isTable(data)) return { dependencies: [], problems: ['not a JSON object'] };
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  for (const [section, scope] of [['default', 'runtime'], ['develop', 'development']] as const) {
    const packages = data[section];
    if (!isTable(packages)) continue;
    const sectionLine = findLineIndex(lines, new RegExp(`"${section}"\\s*:`));
    for (const [name, entry] of Object.entries(packages)) {
      const version = isTable(entry) && typeof entry.version === 'string' ? entry.version.replace(/^==/, '') : undefined;
      dependencies.push({ ecosystem: 'pypi', name: normalisePythonName(name), ...(version ? { version } : {}), line: jsonKeyLine(lines, name, sectionLine), scope, locked: true });
    }
  }
  return { dependencies, problems: [] };
}

/** poetry.lock and uv.lock: `[[package]]` tables with `name`, `version` (and `category = "dev"` in old Poetry). */
export function parsePackageTables(text: string): Parsed {
  const lines = splitLines(text);
  const dependencies: Dependency[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^\[\[package\]\]\s*$/.test(lines[index] as string)) continue;
    let name: string | undefined;
    let version: string | undefined;
    let nameLine = index;
    let dev = false;
    for (let next = index + 1; next < lines.length && !/^\[/.test(lines[next] as string); next++) {
      const field = /^(name|version|category)\s*=\s*"([^"]*)"/.exec(lines[next] as string);
      if (!field) continue;
      if (field[1] === 'name') { name = field[2] as string; nameLine = next; }
      else if (field[1] === 'version') version = field[2] as string;
      else if (field[2] === 'dev') dev = true;
    }
    if (name !== undefined) dependencies.push({ ecosystem: 'pypi', name: normalisePythonName(name), ...(version ? { version } : {}), line: nameLine + 1, scope: dev ? 'development' : 'runtime', locked: true });
  }
  return { dependencies, problems: [] };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
}
