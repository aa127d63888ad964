/**
 * dpg-2-04 license-consistent: the licences the repository shows agree with
 * the declaration and with each other. Reviewers compare the declared licence
 * with the licence actually published.
 *
 * Policy (issue 14 §1: a declaration the repository contradicts while the
 * requirement may still be met is a gap, not a fail):
 * - A project licence found at the root (licence text, REUSE file, SPDX
 *   header, manifest, README notice) that no declared licence covers: a gap
 *   when it is an approved licence (the declaration or the file is wrong, but
 *   the candidate is openly licensed either way); a fail when it is not
 *   approved (the repository shows a licence the Standard does not accept).
 * - Components (a sub-package, one file's header, `LICENSE.data.md`) are
 *   parts under their own licence: dpg-2-02 judges them for their part; they
 *   are not contradictions of the project's licence.
 * - A declared licence no file in the repository carries: gap; unless it is a
 *   licence for content or data (not for code) whose evidence is all outside
 *   the repository: it covers what is published there (pass).
 * - A manifest naming another licence than the licence file beside it: a gap
 *   when both are approved (e.g. `ISC` in package.json beside an MIT
 *   LICENSE), a fail otherwise.
 * - Several licences and nothing saying how they relate (an SPDX expression
 *   `A OR B` / `A AND B`, or `appliesTo` scopes): gap.
 * Modified and unidentified licence texts are dpg-2-06's business and are
 * not compared here. LGPL-3.0 is the GPL-3.0 plus permissions: the GPL text
 * an LGPL project carries beside COPYING.LESSER, and a COPYING.LESSER beside
 * a GPL-3.0 COPYING, are the usual pairing, not a contradiction.
 */
import { defineRuleDraft, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence, Facts, IdentifiedLicense } from '../../src/rule-api.js';
import { licenseFamily, licenseIdsOf, satisfiedBy } from '../../src/helpers.js';
import { declared, listOf, REQUIREMENT } from '../../src/helpers.js';
import {
  APPROVED_LICENSES, LICENSE_READS, QUESTION_WHICH_LICENSES, approvedForSomePart, confirmedLicenses, isComponent, declarationFile, declaredLicenses, foundEvidence, foundWhere, ownLicenseFiles, unclearLicenses,
} from '../lib/licensing.js';
import { checkedRepository, isRepositoryFileUrl, repositoryOfUrl } from '../lib/repository-url.js';

const TABLE_IDS = [...APPROVED_LICENSES.software, ...APPROVED_LICENSES.content, ...APPROVED_LICENSES.data];

