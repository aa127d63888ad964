/**
 * dpg-2-01 license-declared: the declaration names the solution's licence(s)
 * and backs each with evidence (DPG Standard, indicator 2: "Which open
 * license(s) is/are used by your solution?" and "Provide evidence of use of
 * the selected open license(s)"). Evidence paths must exist in the candidate;
 * a path leaving it (`../`) is never read and is reported as a failure.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { sortEvidenceLinks, declared, linkEvidence, listOf, REQUIREMENT } from '../../src/helpers.js';
import { QUESTION_LICENSE_EVIDENCE, QUESTION_WHICH_LICENSES, declarationFile, declaredLicenses, foundLicenses, foundWhere, foundEvidence } from '../lib/licensing.js';

export const licenseDeclared = defineRuleDraft({
  meta: {
    id: 'dpg-2-01',
    alias: 'license-declared',
    level: 'requirement',
    requirement: REQUIREMENT['2'],
    policy: { fail: '—', gap: 'no licence is declared, or its evidence is missing or outside the candidate' },
    title: 'Licences are declared with evidence',
    appliesTo: 'all',
    motivation: 'Digital public goods must demonstrate the use of an approved open licence; the application asks which licence(s) the solution uses and for links to where each is published.',
    messages: {
      evidenced: '{spdx} is declared, with evidence {links}.',
      noDeclaration: `No declaration file: create dpg.yml (\`dpg-check init\`), answer "${QUESTION_WHICH_LICENSES}" in \`licenses\` (SPDX ids) and "${QUESTION_LICENSE_EVIDENCE}" in \`licenses[].evidence\`.{found}`,
      noLicenses: `No licence is declared: answer "${QUESTION_WHICH_LICENSES}" in \`licenses\` of {file}, with SPDX ids.{found}`,
      noEvidence: `{spdx} is declared without evidence: answer "${QUESTION_LICENSE_EVIDENCE}" in \`{key}\` (the LICENSE file, or a public URL where the licence is published for this project).`,
      missingEvidence: '{spdx}: the evidence {paths} is not in the candidate: correct the path(s) in `{key}` or add the file(s).',
      outsideEvidence: '{spdx}: the evidence {paths} points outside the candidate and is never read: evidence must be a URL or a path inside the repository (`{key}`).',
    },
    remediation: 'Declare each licence in `licenses` of dpg.yml as an SPDX id (e.g. `spdx: Apache-2.0`), with `evidence` linking to the licence file in the repository (e.g. `LICENSE`) or a public page where it is published.',
    reads: ['LICENSE*', 'LICENCE*', 'COPYING*', 'UNLICENSE*', 'LICENSES/'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration, snapshot, facts } = context;
    const licenses = declaredLicenses(declaration);
    if (licenses.length === 0) {
      const found = foundLicenses(facts);
      const hint = found.length > 0 ? ` The repository shows ${listOf(found.map((l) => `${l.spdx} in ${foundWhere(l)}`))}.` : '';
      const evidence = [declared(declaration, 'licenses'), ...found.map(foundEvidence)];
      return declaration.data === undefined
        ? [{ status: 'gap', messageId: 'noDeclaration', data: { found: hint }, evidence }]
        : [{ status: 'gap', messageId: 'noLicenses', data: { found: hint, file: declarationFile(declaration) }, evidence }];
    }
    const outcomes: RuleOutcome[] = [];
    for (const license of licenses) {
      const key = `licenses[${license.index}].evidence`;
      if (license.evidence.length === 0) {
        outcomes.push({ status: 'gap', messageId: 'noEvidence', data: { spdx: license.spdx, key }, evidence: [declared(declaration, `licenses[${license.index}]`)] });
        continue;
      }
      const links = sortEvidenceLinks(license.evidence, snapshot);
      const at = declared(declaration, key);
      if (links.outside.length > 0) {
        outcomes.push({ status: 'fail', messageId: 'outsideEvidence', data: { spdx: license.spdx, paths: listOf(links.outside), key }, evidence: [at] });
      }
      if (links.missing.length > 0) {
        outcomes.push({ status: 'gap', messageId: 'missingEvidence', data: { spdx: license.spdx, paths: listOf(links.missing), key }, evidence: [at] });
      }
      if (links.outside.length === 0 && links.missing.length === 0 && links.good.length > 0) {
        outcomes.push({ status: 'pass', messageId: 'evidenced', data: { spdx: license.spdx, links: listOf(links.good) }, evidence: [declared(declaration, `licenses[${license.index}].spdx`), ...linkEvidence(links.good)] });
      }
      if (links.good.length === 0 && links.outside.length === 0 && links.missing.length === 0) {
        // Only blank strings: as good as no evidence.
        outcomes.push({ status: 'gap', messageId: 'noEvidence', data: { spdx: license.spdx, key }, evidence: [at] });
      }
    }
    return outcomes;
  },
});
