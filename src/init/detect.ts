/**
 * What `dpg-check init` can answer from the repository alone: every value it
 * prefills, with where it was seen, so the owner can check it. The same
 * readers the rules use (licences from the facts, copyright holders,
 * documentation, legal documents, standards, practices) — a prefilled answer
 * and the check that follows agree by construction.
 */
import { componentPart } from '../licenses/scope.js';
import type { Declaration } from '../declaration/types.js';
import type { SolutionType } from '../model.js';
import type { Facts, RuleContext } from '../rule-api.js';
import type { Snapshot } from '../snapshot/types.js';
import { findCopyrightLines } from '../../rules/lib/copyright.js';
import { sampleHeaderCopyright, collectiveProject } from '../../rules/lib/holders.js';
import { findContributorAgreements } from '../../rules/3-clear-ownership/contributor-agreement.js';
import { findDocumentation } from '../../rules/lib/find-documentation.js';
import { findLegalDocuments } from '../../rules/7-privacy-laws/legal-documents.js';
import { detectStandards } from '../../rules/8-standards-practices/standards-in-repository.js';
import { readDependencies, type Dependency, type Ecosystem } from '../../rules/lib/dependencies.js';
import { readCodeOfConduct } from '../../rules/lib/read-code-of-conduct.js';
import { sdgHints } from '../../rules/lib/sdgs.js';
import { compilePatterns, headings, isVendored, pathsMatching, readText } from '../helpers/common.js';
import { manifestField } from './metadata.js';
import table from './technologies.json' with { type: 'json' };
import practices from '../../rules/8-standards-practices/practices.json' with { type: 'json' };
import moderation from '../../rules/9b-inappropriate-content/content-moderation.json' with { type: 'json' };
import dictionary from '../../rules/5-documentation/data-dictionary.json' with { type: 'json' };
import modelCard from '../../rules/5-documentation/model-card.json' with { type: 'json' };

/** A prefilled value and where it came from, keyed by declaration key path (`owner.name`, `licenses`). */
export interface Detected {
  declaration: Declaration;
  /** Key path → "NOTICE line 2", "package.json", "README.md line 3 (SDG 3)". */
  sources: Map<string, string>;
  /** Why these solution types were guessed. */
  typesReason: string;
}

export interface DetectOptions {
  /** Fallback name: the directory's name. */
  fallbackName: string;
  /** `--type`: solution types chosen by the user. */
  types?: readonly SolutionType[];
  /** The repository's remote URL (from .git/config), credentials already removed. */
  repositoryUrl?: string;
}

const MANIFEST_TECHNOLOGIES = table.manifests.map((m) => ({ pattern: new RegExp(m.pattern, 'i'), technologies: m.technologies }));
const DEPENDENCY_TECHNOLOGIES = table.dependencies as Record<Ecosystem, Record<string, string>>;
const CATEGORIES = practices.categories.map((c) => ({ name: c.name, patterns: compilePatterns(c.patterns) }));
const MODERATION_FILES = compilePatterns(moderation.policyFiles);
const DICTIONARY_FILES = compilePatterns(dictionary.dictionaryFiles);
const CARD_FILES = compilePatterns(modelCard.cardFiles);
const SECURITY_FILE = /^(\.github\/|docs\/)?security(\.(md|markdown|rst|txt|adoc))?$/i;
const extensionOf = (path: string): string => (path.includes('.') ? path.slice(path.lastIndexOf('.') + 1).toLowerCase() : '');

/** The source of a name that is only the directory's (not counted as detected). */
export const FALLBACK_NAME = 'the directory name';