export const licenseConsistent = defineRuleDraft({
  meta: {
    id: 'dpg-2-04',
    alias: 'license-consistent',
    level: 'requirement',
    requirement: REQUIREMENT['2'],
    policy: { fail: "a licence found in the candidate's own project scope is not approved and not declared", gap: 'an approved licence in the repository (or one read as probably another, modified) differs from the declared one, a manifest disagrees with the licence file beside it, or a declared licence has no file' },
    title: 'Found licences agree with the declaration',
    appliesTo: 'all',
    motivation: 'Reviewers check the declared licence against the licence actually published with the solution; a licence file, manifest or header saying otherwise makes the licensing unclear.',
    messages: {
      consistent: 'The licences found in the repository agree with the declaration: {found}.',
      nothingFound: 'No licence was identified in the repository (licence text, SPDX header, manifest licence field) to compare with the declared {declared}{skipped}, so nothing contradicts the declaration; nor does anything confirm it.',
      mismatch: '{found} in {where} is not covered by the licence(s) declared in {declarationFile} ({declared}), and it is not an approved licence: declare what really applies in `licenses` (with `appliesTo` if it covers one part only), or relicense {path}.',
      unclearDiffers: '{path} is probably {found}, with changes (see dpg-2-06), and the declared {declared} does not cover it: if {found} is the licence, declare it in `licenses` (with `appliesTo` if it covers one part only); if the declaration is right, put the declared licence\'s text in {path}.',
      approvedMismatch: '{found} in {where} is an approved licence, but not the one declared in {declarationFile} ({declared}): if it covers part of the candidate, declare it in `licenses` (with `appliesTo`); if the declaration is right, correct {path}. A reviewer needs the two to agree.',
      packageMismatch: '{found} in {where}, a subfolder, is not covered by the licence(s) declared in {declarationFile} ({declared}): if it is a package of the candidate, declare its licence (with `appliesTo`); if it is third-party code, keep it in a vendor/ or third_party/ folder.',
      readmeMismatch: '{found} is named in {where} but not covered by the licence(s) declared in {declarationFile} ({declared}): if part of the candidate is under it, declare it in `licenses` (with `appliesTo`); if the README speaks of third-party material, say so there.',
      declaredNoFile: '{declared} is declared in {declarationFile}, but no file in the repository carries it (no licence text, REUSE file, SPDX header or manifest names it): add its text as LICENSE (or LICENSES/{declaredId}.txt).',
      declaredElsewhere: '{declared} is declared with evidence outside the repository ({urls}). It is a licence for content or data, not for code, and the questionnaire takes a public page as a licence\'s evidence: the works it covers need not be in this repository, so no file here needs to carry it. A reviewer reads that page (dpg-2-08 checks it with --online).',
      declaredForOtherRepository: '{declared} is declared with evidence in another repository ({urls}), not in the one checked here ({here}): it covers {repositories}, so no file here needs to carry it. If that repository is part of the solution, check it as well.',
      manifestDisagrees: '{manifest} says {manifestLicense}, but the licence file beside it, {file}, is {fileLicense}: make them the same.{declaredNote}',
      manifestDisagreesApproved: '{manifest} says {manifestLicense}, but the licence file beside it, {file}, is {fileLicense}: both are approved licences, so the candidate is openly licensed either way, but a reviewer needs them to agree; correct the one that is wrong.{declaredNote}',
      unrelated: 'The repository has several licences ({found}) and nothing says how they relate: declare an SPDX expression in `licenses` ({example} for a choice, AND when all apply), or scope each with `appliesTo`.',
      declaredUnparseable: '{found} in {where} cannot be compared with the declaration, because {declared} is not an SPDX licence expression: write the declared licence as its SPDX id.',
      noDeclaration: 'No declaration file to compare with the licence(s) found in the repository ({found}): create dpg.yml (`dpg-check init`) and declare them in `licenses`.',
      noneDeclared: `No licence is declared to compare with the licence(s) found in the repository ({found}): answer "${QUESTION_WHICH_LICENSES}" in \`licenses\` of {file}.`,
      nothingToCompare: `No licence is declared and none was found in the repository, so there is nothing to compare: answer "${QUESTION_WHICH_LICENSES}" in \`licenses\` of dpg.yml.`,
    },
    remediation: 'Make the declaration and the repository say the same: declare every licence the repository uses in `licenses` of dpg.yml (SPDX ids; an expression such as `MIT OR Apache-2.0` when several apply; `appliesTo` for parts), and fix licence files, manifests or SPDX headers that name another licence.',
    reads: LICENSE_READS,
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration, facts } = context;
    const all = dedupe(confirmedLicenses(facts));
    // Components are parts under their own licence (dpg-2-02 judges them), not contradictions of the project's.
    const found = all.filter((l) => !isComponent(l));
    const declaredValues = [...declaredLicenses(declaration).map((l) => l.spdx), ...aiLicenses(context)];
    const foundText = listOf(found.map((l) => `${l.spdx} in ${foundWhere(l)}`));
    const againstFiles = manifestsAgainstFiles(facts, all);
    const outcomes: RuleOutcome[] = againstFiles.map((a) => a.outcome);
    if (declaredValues.length === 0) {
      outcomes.push(...unrelated(found, [], declaration.evidence('licenses'), new Set()));
      if (found.length === 0) return [{ status: 'gap', messageId: 'nothingToCompare', evidence: [declared(declaration, 'licenses')] }, ...outcomes];
      const evidence = [declared(declaration, 'licenses'), ...found.map(foundEvidence)];
      return [
        declaration.data === undefined
          ? { status: 'gap', messageId: 'noDeclaration', data: { found: foundText }, evidence }
          : { status: 'gap', messageId: 'noneDeclared', data: { found: foundText, file: declarationFile(declaration) }, evidence },
        ...outcomes,
      ];
    }
    const declaredIds = declaredValues.flatMap((value) => licenseIdsOf(value, TABLE_IDS) ?? []);
    // The LGPL-3.0 is the GPL-3.0 plus permissions: its projects carry the GPL text too.
    if (declaredIds.some((id) => licenseFamily(id) === 'lgpl-3.0')) declaredIds.push('GPL-3.0');
    // …and a GPL-3.0 project may carry COPYING.LESSER (the LGPL's additional permissions) for its libraries.
    if (declaredIds.some((id) => licenseFamily(id) === 'gpl-3.0')) declaredIds.push('LGPL-3.0');
    const unparseableDeclared = declaredValues.filter((value) => licenseIdsOf(value, TABLE_IDS) === undefined);
    const declaredText = listOf(declaredValues);
    const declarationEvidence = declared(declaration, 'licenses');
    const file = declarationFile(declaration);
    const agreeing: IdentifiedLicense[] = [];
    const unidentified: IdentifiedLicense[] = [];
    for (const license of found) {
      const covered = satisfiedBy(license.spdx, declaredIds, TABLE_IDS);
      if (covered === undefined) { unidentified.push(license); continue; }
      if (covered) { agreeing.push(license); continue; }
      // A manifest that disagrees with the licence file beside it is already a finding, one fix for both: the file
      // agreeing with the declaration, the manifest is what is wrong (iaso, purple-hats: `ISC` in package.json).
      const beside = againstFiles.find((a) => a.manifest === license);
      if (beside && beside.texts.every((t) => satisfiedBy(t.spdx, declaredIds, TABLE_IDS) === true)) {
        const at = outcomes.indexOf(beside.outcome);
        outcomes[at] = {
          ...beside.outcome,
          data: { ...beside.outcome.data, declaredNote: ` The declaration agrees with ${beside.texts[0]?.path ?? 'the licence file'} (${declaredText}), so ${foundWhere(license)} is the one to correct.` },
          evidence: [...(beside.outcome.evidence ?? []), declarationEvidence],
        };
        continue;
      }
      const data = { found: license.spdx, where: foundWhere(license), path: license.method === 'host' ? 'the repository\'s licence file' : license.path, declarationFile: file };
      const evidence = [foundEvidence(license), declarationEvidence];
      if (unparseableDeclared.length > 0) {
        outcomes.push({ status: 'gap', messageId: 'declaredUnparseable', data: { ...data, declared: listOf(unparseableDeclared) }, evidence });
      } else if (license.path.includes('/') && license.method !== 'host' && license.method !== 'spdx-header' && !/^LICENSES\//.test(license.path)) {
        outcomes.push({ status: 'gap', messageId: 'packageMismatch', data: { ...data, declared: declaredText }, evidence });
      } else if (license.method === 'notice' && /^readme/i.test(license.path)) {
        // A README sentence is weaker evidence than a licence file: it may be about third-party material.
        outcomes.push({ status: 'gap', messageId: 'readmeMismatch', data: { ...data, declared: declaredText }, evidence });
      } else if (approvedForSomePart(facts, license.spdx)) {
        outcomes.push({ status: 'gap', messageId: 'approvedMismatch', data: { ...data, declared: declaredText }, evidence });
      } else {
        outcomes.push({ status: 'fail', messageId: 'mismatch', data: { ...data, declared: declaredText }, evidence });
      }
    }
    outcomes.push(...declaredWithoutFile(context, [...all, ...unclearLicenses(facts).filter((l) => l.spdx !== 'NOASSERTION')], file));
    // Among the licences the declaration covers (a mismatch is already its own finding).
    outcomes.push(...unrelated(agreeing, declaredValues, declarationEvidence, scopedFamilies(context)));
    if (agreeing.length > 0) {
      outcomes.unshift({ status: 'pass', messageId: 'consistent', data: { found: listOf(agreeing.map((l) => `${l.spdx} in ${foundWhere(l)}`)) }, evidence: [...agreeing.map(foundEvidence), declarationEvidence] });
    } else if (!outcomes.some((o) => o.status === 'fail' || ['declaredUnparseable', 'packageMismatch', 'readmeMismatch', 'approvedMismatch'].includes(o.messageId ?? ''))) {
      const unclear = unclearLicenses(facts);
      // ekitabu's license.md: a CC BY-NC notice above the CC BY-SA legal code, against a declared BSD-3-Clause. A
      // licence read as probably another one contradicts the declaration as much as a clean one would.
      const differing = unclear.filter((l) => l.spdx !== 'NOASSERTION' && satisfiedBy(l.spdx, declaredIds, TABLE_IDS) === false);
      if (differing.length > 0) {
        for (const license of differing) {
          outcomes.push({ status: 'gap', messageId: 'unclearDiffers', data: { found: license.spdx, path: license.path, declared: declaredText }, evidence: [foundEvidence(license), declarationEvidence] });
        }
        return outcomes;
      }
      const skipped = [
        ...unidentified.map((l) => `"${l.spdx}" in ${foundWhere(l)}: not an SPDX expression, ignored`),
        ...unclear.map((l) => `${l.path}: ${l.spdx === 'NOASSERTION' ? 'no licence identified' : `probably ${l.spdx}, modified`} (see dpg-2-06)`),
      ];
      outcomes.unshift({ status: 'pass', messageId: 'nothingFound', data: { declared: declaredText, skipped: skipped.length > 0 ? ` (${listOf(skipped)})` : '' }, evidence: [declarationEvidence, ...[...unidentified, ...unclear].map(foundEvidence)] });
    }
    return outcomes;
  },
});

