/**
 * dpg-8-01 standards-declared: the owner lists the open standards and best
 * practices the solution follows, each with evidence of adherence (DPG
 * Standard, indicator 8).
 */
import { defineRule, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/model.js';
import { STANDARD, checkLinks, declared, guidanceUrl, isAnswered, linkEvidence, listOf, unresolvedLinks, REQUIREMENT } from '../shared.js';

const STANDARDS_QUESTION = 'Provide a list of the open standards your solution adheres to and demonstrate adherence';
const PRACTICES_QUESTION = 'Provide a list of best practices & principles your solution adheres to and demonstrate adherence';

export const standardsDeclared = defineRule({
  meta: {
    id: 'dpg-8-01',
    alias: 'standards-declared',
    indicator: '8',
    level: 'requirement',
    requirement: REQUIREMENT['8'],
    title: 'Open standards and best practices are declared with evidence',
    appliesTo: 'all',
    standardVersion: STANDARD,
    motivation: 'Digital public goods must be designed and developed to align with relevant standards, best practices and/or principles; the application asks for each to be listed and its adherence demonstrated.',
    messages: {
      noDeclaration: `There is no declaration: create dpg.yml (\`dpg-check init\`), answer "${STANDARDS_QUESTION}" in \`standards.standards\` and "${PRACTICES_QUESTION}" in \`standards.bestPractices\`.`,
      none: `No standards or best practices are declared: answer "${STANDARDS_QUESTION}" in \`standards.standards\` and "${PRACTICES_QUESTION}" in \`standards.bestPractices\` of dpg.yml.`,
      declared: 'Declared with evidence: {entries}; a reviewer must still judge that the evidence demonstrates adherence.',
      entryNoEvidence: 'The {kind} "{name}" has no evidence of adherence: add links (a validator, an open test suite, documentation) in `{key}`.',
      linkNotFound: 'The declared evidence {link} {reason}: fix it in `{key}`.',
    },
    remediation: 'List the open standards in `standards.standards` and the best practices and principles in `standards.bestPractices`, each with evidence links (a validator, an open test suite, documentation showing adherence).',
    docsUrl: guidanceUrl('8'),
    reads: [],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'standards')] }];
    const section = declaration.data.standards;
    const entries = [
      ...(section?.standards ?? []).map((entry, index) => ({ entry, kind: 'standard', key: `standards.standards[${index}]` })),
      ...(section?.bestPractices ?? []).map((entry, index) => ({ entry, kind: 'best practice', key: `standards.bestPractices[${index}]` })),
    ].filter(({ entry }) => isAnswered(entry.name));
    if (entries.length === 0) return [{ status: 'gap', messageId: 'none', evidence: [declared(declaration, 'standards')] }];

    const outcomes: RuleOutcome[] = [];
    const supported: string[] = [];
    const supportEvidence: Evidence[] = [];
    for (const { entry, kind, key } of entries) {
      const name = entry.name.trim();
      const good = checkLinks(entry.evidence, snapshot).good;
      const broken = unresolvedLinks(entry.evidence, `${key}.evidence`, snapshot);
      if (good.length > 0) {
        supported.push(name);
        supportEvidence.push(declared(declaration, `${key}.name`), ...linkEvidence(good));
      } else if (broken.length === 0) {
        outcomes.push({ status: 'gap', messageId: 'entryNoEvidence', data: { kind, name, key: `${key}.evidence` }, evidence: [declared(declaration, key)] });
      }
      for (const bad of broken) outcomes.push({ status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] });
    }
    if (supported.length > 0) outcomes.unshift({ status: 'pass', messageId: 'declared', data: { entries: listOf(supported) }, evidence: supportEvidence });
    return outcomes;
  },
});
