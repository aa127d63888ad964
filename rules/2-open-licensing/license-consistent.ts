/**
 * dpg-2-04 license-consistent: the licences the repository shows (SPDX
 * headers, manifest licence fields, the host's detection, identified licence
 * texts) agree with the declaration. A found licence not covered by any
 * declared one is a real contradiction: one of the two is wrong.
 *
 * When the repository shows no licence identifier, the result is a pass of
 * consistency only: nothing contradicts the declaration. It says so, and says
 * that it is no confirmation of the licence text (identifying licence texts
 * from their wording is another stage's job; its results arrive here through
 * `facts.licenses` and are then compared like the rest).
 */
import { defineRule, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { IdentifiedLicense } from '../../src/model.js';
import { licenseIdsOf, satisfiedBy } from '../../src/licenses/policy.js';
import { STANDARD, declared, guidanceUrl, listOf } from '../shared.js';
import { APPROVED_LICENSES, QUESTION_WHICH_LICENSES, declarationFile, declaredLicenses, foundEvidence, foundLicenses, foundWhere } from './licensing.js';

const TABLE_IDS = [...APPROVED_LICENSES.software, ...APPROVED_LICENSES.content, ...APPROVED_LICENSES.data];

export const licenseConsistent = defineRule({
  meta: {
    id: 'dpg-2-04',
    alias: 'license-consistent',
    indicator: '2',
    title: 'Found licences agree with the declaration',
    appliesTo: 'all',
    standardVersion: STANDARD,
    motivation: 'Reviewers check the declared licence against the licence actually published with the solution; a manifest or file saying otherwise makes the licensing unclear.',
    messages: {
      consistent: 'The licences found in the repository agree with the declaration: {found}.',
      nothingFound: 'No licence identifier (SPDX-License-Identifier line, manifest licence field) was found in the repository to compare with the declared {declared}{skipped}, so nothing contradicts the declaration. Licence texts were not identified from their wording: this is a consistency result, not a confirmation of the licence text.',
      mismatch: '{found} in {where} is not covered by the declared licence(s) {declared}: declare it in `licenses` (with `appliesTo` if it covers one part only), or correct {path}.',
      declaredUnparseable: '{found} in {where} cannot be compared with the declaration, because {declared} is not an SPDX licence expression: write the declared licence as its SPDX id.',
      noDeclaration: 'No declaration file to compare with the licence(s) found in the repository ({found}): create dpg.yml (`dpg-check init`) and declare them in `licenses`.',
      noneDeclared: `No licence is declared to compare with the licence(s) found in the repository ({found}): answer "${QUESTION_WHICH_LICENSES}" in \`licenses\` of {file}.`,
      nothingToCompare: `No licence is declared and none was found in the repository, so there is nothing to compare: answer "${QUESTION_WHICH_LICENSES}" in \`licenses\` of dpg.yml.`,
    },
    remediation: 'Make the declaration and the repository say the same: declare every licence the repository uses in `licenses` of dpg.yml (SPDX ids, `appliesTo` for parts), and fix manifests or SPDX headers that name another licence.',
    docsUrl: guidanceUrl('2'),
    reads: ['LICENSE*', 'LICENCE*', 'COPYING*', 'UNLICENSE*', 'package.json', 'composer.json', 'Cargo.toml', 'pyproject.toml', 'setup.cfg', 'DESCRIPTION'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration, facts } = context;
    const found = dedupe(foundLicenses(facts));
    const declaredValues = [
      ...declaredLicenses(declaration).map((l) => l.spdx),
      ...aiLicenses(context),
    ];
    const foundText = listOf(found.map((l) => `${l.spdx} in ${foundWhere(l)}`));
    if (declaredValues.length === 0) {
      if (found.length === 0) return [{ status: 'gap', messageId: 'nothingToCompare', evidence: [declared(declaration, 'licenses')] }];
      const evidence = [declared(declaration, 'licenses'), ...found.map(foundEvidence)];
      return declaration.data === undefined
        ? [{ status: 'gap', messageId: 'noDeclaration', data: { found: foundText }, evidence }]
        : [{ status: 'gap', messageId: 'noneDeclared', data: { found: foundText, file: declarationFile(declaration) }, evidence }];
    }
    const declaredIds = declaredValues.flatMap((value) => licenseIdsOf(value, TABLE_IDS) ?? []);
    const unparseableDeclared = declaredValues.filter((value) => licenseIdsOf(value, TABLE_IDS) === undefined);
    const declaredText = listOf(declaredValues);
    const declaredEvidence = declared(declaration, 'licenses');
    const outcomes: RuleOutcome[] = [];
    const agreeing: IdentifiedLicense[] = [];
    const unidentified: IdentifiedLicense[] = [];
    for (const license of found) {
      const covered = satisfiedBy(license.spdx, declaredIds, TABLE_IDS);
      if (covered === undefined) { unidentified.push(license); continue; }
      if (covered) { agreeing.push(license); continue; }
      const data = { found: license.spdx, where: foundWhere(license), path: license.method === 'host' ? 'the repository\'s licence file' : license.path };
      outcomes.push(unparseableDeclared.length > 0
        ? { status: 'gap', messageId: 'declaredUnparseable', data: { ...data, declared: listOf(unparseableDeclared) }, evidence: [foundEvidence(license), declaredEvidence] }
        : { status: 'fail', messageId: 'mismatch', data: { ...data, declared: declaredText }, evidence: [foundEvidence(license), declaredEvidence] });
    }
    if (agreeing.length > 0) {
      outcomes.unshift({ status: 'pass', messageId: 'consistent', data: { found: listOf(agreeing.map((l) => `${l.spdx} in ${foundWhere(l)}`)) }, evidence: [...agreeing.map(foundEvidence), declaredEvidence] });
    } else if (outcomes.length === 0) {
      const skipped = unidentified.length > 0 ? ` (${listOf(unidentified.map((l) => `"${l.spdx}" in ${foundWhere(l)}`))}: not SPDX expressions, ignored)` : '';
      outcomes.push({ status: 'pass', messageId: 'nothingFound', data: { declared: declaredText, skipped }, evidence: [declaredEvidence, ...unidentified.map(foundEvidence)] });
    }
    return outcomes;
  },
});

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
