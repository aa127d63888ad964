/**
 * dpg-5-02 documentation-available: the solution has documentation beyond
 * its README — a documentation folder, a documentation site (its
 * configuration, or the README's link to the candidate's own site), or declared
 * links (DPG Standard, indicator 5: "Where is your solution's documentation?").
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { declared, linkEvidence, listOf, unresolvedLinks, REQUIREMENT } from '../../src/helpers.js';
import { declaredBeyondFound, findDocumentation } from '../lib/find-documentation.js';

export const documentationAvailable = defineRuleDraft({
  meta: {
    id: 'dpg-5-02',
    alias: 'documentation-available',
    level: 'requirement',
    requirement: REQUIREMENT['5'],
    policy: { fail: '—', gap: 'no documentation is linked in `documentation.links` or found in the repository (a README link to the candidate\'s own documentation site, or a declared repository named as documentation, counts), or a linked path is missing' },
    title: 'Documentation is available and linked',
    appliesTo: 'all',
    motivation: 'Digital public goods require documentation of the source code, use cases and/or functional requirements; the application asks where it is.',
    messages: {
      found: 'Documentation found: {sources}.',
      linkNotFound: 'The declared documentation link {link} {reason}: fix it in `{key}`.',
      none: "No documentation was found (no docs/ folder, no documentation site configuration, no README link to a documentation site of the candidate's own) and none is declared: answer \"Where is your solution's documentation?\" in `documentation.links` of dpg.yml (a README alone counts once it is listed there).",
      noDeclarationNone: "No documentation was found (no docs/ folder, no documentation site configuration) and there is no declaration: create dpg.yml (`dpg-check init`) and answer \"Where is your solution's documentation?\" in `documentation.links`.",
    },
    remediation: 'Publish documentation (developer docs, architecture, user guides; for data a data dictionary; for AI systems a model card) in a docs/ folder or a documentation site, and list its links in `documentation.links` of dpg.yml.',
    reads: ['**/conf.py'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot, declaration } = context;
    const found = findDocumentation(context);
    const outcomes: RuleOutcome[] = [];
    const sources = [
      ...found.folders.map((f) => `folder ${f.path}/ (${f.files} file${f.files === 1 ? '' : 's'})`),
      ...found.sites.map((s) => `${s.generator} configuration ${s.path}`),
      ...found.linked.slice(0, 3).map((l) => `${l.url}, linked from ${l.path} line ${l.line}`),
      ...found.repositories.map((r) => `the declared documentation repository ${r.url}`),
      ...(declaredBeyondFound(found).length > 0 ? [`declared links ${listOf(declaredBeyondFound(found))}`] : []),
    ];
    if (sources.length > 0) {
      const evidence: Evidence[] = [
        ...found.folders.map((f): Evidence => ({ kind: 'file', path: `${f.path}/` })),
        ...found.sites.map((s): Evidence => ({ kind: 'file', path: s.path })),
        ...found.linked.slice(0, 3).flatMap((l): Evidence[] => [{ kind: 'file', path: l.path, line: l.line }, { kind: 'url', url: l.url }]),
        ...linkEvidence(found.declared.good),
      ];
      if (found.declared.good.length > 0) evidence.push(declared(declaration, 'documentation.links'));
      for (const repository of found.repositories) evidence.push(declared(declaration, `repositories[${repository.index}]`));
      outcomes.push({ status: 'pass', messageId: 'found', data: { sources: listOf(sources) }, evidence });
    }
    const broken = unresolvedLinks(declaration.data?.documentation?.links, 'documentation.links', snapshot);
    for (const bad of broken) {
      outcomes.push({ status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] });
    }
    // Broken declared links already say what to fix; "none" is for when nothing was found or declared.
    if (sources.length === 0 && broken.length === 0) {
      outcomes.push(declaration.data === undefined
        ? { status: 'gap', messageId: 'noDeclarationNone', evidence: [declared(declaration, 'documentation.links')] }
        : { status: 'gap', messageId: 'none', evidence: [declared(declaration, 'documentation.links')] });
    }
    return outcomes;
  },
});
