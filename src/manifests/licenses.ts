/**
 * Licence fields of package manifests in the main ecosystems. Values are
 * reported as written when they are SPDX expressions; names that manifests
 * conventionally use instead (Maven's "The Apache Software License, Version
 * 2.0", Python's trove classifiers, R's "GPL (>= 2)") are read as the
 * licence they name, with the original kept in the note. Nothing is
 * "corrected": a value that is neither stays as written, and the rules say
 * it is not an SPDX expression.
 */
import { parse as parseToml } from 'smol-toml';
import { namesIn } from '../licenses/notice.js';
import { parseLicenseExpression } from '../licenses/policy.js';
import { normalizeSpdx } from '../licenses/spdx.js';
import { anyOf } from '../text/any-of.js';
import { lineIndex } from '../text/line-index.js';

export interface ManifestLicense {
  spdx: string;
  line?: number;
  /** The value as the manifest writes it, when it differs from `spdx`. */
  original?: string;
  /** `license-file` style pointers: the manifest defers to a file. */
  file?: string;
  /** Why `spdx` is `NOASSERTION` although the manifest names something (`GPL` without a version, `TBD`). */
  ambiguous?: string;
  /**
   * The manifest packages content, not software: a FHIR package (`fhirVersions`, the FHIR NPM package format of
   * an implementation guide) licenses its conformance resources, not the application beside it.
   */
  content?: true;
}

export interface ManifestReader {
  /** Matches the file name (not the path). */
  name: RegExp;
  read(text: string): ManifestLicense[];
}

/** Line of the first occurrence of a value in the text (manifests parsed as data lose positions). */
function lineOfValue(text: string, value: string): number | undefined {
  const at = text.indexOf(value);
  return at < 0 ? undefined : lineIndex(text).lineOf(at);
}

/**
 * The value as a valid SPDX expression (`normalizeSpdx`: spdx-correct,
 * guarded against guesses), with what was written kept in `original`; an
 * ambiguous value is `NOASSERTION` with the reason.
 */
export function fromValue(value: string, text: string): ManifestLicense | undefined {
  const raw = value.trim();
  if (raw === '') return undefined;
  const line = lineOfValue(text, raw);
  const at = line !== undefined ? { line } : {};
  const normalized = normalizeSpdx(raw);
  return {
    spdx: normalized.spdx, ...at,
    ...(normalized.spdx !== raw ? { original: raw } : {}),
    ...(normalized.ambiguous ? { ambiguous: normalized.ambiguous } : {}),
  };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return strings(record.type ?? record.name ?? record.text ?? record.expression);
  }
  return [];
}

