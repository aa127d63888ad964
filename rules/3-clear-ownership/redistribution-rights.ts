/**
 * dpg-3-03 redistribution-rights: whoever does not own everything in the
 * solution shows the right to redistribute the rest (DPG Standard, indicator
 * 3: "Do you own all of the code, content and/or data in this solution?" and
 * "[If No] Do you have the right to re-distribute this data, content or
 * code?" — licensing agreements, public-domain evidence, or for code a
 * Contributor License Agreement).
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { sortEvidenceLinks, declared, linkEvidence, listOf } from '../../src/helpers.js';
import { QUESTION_OWNS_ALL, QUESTION_REDISTRIBUTE, declarationFile } from '../lib/ownership.js';

export const redistributionRights = defineRuleDraft({
  meta: {
    id: 'dpg-3-03',
    alias: 'redistribution-rights',
    level: 'advice',
    policy: { fail: '—', gap: '`owner.ownsAll` unanswered, or not owned and no evidence of the right to redistribute (advice)' },
    title: 'The right to redistribute is clear',
    appliesTo: 'all',
    motivation: 'A digital public good can only be shared under an open licence by someone who owns it or holds the right to redistribute it; the application asks for evidence when the owner does not own everything.',
    messages: {
      ownsAll: 'The owner declares owning all of the code, content and/or data (`owner.ownsAll: true`).',
      rightsEvidenced: 'Not everything is owned, and the right to redistribute is evidenced: {links}. A reviewer judges whether the evidence covers all of it.',
      noDeclaration: `No declaration file: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_OWNS_ALL}" in \`owner.ownsAll\` (and, if not, "${QUESTION_REDISTRIBUTE}" in \`owner.redistributionRights\`).`,
      unanswered: `Unanswered: "${QUESTION_OWNS_ALL}" — set \`owner.ownsAll\` in {file} (true, or false with evidence of the right to redistribute in \`owner.redistributionRights\`).`,
      noRights: `Not all of the code, content and/or data is owned (\`owner.ownsAll: false\`), and no evidence of the right to redistribute is given: answer "${QUESTION_REDISTRIBUTE}" with links in \`owner.redistributionRights.evidence\` (licensing agreements, public-domain evidence) or, for code, a Contributor License Agreement in \`owner.contributorAgreement\`.`,
      descriptionOnly: `The right to redistribute is described but not evidenced: add links in \`owner.redistributionRights.evidence\` (licensing agreements, public-domain evidence, or for code a Contributor License Agreement), as "${QUESTION_REDISTRIBUTE}" asks.`,
      badLinks: 'The redistribution evidence {paths} {problem}: correct `{key}`.',
    },
    remediation: 'Answer `owner.ownsAll` in dpg.yml; when not everything is owned, link evidence of the right to redistribute it in `owner.redistributionRights.evidence` (licences of third-party material, public-domain evidence) and, for code, your Contributor License Agreement in `owner.contributorAgreement`.',
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration, snapshot } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'owner.ownsAll')] }];
    const owner = declaration.data.owner;
    if (owner?.ownsAll === true) return [{ status: 'pass', messageId: 'ownsAll', evidence: [declared(declaration, 'owner.ownsAll')] }];
    if (owner?.ownsAll !== false) return [{ status: 'gap', messageId: 'unanswered', data: { file: declarationFile(declaration) }, evidence: [declared(declaration, owner ? 'owner.ownsAll' : 'owner')] }];
    const rights = owner.redistributionRights;
    const rightsLinks = Array.isArray(rights?.evidence) ? rights.evidence.filter((l): l is string => typeof l === 'string') : [];
    const cla = typeof owner.contributorAgreement === 'string' && owner.contributorAgreement.trim() !== '' ? [owner.contributorAgreement.trim()] : [];
    const outcomes: RuleOutcome[] = [];
    const good: string[] = [];
    for (const [key, links] of [['owner.redistributionRights.evidence', rightsLinks], ['owner.contributorAgreement', cla]] as const) {
      const checked = sortEvidenceLinks(links, snapshot);
      good.push(...checked.good);
      if (checked.outside.length > 0) outcomes.push({ status: 'gap', messageId: 'badLinks', data: { paths: listOf(checked.outside), problem: 'points outside the candidate and is never read', key }, evidence: [declared(declaration, key)] });
      if (checked.missing.length > 0) outcomes.push({ status: 'gap', messageId: 'badLinks', data: { paths: listOf(checked.missing), problem: 'is not in the candidate', key }, evidence: [declared(declaration, key)] });
    }
    if (outcomes.length > 0) return outcomes;
    if (good.length > 0) {
      const keys = [...(rightsLinks.length > 0 ? ['owner.redistributionRights.evidence'] : []), ...(cla.length > 0 ? ['owner.contributorAgreement'] : [])];
      return [{ status: 'pass', messageId: 'rightsEvidenced', data: { links: listOf(good) }, evidence: [...keys.map((k) => declared(declaration, k)), ...linkEvidence(good)] }];
    }
    const described = typeof rights?.description === 'string' && rights.description.trim() !== '';
    return [described
      ? { status: 'gap', messageId: 'descriptionOnly', evidence: [declared(declaration, 'owner.redistributionRights.description')] }
      : { status: 'gap', messageId: 'noRights', evidence: [declared(declaration, 'owner.ownsAll')] }];
  },
});
