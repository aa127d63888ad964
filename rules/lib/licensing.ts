/**
 * What the indicator-2 rules share: the DPGA's approved list, the
 * questionnaire's wording, and the declared and found licences in one shape.
 */
import type { DeclarationView, Facts } from '../../src/rule-api.js';
import type { Declaration } from '../../src/rule-api.js';
import type { Evidence, IdentifiedLicense, SolutionType } from '../../src/rule-api.js';
import { suggestedLicenses, type ApprovedLicenseTable, type LicenseKind } from '../../src/helpers.js';
import table from '../2-open-licensing/approved-licenses.json' with { type: 'json' };
import osi from '../2-open-licensing/osi-approved.json' with { type: 'json' };

/**
 * The DPGA's lists, plus software licences the OSI approved since (SPDX's OSI flag, osi-approved.json). Frozen,
 * lists included: no rule may change what the next one judges against, and a frozen table's judgements are
 * shared by every check in the process (src/engine/facts.ts).
 */
export const APPROVED_LICENSES: ApprovedLicenseTable = Object.freeze({
  ...table,
  software: Object.freeze([...table.software]),
  content: Object.freeze([...table.content]),
  data: Object.freeze([...table.data]),
  ...(table.encouraged ? { encouraged: Object.freeze({ ...table.encouraged, ...(table.encouraged.content ? { content: Object.freeze([...table.encouraged.content]) } : {}) }) } : {}),
  osiApproved: Object.freeze([...osi.osiApproved]),
});
/** The DPGA's published list, linked from the standard's indicator 2. */
export const APPROVED_LIST_URL: string = table.listUrl;

/** Files the licence rules read (sources prefetch them): licence files, REUSE, manifests, the README. */
export const LICENSE_READS: readonly string[] = [
  '**/LICENSE*', '**/LICENCE*', '**/COPYING*', '**/UNLICENSE*', '**/*-LICENSE*', '**/PATENTS*', 'LICENSES/*', 'REUSE.toml', '.reuse/dep5', 'README*',
  '**/package.json', '**/composer.json', '**/Cargo.toml', '**/pyproject.toml', '**/setup.cfg', '**/setup.py', '**/pom.xml', '**/build.gradle',
  '**/build.gradle.kts', '**/*.gemspec', '**/DESCRIPTION', '**/mix.exs', '**/*.csproj', '**/*.nuspec',
];

export const QUESTION_WHICH_LICENSES = 'Which open license(s) is/are used by your solution?';
export const QUESTION_LICENSE_EVIDENCE = 'Provide evidence of use of the selected open license(s).';

export type LicensePart = NonNullable<NonNullable<Declaration['licenses']>[number]['appliesTo']>;

/** The approved list a declared part is judged against. Documentation is content. */
export const PART_KIND: Readonly<Record<LicensePart, LicenseKind>> = {
  software: 'software',
  content: 'content',
  data: 'data',
  'model-weights': 'model-weights',
  'training-code': 'training-code',
  'training-data': 'training-data',
  documentation: 'content',
};

/**
 * The approved list a whole solution of a type is judged against. An AI
 * system's licence without `appliesTo` is judged as for its weights (software
 * or data licences); its parts one by one are dpg-2-05's business.
 */
export const TYPE_KIND: Readonly<Record<SolutionType, LicenseKind>> = {
  software: 'software',
  content: 'content',
  data: 'data',
  aimodel: 'model-weights',
  standard: 'standard',
};

const PART_NAMES: Readonly<Record<string, string>> = {
  aimodel: 'AI system',
  standard: 'standard',
  'model-weights': 'model weights',
  'training-code': 'training code',
  'training-data': 'training data',
};

/** A solution type or declared part, as a message names it. */
export function partName(label: string): string {
  return PART_NAMES[label] ?? label;
}

