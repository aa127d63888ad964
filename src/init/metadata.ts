/**
 * The project's own name, description and homepage as its package manifest
 * states them, for `dpg-check init`: package.json, pyproject.toml (PEP 621
 * `[project]` or Poetry), an R package's DESCRIPTION, a Maven pom.xml. Only
 * the manifest at the root speaks for the candidate; the first that has a
 * field wins, in that order.
 */
import { parse as parseToml } from 'smol-toml';
import type { Snapshot } from '../snapshot/types.js';
import { readText } from '../helpers/common.js';

export type MetadataField = 'name' | 'description' | 'homepage';
export interface ManifestValue { value: string; from: string }
type Fields = Partial<Record<MetadataField, string>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : undefined);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function fromPackageJson(source: string): Fields {
  try {
    const data = record(JSON.parse(source));
    return { name: text(data.name), description: text(data.description), homepage: text(data.homepage) };
  } catch {
    return {};
  }
}

function fromPyproject(source: string): Fields {
  try {
    const data = record(parseToml(source));
    const project = record(data.project);
    const poetry = record(record(data.tool).poetry);
    const urls = record(project.urls);
    const homepage = Object.entries(urls).find(([key]) => /^(home-?page|homepage|documentation|website)$/i.test(key))?.[1];
    return { name: text(project.name) ?? text(poetry.name), description: text(project.description) ?? text(poetry.description), homepage: text(homepage) ?? text(poetry.homepage) };
  } catch {
    return {};
  }
}

/** DESCRIPTION is Debian-control-like: `Field: value`, continuation lines indented. */
function fromRDescription(source: string): Fields {
  const fields = new Map<string, string>();
  let current: string | undefined;
  for (const line of source.split(/\r?\n/)) {
    const field = /^([A-Za-z][\w.@-]*):\s*(.*)$/.exec(line);
    if (field) { current = field[1] as string; fields.set(current, field[2] as string); } else if (current && /^\s+\S/.test(line)) fields.set(current, `${fields.get(current) ?? ''} ${line.trim()}`);
  }
  const url = fields.get('URL')?.split(/[\s,]+/).find((u) => /^https?:\/\//.test(u));
  return { name: text(fields.get('Package')), description: text(fields.get('Title')) ?? text(fields.get('Description')), homepage: text(url) };
}

/** The project's own <name>, <description> and <url>: those of its parent, dependencies, plugins and people left out. */
function fromPom(source: string): Fields {
  let own = source.replace(/<!--[\s\S]*?-->/g, '');
  for (const nested of ['parent', 'dependencies', 'dependencyManagement', 'build', 'profiles', 'developers', 'contributors', 'organization', 'licenses', 'scm', 'distributionManagement', 'issueManagement', 'ciManagement', 'mailingLists', 'modules', 'reporting', 'repositories', 'pluginRepositories']) {
    own = own.replace(new RegExp(`<${nested}\\b[\\s\\S]*?</${nested}>`, 'g'), '');
  }
  const tag = (name: string): string | undefined => text(new RegExp(`<${name}>([^<]*)</${name}>`).exec(own)?.[1]);
  return { name: tag('name') ?? tag('artifactId'), description: tag('description'), homepage: tag('url') };
}

const READERS: readonly { file: string; read: (source: string) => Fields }[] = [
  { file: 'package.json', read: fromPackageJson },
  { file: 'pyproject.toml', read: fromPyproject },
  { file: 'DESCRIPTION', read: fromRDescription },
  { file: 'pom.xml', read: fromPom },
];

/** The first root manifest stating `field`, with where (`pyproject.toml name`). */
export function manifestField(snapshot: Snapshot, field: MetadataField): ManifestValue | undefined {
  for (const reader of READERS) {
    if (!snapshot.has(reader.file)) continue;
    const source = readText(snapshot, reader.file);
    const value = source ? reader.read(source)[field] : undefined;
    if (value && (field !== 'homepage' || /^https?:\/\//.test(value))) return { value, from: `${reader.file} ${field === 'homepage' && reader.file === 'pom.xml' ? 'url' : field}` };
  }
  return undefined;
}