export function detect(snapshot: Snapshot, facts: Facts, options: DetectOptions): Detected {
  const sources = new Map<string, string>();
  const context = { snapshot, facts, declaration: emptyView(), options: {} } as unknown as RuleContext;
  const dependencies = readDependencies(facts.dependencies);
  const { types, reason } = options.types && options.types.length > 0
    ? { types: [...options.types], reason: 'chosen with --type' }
    : guessTypes(snapshot, facts);
  const declaration: Declaration = { name: options.fallbackName, types };

  const named = projectName(snapshot, facts);
  if (named) { declaration.name = named.value; sources.set('name', named.from); } else sources.set('name', FALLBACK_NAME);
  const description = projectDescription(snapshot, facts);
  if (description) { declaration.description = description.value; sources.set('description', description.from); }
  const homepage = manifestField(snapshot, 'homepage');
  if (homepage) { declaration.website = [homepage.value]; sources.set('website', homepage.from); }
  if (options.repositoryUrl) { declaration.repositories = [{ url: options.repositoryUrl }]; sources.set('repositories', '.git/config (remote "origin")'); }

  const hints = sdgHints(context);
  if (hints.length > 0) {
    declaration.sdgs = hints.map((h) => ({ sdg: h.sdg }));
    sources.set('sdgs', hints.map((h) => `SDG ${h.sdg}: ${h.where}`).join('; '));
  }

  // Licences identified in the repository, once each per part, with the file they came from: the project's
  // without `appliesTo`, a content or data part's with it ("Data: CC-BY-SA-4.0" is one entry for the data,
  // never an AND with the software's licence). Vendored code's licences, sub-packages' and unidentified
  // licences (NOASSERTION) are not the candidate's to declare.
  const licenses = new Map<string, { spdx: string; appliesTo?: 'content' | 'data' | 'documentation'; paths: string[] }>();
  for (const found of facts.licenses) {
    if (found.method === 'declared' || found.method === 'host' || found.spdx === 'NOASSERTION' || found.scope === 'third-party') continue;
    const part = found.scope === 'component' ? componentPart(found) : undefined;
    if (part === 'software' || part === 'model-weights') continue;
    const key = `${found.spdx}\u0000${part ?? ''}`;
    const entry = licenses.get(key) ?? { spdx: found.spdx, ...(part ? { appliesTo: part } : {}), paths: [] };
    if (!entry.paths.includes(found.path)) entry.paths.push(found.path);
    licenses.set(key, entry);
  }
  if (licenses.size > 0) {
    declaration.licenses = [...licenses.values()].map(({ spdx, appliesTo, paths }) => ({ spdx, ...(appliesTo ? { appliesTo } : {}), evidence: paths.slice(0, 3) }));
    sources.set('licenses', [...licenses.values()].map(({ spdx, appliesTo, paths }) => `${spdx}${appliesTo ? ` (${appliesTo})` : ''}: ${paths.slice(0, 3).join(', ')}`).join('; '));
  }

  const owner = ownerFromCopyright(snapshot, facts);
  const agreements = findContributorAgreements(context);
  if (owner || agreements.length > 0) {
    declaration.owner = {};
    if (owner) {
      declaration.owner.name = owner.name;
      declaration.owner.evidence = [owner.path];
      sources.set('owner.name', owner.from);
    }
    // A document people can read (CLA.md) says more than the bot's workflow file.
    const readable = (a: { path: string }): boolean => /\.(md|markdown|txt|rst|adoc|pdf|html?)$/i.test(a.path);
    const agreement = agreements.find((a) => a.kind === 'CLA' && readable(a)) ?? agreements.find((a) => a.kind === 'CLA') ?? agreements[0];
    if (agreement) {
      declaration.owner.contributorAgreement = agreement.path;
      sources.set('owner.contributorAgreement', `${agreement.kind === 'CLA' ? 'Contributor License Agreement' : 'Developer Certificate of Origin'} in ${agreement.path}${agreement.line ? ` line ${agreement.line}` : ''}`);
    }
  }

  const technologies = coreTechnologies(snapshot, dependencies);
  if (technologies.length > 0) {
    declaration.platformIndependence = { coreTechnologies: technologies.map((t) => t.name) };
    sources.set('platformIndependence.coreTechnologies', [...new Set(technologies.map((t) => t.from))].slice(0, 4).join(', '));
  }

  const docs = findDocumentation(context);
  const docLinks = [
    ...(facts.readme ? [facts.readme] : []),
    ...docs.folders.map((f) => `${f.path}/`),
    ...docs.sites.map((s) => s.path),
    ...pathsMatching(snapshot, CARD_FILES).slice(0, 2),
    ...pathsMatching(snapshot, DICTIONARY_FILES).slice(0, 2),
  ].filter((l, i, all) => all.indexOf(l) === i);
  if (docLinks.length > 0) {
    declaration.documentation = { links: docLinks };
    sources.set('documentation.links', 'README, documentation folders and site configurations found');
  }

  const formats = dataFormats(snapshot);
  if (formats.length > 0) {
    declaration.dataExtraction = { formats };
    sources.set('dataExtraction.formats', 'data files in the repository');
  }

  const legal = findLegalDocuments(context);
  const legalPaths = [...legal.privacy.map((p) => p.path), ...legal.terms].filter((p, i, all) => all.indexOf(p) === i);
  if (legalPaths.length > 0) {
    declaration.privacy = { evidence: legalPaths.slice(0, 4) };
    sources.set('privacy.evidence', 'privacy policy and terms documents found');
  }

  const standards = detectStandards(context);
  const bestPractices = CATEGORIES
    .map((c) => ({ name: c.name, paths: pathsMatching(snapshot, c.patterns) }))
    .filter((c) => c.paths.length > 0 && c.name !== 'machine-readable open standards');
  if (standards.length > 0 || bestPractices.length > 0) {
    declaration.standards = {};
    if (standards.length > 0) {
      declaration.standards.standards = standards.map((s) => ({ name: s.name, evidence: [evidencePath(s.evidence)] }));
      sources.set('standards.standards', standards.map((s) => `${s.name}: ${s.where}`).join('; '));
    }
    if (bestPractices.length > 0) {
      declaration.standards.bestPractices = bestPractices.map((p) => ({ name: sentenceCase(p.name), evidence: [p.paths[0] as string] }));
      sources.set('standards.bestPractices', 'CI, tests, contributing guide and other practices found');
    }
  }

  const security = snapshot.paths.filter((p) => SECURITY_FILE.test(p));
  const moderationDocs = pathsMatching(snapshot, MODERATION_FILES).filter((p) => !/terms|tos/i.test(p));
  const conduct = readCodeOfConduct(snapshot);
  if (security.length > 0 || moderationDocs.length > 0 || conduct) {
    declaration.doNoHarm = {};
    if (security.length > 0) { declaration.doNoHarm.dataPrivacy = { evidence: [security[0] as string] }; sources.set('doNoHarm.dataPrivacy.evidence', 'security policy found'); }
    if (moderationDocs.length > 0) { declaration.doNoHarm.content = { evidence: moderationDocs.slice(0, 2) }; sources.set('doNoHarm.content.evidence', 'moderation or community policy found'); }
    if (conduct) { declaration.doNoHarm.harassment = { evidence: [conduct.path] }; sources.set('doNoHarm.harassment.evidence', conduct.kind === 'placeholder' ? 'code of conduct found (its enforcement contact is still a template placeholder)' : 'code of conduct found'); }
  }
  return { declaration, sources, typesReason: reason };
}

