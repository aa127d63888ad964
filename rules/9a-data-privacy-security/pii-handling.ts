/**
 * dpg-9a-01 pii-handling: when the solution can collect, store or distribute
 * PII, the owner lists its types and describes how its privacy, security and
 * integrity are ensured (DPG Standard, indicator 9a).
 *
 * Policy (docs/policy.md): no measures described is a gap (a missing answer is
 * never a fail). A short answer passes for a reviewer to judge when it names a
 * measure (encryption, access control, consent…) or links the policy that
 * describes them: approved DPGs answer "https://…/gdpr" or "No data is shared"
 * and reviewers accepted them; a word count is not the Standard's criterion.
 * The types of PII are a questionnaire detail the Standard does not require:
 * noted in the pass when given, never a gap.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { HandlingLevel } from '../../src/rule-api.js';
import { answeredEntries, sortEvidenceLinks, declared, isAnswered, linkEvidence, listOf, unresolvedLinks, wordCount, REQUIREMENT } from '../../src/helpers.js';
import table from './pii-handling.json' with { type: 'json' };

const QUESTION = 'Does your solution allow the collection / storage / distribution of PII data?';
const MEASURES_QUESTION = 'How does your solution ensure data privacy & security?';

/** The questionnaire's wording of each level. */
export const PII_LEVEL_TEXT: Readonly<Record<HandlingLevel, string>> = {
  none: 'PII can not be collected, stored or distributed',
  collected: 'PII can be collected but not stored or distributed',
  'collected-stored': 'PII can be collected and stored but not distributed',
  'collected-stored-distributed': 'PII can be collected, stored and distributed',
};

const MEASURES: readonly { name: string; pattern: RegExp }[] = table.measures.map((m) => ({ name: m.name, pattern: new RegExp(m.pattern, 'i') }));

/** The kinds of measure a short answer names ("encryption", "role-based access", "no data is shared"). */
function namedMeasures(text: string): string[] {
  return MEASURES.filter((m) => m.pattern.test(text)).map((m) => m.name);
}

export const piiHandling = defineRuleDraft({
  meta: {
    id: 'dpg-9a-01',
    alias: 'pii-handling',
    level: 'requirement',
    requirement: REQUIREMENT['9a'],
    policy: { fail: '—', gap: 'PII is handled and no measures are described, or an answer too short to name any measure or policy' },
    title: 'PII handling is declared, with privacy and security measures',
    appliesTo: 'all',
    motivation: 'Digital public goods that collect, store and distribute personally identifiable information must demonstrate how they ensure the privacy, security and integrity of this data, and the steps taken to prevent adverse impacts.',
    messages: {
      noDeclaration: `There is no declaration: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION}" in \`doNoHarm.dataPrivacy.piiLevel\`.`,
      unanswered: `Not answered: "${QUESTION}" — set \`doNoHarm.dataPrivacy.piiLevel\` (none, collected, collected-stored or collected-stored-distributed) in dpg.yml.`,
      noPII: 'PII can not be collected, stored or distributed (declared `none`).',
      measuresDescribed: '{level}{types}, and the privacy and security measures are described ({words} words{named}); a reviewer must still judge that they ensure the privacy, security and integrity of the data.',
      noMeasures: `PII is handled and no measures are described yet ({level}): answer "${MEASURES_QUESTION}" in \`doNoHarm.dataPrivacy.measures\`.`,
      measuresTooShort: `The privacy and security measures are too short to judge ({words} words, naming no measure and linking no policy): answer "${MEASURES_QUESTION}" in \`doNoHarm.dataPrivacy.measures\`, showing how the privacy, security and integrity of the PII are ensured and how adverse impacts are prevented.`,
      linkNotFound: 'The declared evidence {link} {reason}: fix it in `{key}`.',
    },
    remediation: 'Declare in `doNoHarm.dataPrivacy` the PII level, the types of PII and the measures (access control, encryption, retention, consent, anonymisation…) that ensure its privacy, security and integrity; this must be answered by someone authorised to speak for the owner.',
    reads: [],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'doNoHarm.dataPrivacy.piiLevel')] }];
    const privacy = declaration.data.doNoHarm?.dataPrivacy;
    const level = privacy?.piiLevel;
    if (level === undefined) return [{ status: 'gap', messageId: 'unanswered', evidence: [declared(declaration, 'doNoHarm.dataPrivacy')] }];
    if (level === 'none') return [{ status: 'pass', messageId: 'noPII', evidence: [declared(declaration, 'doNoHarm.dataPrivacy.piiLevel')] }];

    const levelText = PII_LEVEL_TEXT[level];
    const types = answeredEntries(privacy?.piiTypes);
    const outcomes: RuleOutcome[] = [];
    const measures = isAnswered(privacy?.measures) ? privacy.measures : undefined;
    const words = wordCount(measures);
    const named = measures === undefined ? [] : namedMeasures(measures);
    const linked = (measures !== undefined && /https?:\/\//i.test(measures)) || answeredEntries(privacy?.evidence).length > 0;
    if (measures === undefined) {
      outcomes.push({ status: 'gap', messageId: 'noMeasures', data: { level: levelText }, evidence: [declared(declaration, 'doNoHarm.dataPrivacy.piiLevel')] });
    } else if (words < table.minimumMeasureWords && named.length === 0 && !linked) {
      outcomes.push({ status: 'gap', messageId: 'measuresTooShort', data: { words, minimum: table.minimumMeasureWords }, evidence: [declared(declaration, 'doNoHarm.dataPrivacy.measures')] });
    } else {
      const links = sortEvidenceLinks(privacy?.evidence, snapshot).good;
      outcomes.push({
        status: 'pass',
        messageId: 'measuresDescribed',
        data: {
          level: levelText, types: types.length > 0 ? ` (${listOf(types)})` : ' (the types of PII are not listed)', words,
          named: named.length > 0 ? `, naming ${listOf(named)}` : linked && words < table.minimumMeasureWords ? ', with a link to the policy' : '',
        },
        evidence: [declared(declaration, 'doNoHarm.dataPrivacy.measures'), ...linkEvidence(links)],
      });
    }
    for (const bad of unresolvedLinks(privacy?.evidence, 'doNoHarm.dataPrivacy.evidence', snapshot)) {
      outcomes.push({ status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] });
    }
    return outcomes;
  },
});
