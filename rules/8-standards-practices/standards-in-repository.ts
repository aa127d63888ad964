/**
 * dpg-8-03 standards-in-repository: open standards the repository itself
 * shows it implements — specification files (OpenAPI, AsyncAPI, GraphQL),
 * libraries of a standard among the dependencies (HL7 FHIR, OAuth 2.0 /
 * OpenID Connect, OGC services), accessibility-testing tools (WCAG), data
 * files in a standard's format (GeoJSON, STAC, GTFS, Data Package) and the
 * README or docs naming them — compared with what `standards.standards`
 * declares (DPG Standard, indicator 8: "align with relevant standards").
 *
 * Supporting evidence only: a standard found is a pass with where it was
 * seen, and one found but not declared is pointed out so the owner can claim
 * it. Bounded: manifests as in rules/lib/dependencies.ts, at most `scan.maxDocuments`
 * README/docs files read for mentions.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { declared, hasRepositoryFiles, isAnswered, listOf } from '../../src/helpers.js';
import { detectStandards, isDeclared } from '../lib/detect-standards.js';

export { detectStandards, type DetectedStandard } from '../lib/detect-standards.js';

export const standardsInRepository = defineRuleDraft({
  meta: {
    id: 'dpg-8-03',
    alias: 'standards-in-repository',
    level: 'advice',
    policy: { fail: '—', gap: 'the repository shows no open standard (advice)' },
    title: 'Open standards the repository shows it implements',
    appliesTo: 'all',
    motivation: 'Adherence to open standards is easier to believe when the repository shows it: a published OpenAPI description, a FHIR library, WCAG tests, data in GeoJSON. The questionnaire asks for each standard to be listed and its adherence demonstrated; what the repository shows is that demonstration.',
    messages: {
      found: 'Open standards visible in the repository: {found}.{named}{undeclared}',
      namedOnly: 'The README or docs name open standards ({named}), but no specification file, library or data file in the repository shows them in use: a reviewer checks that they are implemented.{undeclared}',
      noneDeclaredSome: 'No open standard was detected in the repository (specification files, standard libraries, accessibility tests, standard data formats or mentions in the README and docs); the declared ones ({declared}) are checked by `standards-declared`.',
      none: 'No open standard was detected in the repository (no OpenAPI/AsyncAPI/GraphQL description, no FHIR, OAuth/OpenID Connect or OGC library, no accessibility tests, no standard data format, none named in the README or docs) and none is declared: list the open standards the solution follows in `standards.standards` of dpg.yml, with evidence.',
      noRepository: 'There are no repository files to read (declaration only), so no standard could be seen in the code.',
    },
    remediation: 'Publish machine-readable evidence of the open standards the solution implements (an OpenAPI description, conformance tests, accessibility checks in CI, data in open standard formats), name them in the README or docs, and list each in `standards.standards` of dpg.yml with that evidence.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxDocuments: { type: 'integer', minimum: 1, description: 'How many README and docs files are read for mentions of standards (default 25).' } },
    },
    reads: ['README*', 'docs/**/*.md', '**/package.json', '**/requirements*.txt', '**/pyproject.toml', '**/pom.xml', '**/build.gradle*', '**/go.mod', '**/Gemfile', '**/composer.json', '**/openapi*', '**/swagger*', '**/asyncapi*'],
    tags: ['repository'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot, declaration } = context;
    const declaredNames = (declaration.data?.standards?.standards ?? []).map((s) => s?.name).filter((n): n is string => isAnswered(n));
    if (!hasRepositoryFiles(snapshot)) return { status: 'n/a', messageId: 'noRepository' };
    const detected = detectStandards(context, positiveInteger(context.options.maxDocuments));
    if (detected.length > 0) {
      const undeclared = detected.filter((d) => !isDeclared(d.name, declaredNames));
      const undeclaredText = undeclared.length === 0
        ? ''
        : ` Not declared in \`standards.standards\`: ${listOf(undeclared.map((d) => d.name))}: list ${undeclared.length === 1 ? 'it' : 'them'} with this evidence if the solution follows ${undeclared.length === 1 ? 'it' : 'them'}.`;
      // Files and libraries show a standard in use; a name in the docs is a claim, reported apart.
      const shown = detected.filter((d) => d.how !== 'mention');
      const named = detected.filter((d) => d.how === 'mention');
      const namedText = listOf(named.map((d) => `${d.name} (${d.where})`));
      return shown.length > 0
        ? {
          status: 'pass', messageId: 'found',
          data: { found: listOf(shown.map((d) => `${d.name} (${d.where})`)), named: named.length > 0 ? ` Named in the README or docs: ${namedText}.` : '', undeclared: undeclaredText },
          evidence: detected.map((d) => d.evidence),
        }
        : { status: 'pass', messageId: 'namedOnly', data: { named: namedText, undeclared: undeclaredText }, evidence: detected.map((d) => d.evidence) };
    }
    if (declaredNames.length > 0) return { status: 'n/a', messageId: 'noneDeclaredSome', data: { declared: listOf(declaredNames) }, evidence: [declared(declaration, 'standards.standards')] };
    return { status: 'gap', messageId: 'none', evidence: [declared(declaration, 'standards.standards')] };
  },
});

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
