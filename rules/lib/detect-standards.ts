/**
 * Open standards and best practices the repository itself shows, as one pure
 * helper that both `standards-declared` (dpg-8-01, a requirement) and
 * `standards-in-repository` (dpg-8-03, advice) use — neither rule reads the
 * other's output. Results are memoised per snapshot (snapshots are immutable),
 * so the README/docs scan runs once per candidate.
 */
import type { Facts, RuleContext } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import type { Snapshot } from '../../src/rule-api.js';
import { compilePatterns, fileEvidence, findLine, isVendored, pathsMatchingEach, readText, sortPaths } from '../../src/helpers.js';
import { readDependencies, pyName, type Dependency, type Ecosystem } from './dependencies.js';
import table from '../8-standards-practices/standards.json' with { type: 'json' };
import practices from '../8-standards-practices/practices.json' with { type: 'json' };

interface StandardPattern {
  name: string;
  files: RegExp[];
  fileContent?: RegExp;
  dependencies: Partial<Record<Ecosystem, string[]>>;
  /** Case-sensitive: acronyms (DID, STAC, OGC) are words in lower case. */
  mentions?: RegExp;
}

interface StandardEntry { name: string; files?: string[]; fileContent?: string; dependencies?: Partial<Record<Ecosystem, string[]>>; mentions?: string }

const STANDARDS: readonly StandardPattern[] = (table.standards as StandardEntry[]).map((s) => ({
  name: s.name,
  files: (s.files ?? []).map((p) => new RegExp(p, 'i')),
  ...(s.fileContent !== undefined ? { fileContent: new RegExp(s.fileContent, 'm') } : {}),
  dependencies: s.dependencies ?? {},
  ...(s.mentions !== undefined ? { mentions: new RegExp(s.mentions) } : {}),
}));
/** Each standard's file patterns, in the table's order (`pathsMatchingEach` finds them in one pass). */
const STANDARD_FILES = STANDARDS.map((standard) => standard.files);
const DOCUMENTS = new RegExp(table.scan.documentPaths, 'i');

export interface DetectedStandard {
  name: string;
  where: string;
  evidence: Evidence;
  /** `file` and `dependency` show the standard in use; a `mention` only names it. */
  how: 'file' | 'dependency' | 'mention';
}

/** Whether a dependency is the package `pattern` names (`group:*` takes a whole Maven group). */
function dependencyMatches(dependency: Dependency, pattern: string): boolean {
  if (dependency.ecosystem === 'maven' && pattern.endsWith(':*')) return dependency.name.startsWith(pattern.slice(0, -1));
  return dependency.ecosystem === 'pypi' ? pyName(pattern) === dependency.name : pattern === dependency.name;
}

/** Standards seen in the repository, each once, with the first place it was seen (files, then dependencies, then mentions). */
function scanStandards(context: StandardsContext, maxDocuments: number): DetectedStandard[] {
  const { snapshot } = context;
  const found = new Map<string, DetectedStandard>();
  const filesOf = pathsMatchingEach(snapshot, STANDARD_FILES);
  STANDARDS.forEach((standard, at) => {
    for (const path of filesOf[at] as string[]) {
      if (standard.fileContent && !standard.fileContent.test(readText(snapshot, path)?.slice(0, 64 * 1024) ?? '')) continue;
      found.set(standard.name, { name: standard.name, where: `file ${path}`, evidence: fileEvidence(path), how: 'file' });
      break;
    }
  });
  const dependencies = readDependencies(context.facts?.dependencies ?? snapshot);
  for (const standard of STANDARDS) {
    if (found.has(standard.name)) continue;
    const hit = dependencies.find((d) => (standard.dependencies[d.ecosystem] ?? []).some((p) => dependencyMatches(d, p)));
    if (hit) found.set(standard.name, { name: standard.name, where: `dependency ${hit.name} (${hit.path}:${hit.line})`, evidence: fileEvidence(hit.path, { line: hit.line }), how: 'dependency' });
  }
  // A vendored library's README speaks of the library's standards (a map plugin's OGC services), not the candidate's.
  const vendored = (p: string): boolean => (context.facts?.paths ? context.facts.paths.classOf(p) === 'vendored' : isVendored(p));
  const documents = sortPaths(snapshot.paths.filter((p) => DOCUMENTS.test(p) && !vendored(p))).slice(0, maxDocuments);
  for (const path of documents) {
    const pending = STANDARDS.filter((s) => s.mentions && !found.has(s.name));
    if (pending.length === 0) break;
    const text = readText(snapshot, path);
    if (!text) continue;
    for (const standard of pending) {
      const at = findLine(text, standard.mentions as RegExp);
      if (at) found.set(standard.name, { name: standard.name, where: `${path}:${at.line}`, evidence: fileEvidence(path, at), how: 'mention' });
    }
  }
  // Report in the table's order, which groups related standards.
  return STANDARDS.map((s) => found.get(s.name)).filter((d): d is DetectedStandard => d !== undefined);
}