/** Solution types from what the repository holds, with the reason. */
export function guessTypes(snapshot: Snapshot, facts: Facts): { types: SolutionType[]; reason: string } {
  const own = snapshot.paths.filter((p) => !isVendored(p));
  const count = (extensions: readonly string[]): number => own.filter((p) => extensions.includes(extensionOf(p))).length;
  const source = count(table.sourceExtensions);
  const manifests = own.filter((p) => MANIFEST_TECHNOLOGIES.some((m) => m.pattern.test(p))).length;
  const weights = count(table.weightExtensions);
  const data = count(Object.keys(table.dataExtensions));
  const documents = count(table.contentExtensions);
  const readme = facts.readme ? readText(snapshot, facts.readme) ?? '' : '';
  const hfCard = /^---\r?\n[\s\S]*?^(pipeline_tag|library_name|base_model|model-index):/m.test(readme);
  const card = pathsMatching(snapshot, CARD_FILES).length > 0 || hfCard;
  const dictionaryFound = pathsMatching(snapshot, DICTIONARY_FILES).length > 0;
  const types: SolutionType[] = [];
  const reasons: string[] = [];
  if (card || weights > 0) { types.push('aimodel'); reasons.push(card ? 'a model card' : `${weights} model weight file(s)`); }
  if (dictionaryFound || (data >= 3 && data > source)) { types.push('data'); reasons.push(dictionaryFound ? 'a data dictionary or data package' : `${data} data files`); }
  if (!types.includes('aimodel') && (source > 0 || manifests > 0)) { types.unshift('software'); reasons.unshift(`${source} source file(s) and ${manifests} manifest(s)`); }
  if (types.length === 0 && documents > 0) { types.push('content'); reasons.push(`${documents} document or media file(s) and no code`); }
  if (types.length === 0) return { types: ['software'], reason: 'nothing decisive found; software is the default' };
  return { types, reason: reasons.join('; ') };
}