function json(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function toml(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Several licence values in one manifest field are alternatives (npm's, Composer's and Cargo's convention). */
function either(values: readonly string[], text: string): ManifestLicense[] {
  const found = values.map((v) => fromValue(v, text)).filter((l): l is ManifestLicense => l !== undefined);
  if (found.length <= 1) return found;
  const spdx = found.map((l) => (/\s/.test(l.spdx) ? `(${l.spdx})` : l.spdx)).join(' OR ');
  return parseLicenseExpression(spdx).ok ? [{ spdx, ...(found[0]?.line ? { line: found[0].line } : {}), original: values.join(', ') }] : found;
}

/** Python trove classifiers: "License :: OSI Approved :: MIT License". */
function classifiers(list: unknown, text: string): ManifestLicense[] {
  return strings(list)
    .filter((c) => /^License ::/.test(c))
    .map((c) => ({ c, ids: namesIn(c.replace(/^License ::\s*(OSI Approved ::\s*)?/, '').replace(/Apache Software License/i, 'Apache License 2.0').replace(/\bBSD License\b/i, 'BSD')) }))
    .filter(({ ids }) => ids.length === 1)
    .map(({ c, ids }) => ({ spdx: ids[0] as string, original: c, ...(lineOfValue(text, c) ? { line: lineOfValue(text, c) as number } : {}) }));
}

/** R's licence specifications: "MIT + file LICENSE", "GPL (>= 2)", "GPL-2 | GPL-3", "Apache License (== 2.0)". */
export function fromRLicense(field: string): { spdx?: string; file?: string } {
  const file = /\bfile\s+(LICEN[CS]E(?:\.\w+)?)/i.exec(field)?.[1];
  const alternatives = field.split('|').map((part) => part.replace(/\+\s*file\s+LICEN[CS]E(\.\w+)?/i, '').replace(/\bfile\s+LICEN[CS]E(\.\w+)?/i, '').trim()).filter(Boolean);
  const ids = alternatives.map(rLicenseId).filter((id): id is string => id !== undefined);
  if (ids.length === 0 || ids.length !== alternatives.length) return file ? { file } : {};
  return { spdx: ids.length === 1 ? (ids[0] as string) : ids.join(' OR '), ...(file ? { file } : {}) };
}

function rLicenseId(spec: string): string | undefined {
  const s = spec.replace(/\s+/g, ' ').trim();
  const gnu = /^(A|L)?GPL(?:-(\d)(?:\.(\d))?)?\s*(?:\((>=|==)?\s*(\d)(?:\.(\d))?\))?$/i.exec(s);
  if (gnu) {
    const family = `${(gnu[1] ?? '').toUpperCase()}GPL`;
    const major = gnu[2] ?? gnu[5];
    if (!major) return undefined;
    const minor = gnu[3] ?? gnu[6] ?? (family === 'LGPL' && major === '2' ? '1' : '0');
    return `${family}-${major}.${minor}-${gnu[4] === '>=' ? 'or-later' : 'only'}`;
  }
  const table: Readonly<Record<string, string>> = {
    mit: 'MIT', bsd_2_clause: 'BSD-2-Clause', bsd_3_clause: 'BSD-3-Clause', 'apache license 2.0': 'Apache-2.0', 'apache license (== 2.0)': 'Apache-2.0',
    'apache license (>= 2.0)': 'Apache-2.0', 'apache license': 'Apache-2.0', 'mpl-2.0': 'MPL-2.0', 'mozilla public license 2.0': 'MPL-2.0',
    cc0: 'CC0-1.0', 'cc by 4.0': 'CC-BY-4.0', 'cc by-sa 4.0': 'CC-BY-SA-4.0', 'cc by-nc 4.0': 'CC-BY-NC-4.0', 'cc by-nc-sa 4.0': 'CC-BY-NC-SA-4.0',
    unlimited: 'LicenseRef-R-Unlimited', 'artistic-2.0': 'Artistic-2.0', 'lucent public license': 'LPL-1.02', 'eupl-1.2': 'EUPL-1.2', 'eupl': 'EUPL-1.2',
  };
  return table[s.toLowerCase()];
}

/**
 * A FHIR package's package.json (https://confluence.hl7.org/display/FHIR/NPM+Package+Specification): it names the
 * FHIR versions it is for, or depends on the FHIR core packages (`hl7.fhir.r4.core`).
 */
function isFhirPackage(data: Record<string, unknown>): boolean {
  if (Array.isArray(data.fhirVersions) || Array.isArray(data['fhir-version-list'])) return true;
  const dependencies = record(data.dependencies);
  return dependencies !== undefined && Object.keys(dependencies).some((name) => /^hl7\.fhir\.(r\d|core)/.test(name));
}

export const MANIFEST_READERS: readonly ManifestReader[] = [
  { name: /^package\.json$/, read: (text) => {
    const data = json(text);
    if (!data) return [];
    // npm's "SEE LICENSE IN <file>": the file speaks for the package.
    const pointer = typeof data.license === 'string' ? /^\s*SEE LICEN[CS]E IN\s+(\S+)/i.exec(data.license)?.[1] : undefined;
    if (pointer) return [{ spdx: 'NOASSERTION', file: pointer.replace(/^\.\//, '') }];
    const found = either([...strings(data.license), ...(data.license === undefined ? strings(data.licenses) : [])], text);
    return isFhirPackage(data) ? found.map((license) => ({ ...license, content: true as const })) : found;
  } },
  { name: /^composer\.json$/, read: (text) => {
    const data = json(text);
    return data ? either(strings(data.license), text) : [];
  } },
  { name: /^Cargo\.toml$/, read: (text) => {
    const pkg = record(toml(text)?.package);
    if (!pkg) return [];
    const found = either(strings(pkg.license), text);
    if (found.length === 0 && typeof pkg['license-file'] === 'string') return [{ spdx: 'NOASSERTION', file: pkg['license-file'] }];
    return found;
  } },
  { name: /^pyproject\.toml$/, read: (text) => {
    const data = toml(text);
    const project = record(data?.project);
    const poetry = record(record(data?.tool)?.poetry);
    const found: ManifestLicense[] = [];
    for (const table of [project, poetry]) {
      if (!table) continue;
      const license = table.license;
      if (typeof license === 'string') found.push(...either([license], text));
      else if (record(license)?.text !== undefined) found.push(...either(strings(record(license)?.text), text));
      else if (typeof record(license)?.file === 'string') found.push({ spdx: 'NOASSERTION', file: record(license)?.file as string });
      if (typeof table['license-expression'] === 'string') found.push(...either([table['license-expression']], text));
      if (found.length === 0) found.push(...classifiers(table.classifiers, text));
    }
    return found;
  } },
  { name: /^setup\.cfg$/, read: (text) => {
    const metadata = /^\[metadata\][^[]*/m.exec(text)?.[0] ?? '';
    const value = /^\s*license\s*[=:]\s*(\S.*?)\s*$/m.exec(metadata)?.[1];
    if (value) return either([value], text);
    return classifiers(metadata.match(/License ::[^\n]+/g) ?? [], text);
  } },
  { name: /^setup\.py$/, read: (text) => {
    const value = /\blicen[cs]e\s*=\s*(['"])([^'"\n]+)\1/.exec(text)?.[2];
    if (value) return either([value], text);
    return classifiers(text.match(/License ::[^'"\n]+/g) ?? [], text);
  } },
  { name: /^pom\.xml$/, read: (text) => pomLicenses(text) },
  { name: /^build\.gradle(\.kts)?$/, read: (text) => {
    const block = /licen[cs]es?\s*\{[\s\S]{0,600}?\}/.exec(text)?.[0] ?? '';
    const name = /\bname(?:\s*=\s*|\.set\(\s*|\s+)(['"])([^'"\n]+)\1/.exec(block)?.[2];
    const url = /\burl(?:\s*=\s*|\.set\(\s*|\s+)(['"])([^'"\n]+)\1/.exec(block)?.[2];
    const value = name ?? url;
    return value ? either([value], text) : [];
  } },
  { name: /\.gemspec$/, read: (text) => {
    const list = /\.licen[cs]es\s*=\s*\[([^\]]*)\]/.exec(text)?.[1];
    const values = list ? [...list.matchAll(/(['"])([^'"]+)\1/g)].map((m) => m[2] as string) : [];
    const single = /\.licen[cs]e\s*=\s*(['"])([^'"\n]+)\1/.exec(text)?.[2];
    return either(values.length > 0 ? values : single ? [single] : [], text);
  } },
  { name: /^DESCRIPTION$/, read: (text) => {
    const match = /^License:\s*(\S.*?)\s*$/m.exec(text);
    if (!match?.[1]) return [];
    const field = match[1];
    const line = lineIndex(text).lineOf(match.index);
    const r = fromRLicense(field);
    if (r.spdx) return [{ spdx: r.spdx, line, ...(r.spdx !== field ? { original: field } : {}), ...(r.file ? { file: r.file } : {}) }];
    if (r.file) return [{ spdx: 'NOASSERTION', line, original: field, file: r.file }];
    const value = fromValue(field, text);
    return value ? [{ ...value, line }] : [];
  } },
  { name: /^mix\.exs$/, read: (text) => {
    const list = /licen[cs]es:\s*\[([^\]]*)\]/.exec(text)?.[1];
    return list ? either([...list.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string), text) : [];
  } },
  { name: /\.(csproj|fsproj|vbproj)$|^Directory\.Build\.props$/, read: (text) => {
    const value = /<PackageLicenseExpression>\s*([^<]+?)\s*<\/PackageLicenseExpression>/i.exec(text)?.[1];
    if (value) return either([value], text);
    const file = /<PackageLicenseFile>\s*([^<]+?)\s*<\/PackageLicenseFile>/i.exec(text)?.[1];
    return file ? [{ spdx: 'NOASSERTION', file }] : [];
  } },
  { name: /\.nuspec$/, read: (text) => {
    const expression = /<license\s+type\s*=\s*["']expression["'][^>]*>\s*([^<]+?)\s*<\/license>/i.exec(text)?.[1];
    if (expression) return either([expression], text);
    const url = /<licenseUrl>\s*([^<]+?)\s*<\/licenseUrl>/i.exec(text)?.[1];
    return url ? either([url], text) : [];
  } },
];

/** Maven: every <license> of <licenses>, by name (or URL); several are alternatives, as Maven means them. */
function pomLicenses(text: string): ManifestLicense[] {
  const section = /<licenses>([\s\S]*?)<\/licenses>/i.exec(text)?.[1];
  if (!section) return [];
  const values: string[] = [];
  for (const license of section.matchAll(/<license>([\s\S]*?)<\/license>/gi)) {
    const body = license[1] ?? '';
    const name = /<name>\s*([^<]+?)\s*<\/name>/i.exec(body)?.[1];
    const url = /<url>\s*([^<]+?)\s*<\/url>/i.exec(body)?.[1];
    const fromName = name ? fromValue(name, text) : undefined;
    if (fromName && parseLicenseExpression(fromName.spdx).ok) values.push(name as string);
    else if (url && namesIn(url).length === 1) values.push(url);
    else if (name) values.push(name);
  }
  return either(values, text);
}

/** Whether a name is any reader's, as one alternation: asked of every path of a tree, it rules out nearly all at one test instead of thirteen. */
const MANIFEST_NAME = anyOf(MANIFEST_READERS.map((reader) => reader.name));

/** The reader for a file name, if it is a manifest. */
export function manifestReader(fileName: string): ManifestReader | undefined {
  return MANIFEST_NAME(fileName) ? MANIFEST_READERS.find((reader) => reader.name.test(fileName)) : undefined;
}