/**
 * A declared licence that nothing in the repository carries, when the candidate has licence files: with none at all,
 * dpg-2-03 says which file to add (a fail or a question of its own), and one fix needs one finding (bisa-health,
 * mhero, openrims: the same "add its text as LICENSE" twice).
 */
function declaredWithoutFile(context: RuleContext, found: readonly IdentifiedLicense[], file: string): RuleOutcome[] {
  const { declaration, snapshot, facts } = context;
  if (snapshot.paths.length === 0 || ownLicenseFiles(facts, snapshot.paths).length === 0) return [];
  const foundFamilies = new Set(found.flatMap((l) => (licenseIdsOf(l.spdx, TABLE_IDS) ?? []).map(licenseFamily)));
  if (foundFamilies.has('lgpl-3.0')) foundFamilies.add('gpl-3.0');
  const outcomes: RuleOutcome[] = [];
  for (const license of declaredLicenses(declaration)) {
    const ids = licenseIdsOf(license.spdx, TABLE_IDS);
    if (!ids || ids.length === 0) continue;
    // An expression is carried when one licence of each OR-option is; simpler and safe: any of its licences.
    if (ids.some((id) => foundFamilies.has(licenseFamily(id)))) continue;
    const elsewhere = publishedElsewhere(context, license.evidence, ids);
    if (elsewhere.length > 0) {
      outcomes.push({ status: 'pass', messageId: 'declaredElsewhere', data: { declared: license.spdx, urls: listOf(elsewhere) }, evidence: [declared(declaration, `licenses[${license.index}]`)] });
      continue;
    }
    const other = inOtherRepositories(context, license.evidence);
    if (other) {
      outcomes.push({ status: 'pass', messageId: 'declaredForOtherRepository', data: { declared: license.spdx, urls: listOf(other.urls), repositories: listOf(other.repositories), here: other.here }, evidence: [declared(declaration, `licenses[${license.index}]`)] });
      continue;
    }
    outcomes.push({
      status: 'gap',
      messageId: 'declaredNoFile',
      data: { declared: license.spdx, declaredId: (ids[0] as string).replace(/\+$/, ''), declarationFile: file },
      evidence: [declared(declaration, `licenses[${license.index}].spdx`)],
    });
  }
  return outcomes;
}

