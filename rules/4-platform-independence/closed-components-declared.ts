/**
 * dpg-4-01 closed-components-declared: the question "Does this solution use
 * any closed components that create proprietary dependency?" is answered;
 * when it is yes, every closed component has at least one open alternative
 * and a described way to switch to it (DPG Standard, indicator 4: "indicating
 * the existence of functional, open alternatives that can be used without
 * significant changes to the core product is required"). An answer given
 * only in words (`platformIndependence.description`, the application form's
 * free text) is left to a reviewer: a pass that says so.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { LINK_NOT_FOUND, declared, isAnswered, linkEvidence, listOf, sortEvidenceLinks, unresolvedLinkGaps, wordCount, REQUIREMENT } from '../../src/helpers.js';
import { QUESTION_CLOSED, QUESTION_REPLACE, declarationFile } from '../lib/platform.js';
import { closedAlternatives, describeClosed } from '../lib/known-closed.js';

/** Fewer words than this in `platformIndependence.description` ("We use open alternatives") cannot show independence. */
const MINIMUM_DESCRIPTION_WORDS = 10;

export const closedComponentsDeclared = defineRuleDraft({
  meta: {
    id: 'dpg-4-01',
    alias: 'closed-components-declared',
    level: 'requirement',
    requirement: REQUIREMENT['4'],
    policy: { fail: 'closed components are declared and none has an open alternative', gap: 'the closed-components question is unanswered, closed components are declared but neither listed nor described in words, a closed component has no migration described, or its only declared alternatives are themselves closed' },
    title: 'Closed components have open alternatives',
    appliesTo: 'all',
    motivation: 'When a digital public good has mandatory dependencies that create more restrictions than its own licence, it must prove independence from them or show functional open alternatives usable without significant changes to the core product.',
    messages: {
      noClosed: 'The declaration says the solution uses no closed components that create proprietary dependency (`platformIndependence.closedComponents: false`). This rests on the declaration; dpg-4-03 checks it against the dependency manifests.',
      replaceable: '{component} can be replaced by {alternatives}; migration: "{migration}".',
      noDeclaration: `No declaration file: create dpg.yml (\`dpg-check init\`) and answer "${QUESTION_CLOSED}" in \`platformIndependence.closedComponents\` (true or false).`,
      unanswered: `Unanswered: "${QUESTION_CLOSED}" — set \`platformIndependence.closedComponents\` in {file} (true or false; for AI systems consider the code, the model and the data).`,
      noneListed: `Closed components are declared (\`closedComponents: true\`) but none is listed{short}: answer "${QUESTION_REPLACE}" in \`platformIndependence.components\` (name, openAlternatives, migration for each).`,
      describedInWords: 'Closed components are declared, and how the solution is independent of them is told in words ({words} words in `platformIndependence.description`: "{excerpt}"); a reviewer must judge that it shows functional open alternatives. Listing each component in `platformIndependence.components` (name, openAlternatives, migration) would let this check judge them.',
      noAlternative: '{component} is a closed component with no open alternative: list the functional open alternatives that can replace it without significant changes in `platformIndependence.components[{index}].openAlternatives`, or replace it.',
      linkNotFound: LINK_NOT_FOUND,
      alternativesClosed: '{component}: the open alternatives declared for it are closed themselves: {closed}. Which functional open alternative can replace it without significant changes? List it in `platformIndependence.components[{index}].openAlternatives` (or, if the version you name is openly licensed, give that version).',
      noMigration: `{component}: open alternatives ({alternatives}) are named, but not how to switch to them: describe the migration (a configuration change, an abstraction layer, or documented patch instructions) in \`platformIndependence.components[{index}].migration\`, as "${QUESTION_REPLACE}" asks.`,
    },
    remediation: 'For each closed component, either replace it with an open alternative under an OSI-approved licence, put it behind an abstraction layer that also supports an open alternative, or publish migration instructions (code and documentation); then list it in `platformIndependence.components` of dpg.yml with `openAlternatives` and `migration`.',
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'platformIndependence.closedComponents')] }];
    const platform = declaration.data.platformIndependence;
    if (platform?.closedComponents === false) return [{ status: 'pass', messageId: 'noClosed', evidence: [declared(declaration, 'platformIndependence.closedComponents')] }];
    if (platform?.closedComponents !== true) {
      return [{ status: 'gap', messageId: 'unanswered', data: { file: declarationFile(declaration) }, evidence: [declared(declaration, platform ? 'platformIndependence.closedComponents' : 'platformIndependence')] }];
    }
    const components = Array.isArray(platform.components) ? platform.components : [];
    const listed = components.map((c, index) => ({ c, index })).filter(({ c }) => isAnswered(c?.name));
    if (listed.length === 0) {
      // The application form asks the question in words, and the registry's answers are prose: an answer of some
      // substance is what a reviewer reads (harmony: "Emails are sent via Mailgun API … they can use flask-mail").
      const description = isAnswered(platform.description) ? platform.description : undefined;
      // Words of prose: a link alone (yallakhedmeh's answer is its Play Store page) shows nothing by itself.
      const words = wordCount(description?.replace(/\bhttps?:\/\/\S+/gi, ' '));
      if (description !== undefined && words >= MINIMUM_DESCRIPTION_WORDS) {
        return [{ status: 'pass', messageId: 'describedInWords', data: { words, excerpt: excerpt(description) }, evidence: [declared(declaration, 'platformIndependence.description')] }];
      }
      const short = description === undefined ? '' : ` (\`platformIndependence.description\` says only "${excerpt(description)}")`;
      return [{ status: 'gap', messageId: 'noneListed', data: { short }, evidence: [declared(declaration, description === undefined ? 'platformIndependence.closedComponents' : 'platformIndependence.description')] }];
    }
    return listed.flatMap(({ c, index }): RuleOutcome[] => [componentOutcome(c, index), ...unresolvedLinkGaps(c.evidence, `platformIndependence.components[${index}].evidence`, context.snapshot, declaration)]);

    function componentOutcome(c: (typeof components)[number], index: number): RuleOutcome {
      const key = `platformIndependence.components[${index}]`;
      const alternatives = (Array.isArray(c.openAlternatives) ? c.openAlternatives : []).filter((a) => isAnswered(a)).map((a) => a.trim());
      const component = c.name.trim();
      if (alternatives.length === 0) return { status: 'fail', messageId: 'noAlternative', data: { component, index }, evidence: [declared(declaration, `${key}.openAlternatives`)] };
      const closed = closedAlternatives(alternatives);
      if (closed.length > 0) return { status: 'gap', messageId: 'alternativesClosed', data: { component, index, closed: describeClosed(closed) }, evidence: [declared(declaration, `${key}.openAlternatives`)] };
      if (!isAnswered(c.migration)) return { status: 'gap', messageId: 'noMigration', data: { component, index, alternatives: listOf(alternatives) }, evidence: [declared(declaration, key)] };
      // Only links that lead somewhere are evidence; the others are gaps of their own.
      const links = sortEvidenceLinks((Array.isArray(c.evidence) ? c.evidence : []).filter((l): l is string => typeof l === 'string'), context.snapshot).good;
      const evidence: Evidence[] = [declared(declaration, `${key}.migration`), ...linkEvidence(links)];
      return { status: 'pass', messageId: 'replaceable', data: { component, alternatives: listOf(alternatives), migration: excerpt(c.migration as string) }, evidence };
    }
  },
});

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}
