/**
 * dpg-9b-01 content-moderation: when the solution collects, stores or
 * distributes content, the owner describes how inappropriate and illegal
 * content is detected, moderated, reported and removed (DPG Standard,
 * indicator 9b).
 *
 * Policy (https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#9-do-no-harm-by-design):
 * the Standard requires "policies identifying inappropriate and illegal
 * content [...] in addition to processes for detecting, moderating,
 * reporting and removing" it. A missing answer is a gap, never a fail. The
 * answer is read for the four steps; pre-moderation ("only content approved
 * by moderators is shared") covers detecting, moderating and removing. Steps
 * the text does not name are left to the reviewer when the answer links a
 * policy (an evidence URL, a URL in the text, or a policy file in the
 * repository) that may describe them. The average response time is a
 * question of the form, not of the Standard: reported when given (in
 * `responseTime` or in the text), noted when not, never a gap of its own.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import type { HandlingLevel } from '../../src/rule-api.js';
import { sortEvidenceLinks, compilePatterns, declared, fileEvidence, isAnswered, linkEvidence, listOf, pathsMatching, unresolvedLinks, wordCount, REQUIREMENT } from '../../src/helpers.js';
import table from './content-moderation.json' with { type: 'json' };

const QUESTION = 'Does your solution allow the collection / storage / distribution of content?';
const MODERATION_QUESTION = 'How does your solution handle inappropriate, misleading and illegal content?';
const STEPS = Object.entries(table.steps).map(([name, pattern]) => ({ name, pattern: new RegExp(pattern, 'i') }));
const POLICY_FILES = compilePatterns(table.policyFiles);
const PRE_MODERATION = new RegExp(table.preModeration, 'i');
const RESPONSE_TIME = new RegExp(table.responseTime, 'i');

const LEVEL_TEXT: Readonly<Record<Exclude<HandlingLevel, 'none'>, string>> = {
  collected: 'collected but not stored or distributed',
  'collected-stored': 'collected and stored but not distributed',
  'collected-stored-distributed': 'collected, stored and distributed',
};

export const contentModeration = defineRuleDraft({
  meta: {
    id: 'dpg-9b-01',
    alias: 'content-moderation',
    level: 'requirement',
    requirement: REQUIREMENT['9b'],
    policy: { fail: '—', gap: 'content is handled and no moderation process is described, or the description misses detecting, reporting or removing' },
    title: 'Inappropriate and illegal content is moderated',
    appliesTo: 'all',
    motivation: 'Digital public goods that collect, store or distribute content must have policies identifying inappropriate and illegal content, such as child sexual abuse materials, and processes for detecting, moderating, reporting and removing it.',
    messages: {
      noDeclaration: `There is no declaration: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION}" in \`doNoHarm.content.contentLevel\`.`,
      unanswered: `Not answered: "${QUESTION}" — set \`doNoHarm.content.contentLevel\` (none, collected, collected-stored or collected-stored-distributed) in dpg.yml.`,
      noContent: 'No content is collected, stored or distributed (declared `none`).',
      described: 'Content is {level} and its handling is described ({words} words, covering {steps}){extra}; a reviewer must still judge that the policy identifies inappropriate and illegal content such as child sexual abuse material.',
      moderationMissing: `Content is {level} and its moderation is not described: answer "${MODERATION_QUESTION}" in \`doNoHarm.content.moderation\`{found}.`,
      distributedNoPolicy: `Content is distributed and the declaration does not say how inappropriate or illegal content is detected, moderated, reported and removed: answer "${MODERATION_QUESTION}" in \`doNoHarm.content.moderation\`.`,
      describedWithPolicy: 'Content is {level} and its handling is described ({words} words, covering {steps}){extra}; the text names no process for {missing}: a reviewer checks that the linked policy ({links}) covers it and identifies inappropriate and illegal content such as child sexual abuse material.',
      moderationTooShort: `The moderation description ({words} words) names no step of a process and links no policy: answer "${MODERATION_QUESTION}" in \`doNoHarm.content.moderation\` — how is inappropriate or illegal content detected, moderated, reported and removed?`,
      stepsMissing: 'The moderation description names no process for {missing} inappropriate, misleading or illegal content, and links no policy that could: how is such content {missing}? Describe it in `doNoHarm.content.moderation` or link the policy in `doNoHarm.content.evidence`.',
      linkNotFound: 'The declared evidence {link} {reason}: fix it in `{key}`.',
    },
    remediation: 'Describe in `doNoHarm.content.moderation` the policy identifying inappropriate, misleading and illegal content and the processes for detecting, moderating, reporting and removing it; give the average response time in `doNoHarm.content.responseTime` and link the policy in `doNoHarm.content.evidence`.',
    reads: [],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    const policies = pathsMatching(snapshot, POLICY_FILES);
    const policyEvidence: Evidence[] = policies.map((path) => fileEvidence(path));
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'doNoHarm.content.contentLevel'), ...policyEvidence] }];
    const content = declaration.data.doNoHarm?.content;
    const level = content?.contentLevel;
    if (level === undefined) return [{ status: 'gap', messageId: 'unanswered', evidence: [declared(declaration, 'doNoHarm.content'), ...policyEvidence] }];
    if (level === 'none') return [{ status: 'n/a', messageId: 'noContent', evidence: [declared(declaration, 'doNoHarm.content.contentLevel')] }];

    const distributed = level === 'collected-stored-distributed';
    const moderation = isAnswered(content?.moderation) ? content.moderation : undefined;
    const words = wordCount(moderation);
    const outcomes: RuleOutcome[] = [];
    if (moderation === undefined) {
      // A policy document in the repository is a policy, even if the declaration does not describe it yet.
      const found = policies.length > 0 ? ` (the repository has ${listOf(policies.slice(0, 3))}, which may be the policy)` : '';
      outcomes.push(distributed && policies.length === 0
        ? { status: 'gap', messageId: 'distributedNoPolicy', evidence: [declared(declaration, 'doNoHarm.content.contentLevel')] }
        : { status: 'gap', messageId: 'moderationMissing', data: { level: LEVEL_TEXT[level], found }, evidence: [declared(declaration, 'doNoHarm.content.contentLevel'), ...policyEvidence] });
    } else {
      const preModerated = PRE_MODERATION.test(moderation);
      const covered = STEPS.filter((step) => step.pattern.test(moderation) || (preModerated && step.name !== 'reporting')).map((step) => step.name);
      const missing = STEPS.map((step) => step.name).filter((name) => !covered.includes(name));
      const links = [...new Set([...sortEvidenceLinks(content?.evidence, snapshot).good, ...(moderation.match(/https?:\/\/[^\s,;)]+/g) ?? []), ...policies])];
      const evidence = [declared(declaration, 'doNoHarm.content.moderation'), ...linkEvidence(links.filter((l) => !policies.includes(l))), ...policyEvidence];
      const extra = responseTimeNote(content?.responseTime, moderation, distributed);
      if (missing.length === 0) {
        outcomes.push({ status: 'pass', messageId: 'described', data: { level: LEVEL_TEXT[level], words, steps: listOf(covered), extra }, evidence });
      } else if (covered.length > 0 && links.length > 0) {
        outcomes.push({ status: 'pass', messageId: 'describedWithPolicy', data: { level: LEVEL_TEXT[level], words, steps: listOf(covered), extra, missing: listOf(missing), links: listOf(links.slice(0, 3)) }, evidence });
      } else if (covered.length === 0 && words < table.minimumWords) {
        outcomes.push({ status: 'gap', messageId: 'moderationTooShort', data: { words }, evidence: [declared(declaration, 'doNoHarm.content.moderation')] });
      } else {
        outcomes.push({ status: 'gap', messageId: 'stepsMissing', data: { missing: listOf(missing) }, evidence: [declared(declaration, 'doNoHarm.content.moderation')] });
      }
    }
    for (const bad of unresolvedLinks(content?.evidence, 'doNoHarm.content.evidence', snapshot)) {
      outcomes.push({ status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] });
    }
    return outcomes;
  },
});

/** The average response time, from `responseTime` or the moderation text ("within 24 hours"); a note when content is distributed and none is given. */
function responseTimeNote(declaredTime: string | undefined, moderation: string, distributed: boolean): string {
  if (isAnswered(declaredTime)) return `; average response time: ${declaredTime.trim()}`;
  const inText = moderation.match(RESPONSE_TIME);
  if (inText) return `; response time: "${inText[0].trim()}"`;
  return distributed ? '; no average response time is given (the questionnaire asks for one, in `doNoHarm.content.responseTime`)' : '';
}
