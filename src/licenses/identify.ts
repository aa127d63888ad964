/**
 * Every licence a candidate shows, and where: licence files identified from
 * their text (`match.ts`), REUSE `LICENSES/`, `REUSE.toml` and
 * `.reuse/dep5`, `SPDX-License-Identifier` headers, notices that name a
 * licence, files that point to another file, the README's licence section,
 * and the licence fields of package manifests (`src/manifests/licenses.ts`), at the root
 * and in package subfolders (reported with their path). Vendored trees, test
 * fixtures and third-party notices are not the candidate's licence
 * (`files.ts`). The declaration's own licences are listed too (method
 * `declared`), so rules compare like with like.
 *
 * Pure: reads through the snapshot, never the file system.
 */
import type { DeclarationView } from '../rule-api.js';
import type { IdentifiedLicense } from '../model.js';
import type { Snapshot } from '../snapshot/types.js';
import { identifyLicenseText, formatDifferences, type TextMatch } from './match.js';
import { basename, dirname, findLicenseFiles, isReuseLicense, isThirdParty, reuseLicenseId } from './files.js';
import { creativeCommonsTitle, findNotices, isCopyrightOnly, isRLicenseStub, pointerTarget, relLicenseLinks, type NamedLicense } from './notice.js';
import { manifestReader } from '../manifests/index.js';
import { readDep5, readReuseToml } from './reuse.js';
import { licenseFamily, parseLicenseExpression } from './policy.js';
import { normalizeSpdx } from './spdx.js';
import { checkedRepository } from '../../rules/lib/repository-url.js';
import { scopeLicenses, type ComponentPart } from './scope.js';
import type { PathClass } from '../model.js';
import { lineIndex } from '../text/line-index.js';
import { sortPaths } from '../text/compare.js';
import { isRtf, rtfToText } from './rtf.js';

