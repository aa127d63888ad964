/**
 * dpg-1-01 sdgs-declared: the declaration names at least one Sustainable
 * Development Goal (DPG Standard, indicator 1: "Which SDGs is your solution
 * relevant to?"). When none is declared, SDGs the repository itself points at
 * (host topics such as `sdg-3`, README mentions) are offered as hints; when
 * some are, the host's topics are reported as supporting evidence (or as SDGs
 * the repository names but the declaration leaves out).
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { declared, listOf, REQUIREMENT } from '../../src/helpers.js';
import { QUESTION_WHICH_SDGS, sdgHints, topicSdgs, validSdgs } from '../lib/sdgs.js';

export const sdgsDeclared = defineRuleDraft({
  meta: {
    id: 'dpg-1-01',
    alias: 'sdgs-declared',
    level: 'requirement',
    requirement: REQUIREMENT['1'],
    policy: { fail: '—', gap: 'no SDG is declared' },
    title: 'At least one SDG is declared',
    appliesTo: 'all',
    motivation: 'Digital public goods must demonstrate relevance to advancing the Sustainable Development Goals; the application starts by asking which SDGs the solution is relevant to.',
    messages: {
      declared: 'Declared SDG relevance: {sdgs}.{topics}',
      noDeclaration: `No declaration file: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_WHICH_SDGS}" in \`sdgs\` (one entry per SDG, 1–17).{hints}`,
      noneDeclared: `No SDG is declared: answer "${QUESTION_WHICH_SDGS}" in \`sdgs\` of {file} (one entry per SDG, 1–17).{hints}`,
    },
    remediation: 'List the SDGs most relevant to the solution in `sdgs` of dpg.yml, each as `{ sdg: <1–17>, explanation: <how the solution advances it> }` (see https://sdgs.un.org/goals).',
    reads: ['README*'],
  },
  check(context: RuleContext): RuleOutcome {
    const { declaration } = context;
    const sdgs = validSdgs(declaration.data?.sdgs);
    if (sdgs.length > 0) {
      const numbers = [...new Set(sdgs.map((s) => s.sdg))];
      const topics = topicSdgs(context);
      const agreeing = topics.filter((t) => numbers.includes(t.sdg));
      const extra = topics.filter((t) => !numbers.includes(t.sdg));
      const notes = [
        ...(agreeing.length > 0 ? [` The repository's topics agree: ${listOf(agreeing.map((t) => `${t.where} (SDG ${t.sdg})`))}.`] : []),
        ...(extra.length > 0 ? [` The repository's topics also name ${listOf(extra.map((t) => `SDG ${t.sdg} (${t.where})`))}, which the declaration does not: declare ${extra.length === 1 ? 'it' : 'them'} with an explanation, or drop the topic.`] : []),
      ];
      return {
        status: 'pass',
        messageId: 'declared',
        data: { sdgs: listOf(numbers.map((n) => `SDG ${n}`)), topics: notes.join('') },
        evidence: [declared(declaration, 'sdgs'), ...agreeing.map((t) => t.evidence)],
      };
    }
    const hints = sdgHints(context);
    const hintText = hints.length > 0
      ? ` The repository points at ${listOf(hints.map((h) => `SDG ${h.sdg} (${h.where})`))}: declare ${hints.length === 1 ? 'it' : 'them'} with an explanation.`
      : '';
    const evidence: Evidence[] = [declared(declaration, 'sdgs'), ...hints.map((h) => h.evidence)];
    return declaration.data === undefined
      ? { status: 'gap', messageId: 'noDeclaration', data: { hints: hintText }, evidence }
      : { status: 'gap', messageId: 'noneDeclared', data: { hints: hintText, file: declaration.path ?? 'dpg.yml' }, evidence };
  },
});