function projectName(snapshot: Snapshot, facts: Facts): { value: string; from: string } | undefined {
  const title = facts.readme ? headings(readText(snapshot, facts.readme) ?? '', facts.readme).find((h) => h.level === 1) : undefined;
  if (title && facts.readme && title.text.length <= 80 && /\p{L}/u.test(title.text)) return { value: title.text.replace(/[*_`]/g, '').trim(), from: `${facts.readme} line ${title.line} (title)` };
  return manifestField(snapshot, 'name');
}

function projectDescription(snapshot: Snapshot, facts: Facts): { value: string; from: string } | undefined {
  if (snapshot.host?.description) return { value: snapshot.host.description, from: 'the host\'s description' };
  const fromManifest = manifestField(snapshot, 'description');
  if (fromManifest) return fromManifest;
  if (!facts.readme) return undefined;
  // The README's first paragraph of prose, as a tweet-length description.
  const lines = (readText(snapshot, facts.readme) ?? '').split(/\r?\n/);
  const skip = (line: string): boolean => /^(#|=|-{3,}|!\[|\[!\[|<|```|\||>|\*{3,})/.test(line);
  // A line underlined with === or --- is a (setext) heading, not prose.
  const start = lines.findIndex((l, i) => l.trim() !== '' && !skip(l.trim()) && !/^\s*[-=]{3,}\s*$/.test(lines[i + 1] ?? ''));
  if (start < 0) return undefined;
  const paragraph: string[] = [];
  for (const line of lines.slice(start)) {
    if (line.trim() === '' || skip(line.trim())) break;
    paragraph.push(line.trim());
  }
  const text = paragraph.join(' ').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  if (text.split(' ').length < 4) return undefined;
  const value = text.length <= 280 ? text : `${text.slice(0, 277).replace(/\s+\S*$/, '')}…`;
  return { value, from: `${facts.readme} line ${start + 1}` };
}

/** The holder named most often in notice files (else in two or more sampled headers). */
function ownerFromCopyright(snapshot: Snapshot, facts: Facts): { name: string; path: string; from: string } | undefined {
  const pick = (lines: ReturnType<typeof findCopyrightLines>, minimum: number): { name: string; path: string; from: string } | undefined => {
    const counts = new Map<string, { count: number; line: (typeof lines)[number] }>();
    for (const line of lines) {
      if (collectiveProject(line.holder) !== undefined) continue;
      const key = line.holder.toLowerCase();
      const entry = counts.get(key) ?? { count: 0, line };
      entry.count++;
      counts.set(key, entry);
    }
    const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
    return best && best.count >= minimum ? { name: best.line.holder, path: best.line.path, from: `copyright notice in ${best.line.path} line ${best.line.line}` } : undefined;
  };
  return pick(findCopyrightLines(snapshot, facts, 20), 1) ?? pick(sampleHeaderCopyright(snapshot, undefined, facts.paths.isOwn).lines, 2);
}

function coreTechnologies(snapshot: Snapshot, dependencies: readonly Dependency[]): { name: string; from: string }[] {
  const found: { name: string; from: string }[] = [];
  const add = (name: string, from: string): void => { if (!found.some((t) => t.name === name)) found.push({ name, from }); };
  const manifests = snapshot.paths.filter((p) => !isVendored(p)).sort((a, b) => a.split('/').length - b.split('/').length);
  for (const path of manifests) {
    const kind = MANIFEST_TECHNOLOGIES.find((m) => m.pattern.test(path));
    if (kind) for (const name of kind.technologies) add(name, path);
  }
  for (const dependency of dependencies) {
    const names = DEPENDENCY_TECHNOLOGIES[dependency.ecosystem] ?? {};
    const group = dependency.ecosystem === 'maven' ? `${dependency.name.split(':')[0] ?? ''}:*` : undefined;
    // Own keys only: a package named "constructor" must not find Object's.
    const name = Object.hasOwn(names, dependency.name) ? names[dependency.name] : group && Object.hasOwn(names, group) ? names[group] : undefined;
    if (name) add(name, dependency.path);
  }
  return found.slice(0, table.maxTechnologies);
}

function dataFormats(snapshot: Snapshot): string[] {
  const names = table.dataExtensions as Record<string, string>;
  const counts = new Map<string, number>();
  for (const path of snapshot.paths) {
    // Configuration and manifests are JSON/XML too; only files under data-like folders, or data-only formats, count.
    const extension = extensionOf(path);
    const format = names[extension];
    if (!format || isVendored(path)) continue;
    if (['json', 'xml'].includes(extension) && !/(^|\/)(data|datasets?|exports?|samples?)\//i.test(path)) continue;
    counts.set(format, (counts.get(format) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([format]) => format);
}

function evidencePath(evidence: { kind: string; path?: string; url?: string }): string {
  return evidence.path ?? evidence.url ?? '';
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function emptyView(): RuleContext['declaration'] {
  return { data: undefined, path: null, valid: false, locate: () => undefined, evidence: (key: string) => ({ kind: 'note', text: key }) };
}