const SPDX_HEADER = /SPDX-License-Identifier:\s*([^\s*/#;"'<>][^*\n\r;"'<>]*?)\s*(?:\*\/|-->|$)/m;

/** Most licence-like files read (a monorepo with hundreds of packages still gets every root and the first packages). */
const MAX_LICENSE_FILES = 200;
/** Most manifests read. */
const MAX_MANIFESTS = 100;
/** Source files sampled for SPDX-License-Identifier headers, shallowest first. */
const MAX_HEADER_FILES = 200;
const SOURCE_FILE = /\.(c|h|cc|cpp|hpp|cs|go|java|kt|kts|js|mjs|cjs|jsx|ts|tsx|py|rb|rs|php|swift|m|scala|sh|bash|pl|ex|exs|erl|hs|lua|r|R|dart|vue|svelte|css|scss|html|sql|ya?ml|toml|tf)$/;
/** Files of additional terms that change a licence (Facebook's PATENTS rider). */
const ADDITIONAL_TERMS = /^(patents?|additional[-_ ]terms)(\.(md|txt))?$/i;
const README = /^readme(\.(md|markdown|rst|txt|adoc|org))?$/i;

/** Words every licence text has, a custom one too: what it grants or permits, on what terms, with what warranty. */
const LICENCE_WORDS = /\b(permi(t|ts|tted|ssions?)|grant|licensee|licensor|licensed|rights?\b|warrant|liabil|copyright|redistribut|reproduc|terms\b|conditions)|©/i;

/**
 * The candidate's licence files: the licence-like names of `findLicenseFiles`, less the documents only named like
 * one. A `<name>-license` or `license-<name>` file whose text has none of the words every licence has, and names
 * no licence, is about a licence, not one: vxnaid's docs/config/iris-license.md tells how to install a proprietary SDK's licence
 * key ("The iris scan functionality requires a Neurotechnology 'IrisExtractor' license"). Read as a licence, it was
 * an unidentified custom licence (dpg-2-06) and one of the candidate's licence files (dpg-2-03).
 */
export function candidateLicenseFiles(snapshot: Snapshot): string[] {
  return findLicenseFiles(snapshot.paths).filter((path) => !isAboutALicence(snapshot, path));
}

function isAboutALicence(snapshot: Snapshot, path: string): boolean {
  // LICENSE, COPYING.LESSER, LICENCE.md: always the licence file. A longer name (LICENSE-MIT, cht-core's
  // scripts/ci/andra-bot-messages/license-changed.md, a bot's message about PR descriptions) is one when its text is.
  if (/^((un)?licen[cs]e|copying)(\.[^.]+)*$/i.test(basename(path))) return false;
  const text = read(snapshot, path);
  if (text === undefined || text.trim() === '' || LICENCE_WORDS.test(text)) return false;
  // A file that only names its licence ("MIT", "This project is under the Apache License 2.0") is a licence notice.
  return findNotices(text, { bare: text.trim().split(/\s+/).length <= 40 }).length === 0 && creativeCommonsTitle(text) === undefined;
}

export function identifyLicenses(
  snapshot: Snapshot, declaration: DeclarationView, licenseFiles: readonly string[] = candidateLicenseFiles(snapshot), classOf?: (path: string) => PathClass,
): IdentifiedLicense[] {
  const found: IdentifiedLicense[] = [];
  (declaration.data?.licenses ?? []).forEach((license, index) => {
    if (typeof license?.spdx !== 'string' || license.spdx.trim() === '') return;
    const at = declaration.locate(`licenses[${index}].spdx`);
    found.push({ spdx: license.spdx.trim(), path: declaration.path ?? 'declaration', confidence: 1, method: 'declared', ...(at ? { line: at.line } : {}) });
  });
  const identified = new Set<string>();
  const manifests = manifestLicenses(snapshot);

  const queue = [...licenseFiles.slice(0, MAX_LICENSE_FILES), ...snapshot.paths.filter((p) => ADDITIONAL_TERMS.test(basename(p)) && !isThirdParty(p))];
  for (const path of queue) {
    if (identified.has(path)) continue;
    identified.add(path);
    found.push(...licenseFileLicenses(snapshot, path, manifests, identified));
  }
  found.push(...reuseLicenses(snapshot));
  // "license-file = LICENSE", "file LICENSE": the licence file speaks for these.
  for (const m of manifests) if (!(m.spdx === 'NOASSERTION' && m.file)) found.push(m.license);
  found.push(...readmeLicenses(snapshot, ownRepositoryName(snapshot, declaration)));
  found.push(...headerLicenses(snapshot, new Set(licenseFiles)));
  return scopeLicenses(found.map(asSpdx), classOf);
}

/**
 * Every entry's `spdx` a valid SPDX expression or `NOASSERTION`; what was
 * written kept in `raw`. An ambiguous value (`GPL`, `TBD`) is NOASSERTION and
 * needs a person (`review`), never a confident id.
 */
function asSpdx(license: IdentifiedLicense): IdentifiedLicense {
  if (license.spdx === 'NOASSERTION') return license;
  const normalized = normalizeSpdx(license.spdx);
  if (normalized.spdx === license.spdx) return license;
  const raw = license.raw ?? license.spdx;
  if (normalized.spdx !== 'NOASSERTION') return { ...license, spdx: normalized.spdx, raw };
  const { diff: _diff, ...rest } = license;
  return { ...rest, spdx: 'NOASSERTION', raw, confidence: 0, review: true, note: normalized.ambiguous ?? `"${raw}" is not an SPDX licence expression` };
}

/** A licence file's text: an RTF document's as text (src/licenses/rtf.ts), line for line. */
function read(snapshot: Snapshot, path: string): string | undefined {
  const text = snapshot.has(path) ? snapshot.read(path)?.text : undefined;
  return text !== undefined && isRtf(text) ? rtfToText(text) : text;
}

function fromMatches(matches: readonly TextMatch[], path: string, note?: string): IdentifiedLicense[] {
  // An LGPL file that embeds the GPL it supplements is the LGPL.
  const lgpl = matches.find((m) => /^LGPL-3\.0/.test(m.id));
  const list = lgpl ? matches.filter((m) => !/^GPL-3\.0/.test(m.id)) : [...matches];
  const embedsGpl = lgpl !== undefined && list.length < matches.length;
  return list.map((m) => {
    const why = note ?? (embedsGpl && m === lgpl ? 'the file also carries the GPL-3.0 text the LGPL-3.0 supplements' : undefined);
    return {
      spdx: m.id,
      path,
      confidence: m.confidence,
      method: 'text' as const,
      line: m.fromLine,
      ...(m.verdict === 'review' ? { review: true as const, diff: formatDifferences(m.differences, 5) } : {}),
      ...(why ? { note: why } : {}),
    };
  });
}

/** One licence-like file: its text, else a header, a notice, a pointer, a stub or nothing identifiable. */
function licenseFileLicenses(snapshot: Snapshot, path: string, manifests: readonly FoundManifest[], identified: Set<string>): IdentifiedLicense[] {
  const text = read(snapshot, path);
  if (text === undefined) return [];
  const matches = identifyLicenseText(text);
  if (matches.length > 0) return withCreativeCommonsTitle(fromMatches(matches, path), text);
  const header = SPDX_HEADER.exec(text);
  if (header?.[1]) return [{ spdx: header[1].trim(), path, confidence: 1, method: 'spdx-header', line: lineIndex(text).lineOf(header.index) }];
  const stub = isRLicenseStub(text);
  if (stub) {
    // R's stub completes "MIT + file LICENSE" in DESCRIPTION; the licence is the manifest's.
    const description = manifests.find((m) => m.dir === dirname(path) && m.manifest === 'DESCRIPTION');
    return description && description.license.spdx !== 'NOASSERTION'
      ? [{ spdx: description.license.spdx, path, confidence: 0.95, method: 'manifest', line: 1, note: `R licence stub (year and holder) completing "${description.raw}" in ${description.path}` }]
      : [];
  }
  const target = pointerTarget(text);
  if (target) {
    const resolved = resolvePath(dirname(path), target);
    if (resolved && snapshot.has(resolved) && !identified.has(resolved)) {
      identified.add(resolved);
      const pointed = read(snapshot, resolved);
      const inTarget = pointed ? identifyLicenseText(pointed) : [];
      if (inTarget.length > 0) return fromMatches(inTarget, resolved, `${path} points to this file`);
    }
    if (resolved && snapshot.has(resolved)) return [];
  }
  const notices = findNotices(text, { bare: text.trim().split(/\s+/).length <= 40 });
  if (notices.length > 0) {
    return notices.map((n) => ({ spdx: n.spdx, path, confidence: 0.9, method: 'notice' as const, line: n.line, note: `names the licence: "${n.phrase}"`, ...partScope(path, n) }));
  }
  const named = creativeCommonsTitle(text);
  if (named) return [{ spdx: named, path, confidence: 0.8, method: 'notice', line: 1, note: 'title or URL of the Creative Commons licence; the text itself was not recognised', review: true }];
  const why = text.trim() === ''
    ? 'the file is empty'
    : isCopyrightOnly(text)
      ? 'only a copyright notice: it grants no licence'
      : ADDITIONAL_TERMS.test(basename(path))
        ? 'additional terms (e.g. a patent grant with its own conditions) that change the licence: review them'
        : 'no SPDX licence matches this text: a custom or modified licence, review it';
  return [{ spdx: 'NOASSERTION', path, confidence: 0, method: 'text', review: true, note: why }];
}

/**
 * Creative Commons bodies differ in a few words; the title or URL says which
 * licence the file means. When they disagree the file needs a person.
 */
function withCreativeCommonsTitle(licenses: IdentifiedLicense[], text: string): IdentifiedLicense[] {
  const named = creativeCommonsTitle(text);
  if (!named) return licenses;
  return licenses.map((license) => {
    if (!/^CC-BY/.test(license.spdx) || license.spdx === named) return license;
    return { ...license, review: true, confidence: Math.min(license.confidence, 0.6), diff: [...(license.diff ?? []), `the title or URL names ${named}, the text is ${license.spdx}`] };
  });
}

function resolvePath(base: string, target: string): string | undefined {
  const parts = (target.startsWith('/') ? target.slice(1) : base ? `${base}/${target}` : target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') { if (out.length === 0) return undefined; out.pop(); continue; }
    out.push(part);
  }
  return out.join('/');
}

/** REUSE `LICENSES/<id>.txt`: the file name is the SPDX id; the text confirms it (or not). */
function reuseLicenses(snapshot: Snapshot): IdentifiedLicense[] {
  const found: IdentifiedLicense[] = [];
  for (const path of snapshot.paths.filter(isReuseLicense).slice(0, MAX_LICENSE_FILES)) {
    const named = reuseLicenseId(path);
    const text = read(snapshot, path) ?? '';
    const matches = identifyLicenseText(text);
    const same = matches.find((m) => m.ids.some((id) => licenseFamily(id) === licenseFamily(named)) || licenseFamily(m.id) === licenseFamily(named));
    if (same) {
      found.push(...fromMatches([same], path, `REUSE licence file for ${named}`));
    } else if (matches.length > 0 && /^LicenseRef-/i.test(named)) {
      found.push(...fromMatches(matches, path, `REUSE licence file ${named}, whose text is an SPDX licence`));
    } else if (matches.length > 0) {
      found.push(...fromMatches(matches, path, `REUSE file named ${named}, but its text is another licence`).map((l) => ({ ...l, review: true as const })));
    } else {
      found.push({ spdx: named, path, confidence: parseLicenseExpression(named).ok && !/^LicenseRef-/i.test(named) ? 0.8 : 0.5, method: 'filename', note: 'REUSE licence file, named by its SPDX id; the text was not recognised' });
    }
  }
  for (const path of ['REUSE.toml', '.reuse/dep5']) {
    const text = read(snapshot, path);
    if (text === undefined) continue;
    const annotations = path === 'REUSE.toml' ? readReuseToml(text) : readDep5(text);
    const seen = new Set<string>();
    for (const annotation of annotations) {
      if (seen.has(annotation.spdx)) continue;
      seen.add(annotation.spdx);
      // An annotation for the whole tree is the project's licence; one for some paths covers those.
      const whole = annotation.paths.some((p) => /^(\*\*?|\.|\*\*\/\*|)$/.test(p.trim()));
      found.push({
        spdx: annotation.spdx, path, confidence: 1, method: 'spdx-header', line: annotation.line, note: `REUSE annotation for ${annotation.paths.slice(0, 3).join(', ')}${annotation.paths.length > 3 ? ', …' : ''}`,
        ...(whole ? { scope: 'project' as const } : { scope: 'component' as const, covers: annotation.paths[0] as string }),
      });
    }
  }
  return found;
}

interface FoundManifest {
  path: string;
  dir: string;
  manifest: string;
  raw: string;
  spdx: string;
  file?: string;
  license: IdentifiedLicense;
}

/** Manifests at the root and in package subfolders, shallowest first. */
function manifestLicenses(snapshot: Snapshot): FoundManifest[] {
  const candidates = sortPaths(snapshot.paths.filter((p) => manifestReader(basename(p)) !== undefined && !isThirdParty(p)))
    .slice(0, MAX_MANIFESTS);
  const found: FoundManifest[] = [];
  for (const path of candidates) {
    const text = read(snapshot, path);
    const reader = manifestReader(basename(path));
    if (text === undefined || !reader) continue;
    for (const license of reader.read(text)) {
      if (license.spdx === 'NOASSERTION' && license.file) {
        // "license-file = LICENSE" / "file LICENSE": the licence file speaks; nothing to report here.
        found.push({ path, dir: dirname(path), manifest: basename(path), raw: license.original ?? license.spdx, spdx: license.spdx, file: license.file, license: { spdx: 'NOASSERTION', path, confidence: 0, method: 'manifest' } });
        continue;
      }
      const note = license.ambiguous
        ? `${basename(path)} says "${license.original ?? license.spdx}": ${license.ambiguous.replace(/^"[^"]*" /, '')}`
        : license.original && license.original !== license.spdx ? `${basename(path)} says "${license.original}"` : undefined;
      found.push({
        path, dir: dirname(path), manifest: basename(path), raw: license.original ?? license.spdx, spdx: license.spdx,
        ...(license.file ? { file: license.file } : {}),
        license: {
          spdx: license.spdx, path, confidence: license.ambiguous ? 0 : note ? 0.9 : 1, method: 'manifest', ...(license.line ? { line: license.line } : {}), ...(note ? { note } : {}),
          ...(license.original && license.original !== license.spdx ? { raw: license.original } : {}), ...(license.ambiguous ? { review: true as const } : {}),
          // A FHIR package at the root licenses the implementation guide's content, beside the software.
          ...(license.content && !path.includes('/') ? { scope: 'component' as const, covers: 'content', note: `${basename(path)} is a FHIR package (an implementation guide's conformance resources): its licence covers that content, not the software` } : {}),
        },
      });
    }
  }
  return found;
}

/** The README's licence section: a licence text, or a notice; and notices in its first lines (badges, "released under"). */
function readmeLicenses(snapshot: Snapshot, ownName: string): IdentifiedLicense[] {
  const readme = snapshot.paths.filter((p) => !p.includes('/') && README.test(p)).sort((a, b) => Number(!/\.md$/i.test(a)) - Number(!/\.md$/i.test(b)))[0];
  const text = readme ? read(snapshot, readme) : undefined;
  if (!readme || text === undefined) return [];
  const section = licenseSection(text);
  if (section) {
    const matches = identifyLicenseText(section.text);
    if (matches.length > 0) return fromMatches(matches, readme, 'licence section of the README').map((l) => ({ ...l, line: (l.line ?? 1) + section.line - 1 }));
    const notices = findNotices(section.text, { bare: section.text.trim().split(/\s+/).length <= 40, prose: true }).filter((n) => !aboutAFramework(n, ownName));
    if (notices.length > 0) return notices.map((n) => ({ spdx: n.spdx, path: readme, confidence: 0.85, method: 'notice' as const, line: n.line + section.line - 1, note: `README licence section: "${n.phrase}"`, ...partScope(readme, n) }));
  }
  const head = text.split(/\r?\n/).slice(0, 15).join('\n');
  const inHead = findNotices(head, { prose: true }).filter((n) => !aboutAFramework(n, ownName)).map((n) => ({ spdx: n.spdx, path: readme, confidence: 0.8, method: 'notice' as const, line: n.line, note: `README: "${n.phrase}"`, ...partScope(readme, n) }));
  if (inHead.length > 0) return inHead;
  // A link marked rel="license" gives the page's own licence wherever it is (xr-accessibility-project: the Creative
  // Commons snippet as the README's last lines).
  return relLicenseLinks(text).map((l) => ({ spdx: l.spdx, path: readme, confidence: 0.85, method: 'notice' as const, line: l.line, note: `README: a link marked rel="license" to ${l.href}` }));
}

/**
 * A README sentence giving the licence of a named framework or library, not of the project: the README that
 * `laravel new` writes ends "The Laravel framework is open-sourced software licensed under the MIT license", and
 * an application that kept it (bisa-health) says nothing about its own licence. Unless the name is the checked
 * repository's own (a framework's own README), such a notice is not the project's.
 */
const FRAMEWORK_SUBJECT = /^the\s+(\S+(?:\s+\S+)?)\s+(?:framework|library|sdk|starter kit|skeleton|boilerplate|template)\s+is\b/i;

function aboutAFramework(notice: NamedLicense, ownName: string): boolean {
  const name = notice.subject ? FRAMEWORK_SUBJECT.exec(notice.subject)?.[1] : undefined;
  if (name === undefined) return false;
  const plain = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return plain(name) !== '' && !plain(ownName).includes(plain(name));
}

/** The checked repository's name (`checkedRepository`), or else the checked folder's. */
function ownRepositoryName(snapshot: Snapshot, declaration: DeclarationView): string {
  const repository = checkedRepository(snapshot.source, declaration);
  return repository?.split('/').pop() ?? snapshot.source.location.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
}

/**
 * A root notice that gives a licence to one part ("Data: CC-BY-SA-4.0")
 * covers that part: a component, beside the software's project licence.
 */
function partScope(path: string, notice: NamedLicense): Pick<IdentifiedLicense, 'scope' | 'covers'> {
  if (path.includes('/') || notice.part === undefined) return {};
  return notice.part === 'software' ? { scope: 'project' } : { scope: 'component', covers: notice.part satisfies ComponentPart };
}

/** The text under a heading about the licence (markdown `#`, setext or reStructuredText underlines). */
export function licenseSection(text: string): { text: string; line: number } | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const heading = (i: number): number | undefined => {
    const line = lines[i] ?? '';
    const atx = /^(#{1,6})\s+\S/.exec(line);
    if (atx) return (atx[1] as string).length;
    const next = lines[i + 1] ?? '';
    if (line.trim() !== '' && /^(=+|-+|~+|\^+)\s*$/.test(next) && next.trim().length >= Math.min(3, line.trim().length)) return next.startsWith('=') ? 1 : 2;
    return undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const level = heading(i);
    if (level === undefined || !/licen[cs]|copying|copyright/i.test(lines[i] as string)) continue;
    const start = /^(=+|-+|~+|\^+)\s*$/.test(lines[i + 1] ?? '') && !/^#/.test(lines[i] as string) ? i + 2 : i + 1;
    let end = start;
    while (end < lines.length) {
      const next = heading(end);
      if (next !== undefined && next <= level) break;
      end++;
    }
    return { text: lines.slice(start, end).join('\n'), line: start + 1 };
  }
  return undefined;
}

function slashes(path: string): number {
  let count = 0;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) count++;
  return count;
}

/** `SPDX-License-Identifier` headers in source files: each distinct expression once, with the first file and how many. */
function headerLicenses(snapshot: Snapshot, licenseFiles: ReadonlySet<string>): IdentifiedLicense[] {
  // Shallowest first; depths computed once, not in every comparison (50,000-file trees sort in milliseconds).
  const sources = snapshot.paths
    .filter((p) => SOURCE_FILE.test(p) && !isThirdParty(p) && !licenseFiles.has(p) && !README.test(basename(p)) && p !== 'REUSE.toml')
    .map((p) => ({ p, depth: slashes(p) }))
    .sort((a, b) => a.depth - b.depth || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0))
    .slice(0, MAX_HEADER_FILES)
    .map(({ p }) => p);
  const byExpression = new Map<string, { path: string; line: number; count: number }>();
  for (const path of sources) {
    const text = snapshot.read(path)?.text;
    if (!text) continue;
    const head = text.slice(0, 4000);
    const match = SPDX_HEADER.exec(head);
    if (!match?.[1]) continue;
    const spdx = match[1].trim();
    const entry = byExpression.get(spdx);
    if (entry) entry.count++;
    else byExpression.set(spdx, { path, line: lineIndex(head).lineOf(match.index), count: 1 });
  }
  return [...byExpression].map(([spdx, { path, line, count }]) => ({
    spdx, path, confidence: 1, method: 'spdx-header' as const, line,
    ...(count > 1 ? { note: `SPDX-License-Identifier in ${count} of the ${sources.length} source files sampled` } : {}),
  }));
}