/**
 * The evidence URLs of a content or data licence (CC-BY-4.0, ODbL…, not one approved for code) when all of its
 * evidence is outside the checked repository: the questionnaire takes "a public URL on the project website" as a
 * licence's evidence (https://github.com/DPGAlliance/DPG-Standard/blob/main/docs/questions.md, indicator 2), and
 * such a licence covers what is published there (oky's and StoryWeaver's content, on their own sites). Empty
 * otherwise.
 */
function publishedElsewhere(context: RuleContext, evidence: readonly string[], ids: readonly string[]): string[] {
  if (evidence.length === 0 || !evidence.every(isUrl)) return [];
  const forCode = ids.some((id) => context.facts.judgeLicense(id, 'software', APPROVED_LICENSES).verdict === 'approved');
  const forWorks = ids.every((id) => (['content', 'data'] as const).some((kind) => context.facts.judgeLicense(id, kind, APPROVED_LICENSES).verdict === 'approved'));
  if (forCode || !forWorks) return [];
  const here = checkedRepository(context.snapshot.source, context.declaration);
  const urls = evidence.map((url) => url.trim());
  return urls.every((url) => repositoryOfUrl(url) === undefined || repositoryOfUrl(url) !== here) ? urls : [];
}

/**
 * The evidence of a declared licence when every link is a file of another repository than the one checked (meron's
 * MIT is https://github.com/kimetrica/MERON_model/blob/master/LICENSE, while the tree is MERON_api; rahat declares
 * the LGPL-3.0 of its rahat-contracts and the GPL-3.0 of its rahat-aid-connect): the licence covers that repository,
 * not this one, so no file here needs to carry it. Undefined when the checked repository is not known (a local tree
 * whose declaration names no repository), or when any link is a web page or a path.
 */