/** "CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0" for messages. */
export function alternativesFor(kind: LicenseKind): string {
  const ids = suggestedLicenses(kind, APPROVED_LICENSES);
  return ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1] as string}`;
}

export interface DeclaredLicense {
  index: number;
  spdx: string;
  appliesTo?: LicensePart;
  evidence: string[];
}

/** The declaration's licences with a non-empty SPDX value, each with its index. */
export function declaredLicenses(declaration: DeclarationView): DeclaredLicense[] {
  const list = declaration.data?.licenses;
  if (!Array.isArray(list)) return [];
  const result: DeclaredLicense[] = [];
  list.forEach((entry, index) => {
    if (typeof entry?.spdx !== 'string' || entry.spdx.trim() === '') return;
    const evidence = Array.isArray(entry.evidence) ? entry.evidence.filter((e): e is string => typeof e === 'string') : [];
    result.push({ index, spdx: entry.spdx.trim(), ...(typeof entry.appliesTo === 'string' && entry.appliesTo in PART_KIND ? { appliesTo: entry.appliesTo } : {}), evidence });
  });
  return result;
}

/**
 * Licences the repository itself shows (SPDX headers, manifests, host, texts), not the declaration's echo,
 * and not vendored third-party code's (issue 14 §2: a vendored licence is not the candidate's).
 */
export function foundLicenses(facts: Facts): IdentifiedLicense[] {
  return facts.licenses.filter((l) => l.method !== 'declared' && l.scope !== 'third-party' && typeof l.spdx === 'string' && l.spdx.trim() !== '');
}

/** The REUSE layout's folder of licence texts (`LICENSES/<SPDX-id>.txt`). */
export const REUSE_FOLDER = 'LICENSES/';

/**
 * The candidate's own licence files, as dpg-2-03 lists them: the licence-like files outside vendored code (a
 * library copied whole into the tree carries its own licence, not the candidate's), then the REUSE folder when
 * there is one.
 */
export function ownLicenseFiles(facts: Facts, paths: readonly string[]): string[] {
  const own = facts.licenseFiles.filter((path) => facts.paths.classOf(path) !== 'vendored');
  return paths.some((path) => path.startsWith(REUSE_FOLDER)) ? [...own, REUSE_FOLDER] : own;
}

/** A licence of one part of the candidate (a sub-package, a script, a data folder), not the project's. */
export function isComponent(license: IdentifiedLicense): boolean {
  return license.scope === 'component';
}

/** Found and confirmed licences of the project as a whole. */
export function projectLicenses(facts: Facts): IdentifiedLicense[] {
  return confirmedLicenses(facts).filter((l) => !isComponent(l));
}

/** Found and confirmed licences of parts of the candidate. */
export function componentLicenses(facts: Facts): IdentifiedLicense[] {
  return confirmedLicenses(facts).filter(isComponent);
}

/** Approved for at least one part of a solution (software, content or data). */
export function approvedForSomePart(facts: Pick<Facts, 'judgeLicense'>, expression: string): boolean {
  return (['software', 'content', 'data'] as const).some((kind) => facts.judgeLicense(expression, kind, APPROVED_LICENSES).verdict === 'approved');
}

/** Found licences a person need not review: identified, unmodified texts, headers, manifests, notices. */
export function confirmedLicenses(facts: Facts): IdentifiedLicense[] {
  return foundLicenses(facts).filter((l) => l.review !== true && l.spdx !== 'NOASSERTION');
}

/** Found licences that need a person: modified licence texts and licence files no licence matches. */
export function unclearLicenses(facts: Facts): IdentifiedLicense[] {
  return foundLicenses(facts).filter((l) => l.review === true || l.spdx === 'NOASSERTION');
}

const METHOD_WORDS: Readonly<Record<IdentifiedLicense['method'], string>> = {
  text: 'identified from its text',
  notice: 'named in a notice',
  'spdx-header': 'SPDX-License-Identifier',
  manifest: 'manifest licence field',
  filename: 'REUSE file name',
  declared: 'declared',
  host: 'detected by the host',
};

/** "LICENSE: MIT (identified from its text, confidence 0.99)", for listing what was found. */
export function describeFound(license: IdentifiedLicense): string {
  const what = license.spdx === 'NOASSERTION' ? 'no licence identified' : license.review ? `probably ${license.spdx}, modified` : license.spdx;
  return `${foundWhere(license)}: ${what} (${METHOD_WORDS[license.method]}, confidence ${license.confidence.toFixed(2)})`;
}

/** Where a found licence came from, for messages: `package.json`, `LICENSE line 1`, `the host`. */
export function foundWhere(license: IdentifiedLicense): string {
  if (license.method === 'host') return 'the host\'s licence detection';
  return license.line ? `${license.path} line ${license.line}` : license.path;
}

export function foundEvidence(license: IdentifiedLicense): Evidence {
  if (license.method === 'host') return { kind: 'host', key: 'license', value: license.spdx };
  return license.line ? { kind: 'file', path: license.path, line: license.line } : { kind: 'file', path: license.path };
}

/** The declaration file's name for messages (`dpg.yml` when there is none yet). */
export function declarationFile(declaration: DeclarationView): string {
  return declaration.path ?? 'dpg.yml';
}