/** The candidate's own licences, for summaries and comparisons: found (not declared or host), at the root. */
export interface LicenseSummary {
  /** Distinct licences found at the root (SPDX ids or expressions). */
  licenses: string[];
  /** Some root licence needs a person's review (modified text, unidentified file). */
  review: boolean;
  /** Licence files whose licence could not be identified. */
  unidentified: string[];
}

export function summarizeLicenses(licenses: readonly IdentifiedLicense[]): LicenseSummary {
  // The root's licence files, REUSE files and manifests, and the SPDX headers of the sources.
  const root = licenses.filter((l) => l.method !== 'declared' && l.method !== 'host' && (!l.path.includes('/') || /^LICENSES\//.test(l.path) || l.path === '.reuse/dep5' || l.method === 'spdx-header'));
  const found = root.filter((l) => l.spdx !== 'NOASSERTION');
  // LGPL-3.0 is a set of permissions added to the GPL-3.0: a project carries both texts (COPYING and
  // COPYING.LESSER) and is licensed under the LGPL.
  const families = new Set(found.map((l) => licenseFamily(l.spdx)));
  const supplemented = families.has('lgpl-3.0');
  const byFamily = new Map<string, string>();
  for (const l of found) {
    if (supplemented && licenseFamily(l.spdx) === 'gpl-3.0') continue;
    const key = parseLicenseExpression(l.spdx).ok ? l.spdx.split(/\s+/).map((t) => licenseFamily(t)).join(' ') : l.spdx.toLowerCase();
    if (!byFamily.has(key)) byFamily.set(key, l.spdx);
  }
  return {
    licenses: [...byFamily.values()].sort(),
    review: root.some((l) => l.review === true),
    unidentified: root.filter((l) => l.spdx === 'NOASSERTION').map((l) => l.path),
  };
}