function inOtherRepositories(context: RuleContext, evidence: readonly string[]): { urls: string[]; repositories: string[]; here: string } | undefined {
  const here = checkedRepository(context.snapshot.source, context.declaration);
  if (here === undefined || evidence.length === 0) return undefined;
  const urls = evidence.map((url) => url.trim());
  const repositories = urls.map((url) => (isRepositoryFileUrl(url) ? repositoryOfUrl(url) : undefined));
  if (repositories.some((repository) => repository === undefined || repository === here)) return undefined;
  return { urls, repositories: [...new Set(repositories as string[])], here };
}

/** A manifest naming a licence the licence text in its own folder is not. */
function manifestsAgainstFiles(facts: Facts, found: readonly IdentifiedLicense[]): { outcome: RuleOutcome; manifest: IdentifiedLicense; texts: IdentifiedLicense[] }[] {
  const outcomes: { outcome: RuleOutcome; manifest: IdentifiedLicense; texts: IdentifiedLicense[] }[] = [];
  const folder = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
  for (const manifest of found.filter((l) => l.method === 'manifest' && !/licen[cs]e|copying/i.test(l.path.slice(l.path.lastIndexOf('/') + 1)))) {
    // A licence file whose name scopes it to a part (LICENSE.data.md) does not speak for the package.
    const texts = found.filter((l) => l.method === 'text' && folder(l.path) === folder(manifest.path) && !l.path.slice(folder(l.path).length).includes('LICENSES/')
      && (l.scope !== 'component' || (l.covers ?? '') === folder(l.path)));
    if (texts.length === 0) continue;
    const textIds = texts.map((l) => l.spdx);
    if (texts.some((l) => licenseFamily(l.spdx) === 'lgpl-3.0')) textIds.push('GPL-3.0');
    const covered = satisfiedBy(manifest.spdx, textIds, TABLE_IDS);
    const reverse = texts.every((t) => satisfiedBy(t.spdx, licenseIdsOf(manifest.spdx, TABLE_IDS) ?? [], TABLE_IDS) === true);
    if (covered === undefined || covered || reverse) continue;
    const first = texts[0] as IdentifiedLicense;
    const approved = approvedForSomePart(facts, manifest.spdx) && texts.every((t) => approvedForSomePart(facts, t.spdx));
    // A sub-package whose manifest and licence file disagree, both approved: a note on a component (dpg-2-02 lists both), not a finding.
    if (approved && isComponent(manifest)) continue;
    outcomes.push({
      outcome: {
        status: approved ? 'gap' : 'fail',
        messageId: approved ? 'manifestDisagreesApproved' : 'manifestDisagrees',
        data: { manifest: foundWhere(manifest), manifestLicense: manifest.spdx, file: first.path, fileLicense: listOf(texts.map((t) => t.spdx)), declaredNote: '' },
        evidence: [foundEvidence(manifest), ...texts.map(foundEvidence)],
      },
      manifest,
      texts,
    });
  }
  return outcomes;
}