/** Whether a declared standard name speaks of the detected one ("HL7 FHIR R4 (Appointment)" of "HL7 FHIR"). */
export function isDeclared(detected: string, declaredNames: readonly string[]): boolean {
  const keys = detected.toLowerCase().split(/[^a-z0-9.]+/).filter((w) => w.length >= 3 && !['and', 'the', 'web', 'services', 'testing', 'data', 'open'].includes(w));
  return declaredNames.some((name) => {
    const lower = name.toLowerCase();
    return keys.some((k) => new RegExp(`(^|[^a-z0-9])${k.replace(/\./g, '\\.')}([^a-z0-9]|$)`).test(lower));
  });
}

/** A rule's context (or `dpg-check init`'s, with the same facts); a bare snapshot without facts, for tests. */
type StandardsContext = Pick<RuleContext, 'snapshot'> & { readonly facts?: Pick<Facts, 'dependencies' | 'paths'> };

const cache = new WeakMap<Snapshot, Map<number, DetectedStandard[]>>();

/** Standards seen in the repository, each once, with the first place it was seen (files, then dependencies, then mentions). Memoised per snapshot. */
export function detectStandards(context: StandardsContext, maxDocuments: number = table.scan.maxDocuments): DetectedStandard[] {
  const bySize = cache.get(context.snapshot) ?? new Map<number, DetectedStandard[]>();
  cache.set(context.snapshot, bySize);
  const known = bySize.get(maxDocuments);
  if (known) return known;
  const found = scanStandards(context, maxDocuments);
  bySize.set(maxDocuments, found);
  return found;
}

/** A best practice the repository shows (CI, tests, linting…), with its first file. */
export interface DetectedPractice { name: string; path: string }

const PRACTICE_CATEGORIES = practices.categories.map((c) => ({ name: c.name, patterns: compilePatterns(c.patterns) }));
const PRACTICE_PATTERNS = PRACTICE_CATEGORIES.map((c) => c.patterns);
const PRACTICE_CLAIMS = Object.entries(practices.claims).map(([name, pattern]) => ({ name, pattern: new RegExp(pattern, 'i') }));

/** The practice categories of practices.json present in the repository. */
export function detectPractices(snapshot: Snapshot): DetectedPractice[] {
  return practicePaths(snapshot)
    .map((c) => ({ name: c.name, path: c.paths[0] }))
    .filter((p): p is DetectedPractice => p.path !== undefined);
}

const practicesOf = new WeakMap<readonly string[], readonly { name: string; paths: readonly string[] }[]>();

/**
 * Each practice category of practices.json with its files, shallowest first (empty when absent). Memoised per path
 * list: standards-declared and practices-in-repository both ask, and a large tree's test files alone are thousands.
 */
export function practicePaths(snapshot: Snapshot): readonly { name: string; paths: readonly string[] }[] {
  let found = practicesOf.get(snapshot.paths);
  if (!found) {
    const pathsOf = pathsMatchingEach(snapshot, PRACTICE_PATTERNS);
    found = Object.freeze(PRACTICE_CATEGORIES.map((c, at) => Object.freeze({ name: c.name, paths: Object.freeze(pathsOf[at] as string[]) })));
    practicesOf.set(snapshot.paths, found);
  }
  return found;
}

/** The practice a declared best-practice name claims ("Automated Testing" → automated tests), if the table knows it. */
export function practiceClaimed(name: string): string[] {
  return PRACTICE_CLAIMS.filter((c) => c.pattern.test(name)).map((c) => c.name);
}
