/**
 * dpg-9b-01 content-moderation: when the solution collects, stores or
 * distributes content, the owner describes how inappropriate and illegal
 * content is detected, moderated, reported and removed (DPG Standard,
 * indicator 9b).
 */
import { defineRule, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/model.js';
import type { HandlingLevel } from '../../src/declaration/types.js';
import { STANDARD, checkLinks, compilePatterns, declared, fileEvidence, guidanceUrl, isAnswered, linkEvidence, listOf, pathsMatching, unresolvedLinks, wordCount, REQUIREMENT } from '../shared.js';
import table from './content-moderation.json' with { type: 'json' };

const QUESTION = 'Does your solution allow the collection / storage / distribution of content?';
const MODERATION_QUESTION = 'How does your solution handle inappropriate, misleading and illegal content?';
const STEPS = Object.entries(table.steps).map(([name, pattern]) => ({ name, pattern: new RegExp(pattern, 'i') }));
const POLICY_FILES = compilePatterns(table.policyFiles);

const LEVEL_TEXT: Readonly<Record<Exclude<HandlingLevel, 'none'>, string>> = {
  collected: 'collected but not stored or distributed',
  'collected-stored': 'collected and stored but not distributed',
  'collected-stored-distributed': 'collected, stored and distributed',
};

export const contentModeration = defineRule({
  meta: {
    id: 'dpg-9b-01',
    alias: 'content-moderation',
    indicator: '9b',
    level: 'requirement',
    requirement: REQUIREMENT['9b'],
    title: 'Inappropriate and illegal content is moderated',
    appliesTo: 'all',
    standardVersion: STANDARD,
    motivation: 'Digital public goods that collect, store or distribute content must have policies identifying inappropriate and illegal content, such as child sexual abuse materials, and processes for detecting, moderating, reporting and removing it.',
    messages: {
      noDeclaration: `There is no declaration: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION}" in \`doNoHarm.content.contentLevel\`.`,
      unanswered: `Not answered: "${QUESTION}" — set \`doNoHarm.content.contentLevel\` (none, collected, collected-stored or collected-stored-distributed) in dpg.yml.`,
      noContent: 'No content is collected, stored or distributed (declared `none`).',
      described: 'Content is {level} and its handling is described ({words} words, covering {steps}){extra}; a reviewer must still judge that the policy identifies inappropriate and illegal content such as child sexual abuse material.',
      moderationMissing: `Content is {level} and its moderation is not described: answer "${MODERATION_QUESTION}" in \`doNoHarm.content.moderation\`{found}.`,
      distributedNoPolicy: `Content is distributed and no policy is described: nothing says how inappropriate or illegal content is detected, moderated, reported and removed. Answer "${MODERATION_QUESTION}" in \`doNoHarm.content.moderation\`.`,
      moderationTooShort: `The moderation description is too short to judge ({words} words, at least {minimum} expected): answer "${MODERATION_QUESTION}" in \`doNoHarm.content.moderation\`, describing the mechanisms for identifying such content and the processes for detecting, moderating, reporting and removing it.`,
      stepsMissing: 'The moderation description does not say how content is {missing}: the DPG Standard asks for processes for detecting, moderating, reporting and removing inappropriate, misleading or illegal content.',
      noResponseTime: 'Content is distributed but no average response time is given: the questionnaire asks for "the average response time for assessment and/or action" — set `doNoHarm.content.responseTime`.',
      linkNotFound: 'The declared evidence {link} {reason}: fix it in `{key}`.',
    },
    remediation: 'Describe in `doNoHarm.content.moderation` the policy identifying inappropriate, misleading and illegal content and the processes for detecting, moderating, reporting and removing it; give the average response time in `doNoHarm.content.responseTime` and link the policy in `doNoHarm.content.evidence`.',
    docsUrl: guidanceUrl('9b'),
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
        ? { status: 'fail', messageId: 'distributedNoPolicy', evidence: [declared(declaration, 'doNoHarm.content.contentLevel')] }
        : { status: 'gap', messageId: 'moderationMissing', data: { level: LEVEL_TEXT[level], found }, evidence: [declared(declaration, 'doNoHarm.content.contentLevel'), ...policyEvidence] });
    } else if (words < table.minimumWords) {
      outcomes.push({ status: 'gap', messageId: 'moderationTooShort', data: { words, minimum: table.minimumWords }, evidence: [declared(declaration, 'doNoHarm.content.moderation')] });
    } else {
      const covered = STEPS.filter((s) => s.pattern.test(moderation)).map((s) => s.name);
      const missing = STEPS.map((s) => s.name).filter((name) => !covered.includes(name));
      if (missing.length > 0) {
        outcomes.push({ status: 'gap', messageId: 'stepsMissing', data: { missing: listOf(missing) }, evidence: [declared(declaration, 'doNoHarm.content.moderation')] });
      } else {
        const responseTime = isAnswered(content?.responseTime) ? `; average response time: ${content.responseTime.trim()}` : '';
        const links = checkLinks(content?.evidence, snapshot).good;
        outcomes.push({
          status: 'pass',
          messageId: 'described',
          data: { level: LEVEL_TEXT[level], words, steps: listOf(covered), extra: responseTime },
          evidence: [declared(declaration, 'doNoHarm.content.moderation'), ...linkEvidence(links), ...policyEvidence],
        });
      }
    }
    if (distributed && !isAnswered(content?.responseTime)) {
      outcomes.push({ status: 'gap', messageId: 'noResponseTime', evidence: [declared(declaration, 'doNoHarm.content')] });
    }
    for (const bad of unresolvedLinks(content?.evidence, 'doNoHarm.content.evidence', snapshot)) {
      outcomes.push({ status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] });
    }
    return outcomes;
  },
});