/**
 * Several distinct licences at the root and nothing relating them: no found
 * or declared expression names two of them together, and the declaration
 * does not scope them with `appliesTo`.
 */
function unrelated(found: readonly IdentifiedLicense[], declaredValues: readonly string[], declarationEvidence: Evidence, scoped: ReadonlySet<string>): RuleOutcome[] {
  const root = found.filter((l) => !l.path.includes('/') || /^LICENSES\//.test(l.path));
  const families = new Map<string, IdentifiedLicense>();
  for (const license of root) {
    const ids = licenseIdsOf(license.spdx, TABLE_IDS);
    if (!ids || ids.length !== 1) continue;
    const family = licenseFamily(ids[0] as string);
    if (!families.has(family)) families.set(family, license);
  }
  if (families.has('lgpl-3.0')) families.delete('gpl-3.0');
  if (families.size < 2) return [];
  const expressions = [...found.map((l) => l.spdx), ...declaredValues].map((v) => new Set((licenseIdsOf(v, TABLE_IDS) ?? []).map(licenseFamily)));
  const related = (a: string, b: string): boolean => expressions.some((set) => set.has(a) && set.has(b));
  const keys = [...families.keys()];
  // Licences the declaration scopes with `appliesTo` (code under one, data under another) are related by it.
  const loose = keys.filter((a) => !scoped.has(a) && keys.some((b) => a !== b && !scoped.has(b) && !related(a, b)));
  if (loose.length < 2) return [];
  const licenses = loose.map((k) => families.get(k) as IdentifiedLicense);
  return [{
    status: 'gap',
    messageId: 'unrelated',
    data: { found: listOf(licenses.map((l) => `${l.spdx} in ${foundWhere(l)}`)), example: licenses.map((l) => l.spdx).sort().join(' OR ') },
    evidence: [...licenses.map(foundEvidence), declarationEvidence],
  }];
}

/** Families of the licences the declaration scopes to a part (`appliesTo`). */
function scopedFamilies(context: RuleContext): Set<string> {
  return new Set(declaredLicenses(context.declaration).filter((l) => l.appliesTo !== undefined).flatMap((l) => (licenseIdsOf(l.spdx, TABLE_IDS) ?? []).map(licenseFamily)));
}

/** Licences declared for an AI system's parts also count as declared. */
function aiLicenses(context: RuleContext): string[] {
  const ai = context.declaration.data?.aiSystem;
  if (!ai) return [];
  return [ai.modelWeights?.license, ai.trainingCode?.license, ai.trainingData?.license]
    .filter((l): l is string => typeof l === 'string' && l.trim() !== '')
    .map((l) => l.trim());
}

/** One entry per value and place. */
function dedupe(licenses: readonly IdentifiedLicense[]): IdentifiedLicense[] {
  const seen = new Set<string>();
  return licenses.filter((l) => {
    const key = `${l.spdx}\u0000${l.path}\u0000${l.method}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
