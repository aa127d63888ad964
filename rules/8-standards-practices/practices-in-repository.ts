/**
 * dpg-8-02 practices-in-repository: supporting evidence for indicator 8 that
 * the repository itself shows — CI, tests, a contributing guide, a changelog
 * or release practice, dependency automation, linting, machine-readable
 * open standards.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { fileEvidence, findLine, hasRepositoryFiles, listOf, readText } from '../../src/helpers.js';
import { practicePaths } from '../lib/detect-standards.js';
import table from './practices.json' with { type: 'json' };

/** A test step in a CI configuration: CI that never runs the tests shows less than CI that does. */
const CI_TEST_COMMAND = new RegExp(table.ciTestCommands, 'i');
/** CI files read for a test step, at most. */
const MAX_CI_FILES = 10;

export const practicesInRepository = defineRuleDraft({
  meta: {
    id: 'dpg-8-02',
    alias: 'practices-in-repository',
    level: 'advice',
    policy: { fail: '—', gap: 'the repository shows no tests, CI or linting (advice)' },
    title: 'The repository shows development best practices',
    appliesTo: ['software', 'aimodel', 'standard'],
    motivation: 'Alignment with best practices is easier to demonstrate, and to believe, when the repository shows them: continuous integration, automated tests, a contributing guide and a release practice.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only), so practices such as CI, tests and a contributing guide could not be seen: link the evidence in `standards.bestPractices` of dpg.yml.',
      found: 'Practices visible in the repository: {found}.',
      foundSome: 'Practices visible in the repository: {found}. Not found: {missing}.',
      none: 'The repository shows no continuous integration, tests, contributing guide, changelog, dependency automation or linting configuration: add them, or link evidence of the practices you follow in `standards.bestPractices` of dpg.yml.',
    },
    remediation: 'Add continuous integration that runs automated tests, a CONTRIBUTING guide and a CHANGELOG (or release notes), and list these practices with links in `standards.bestPractices`.',
    reads: [],
    tags: ['repository'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot } = context;
    if (!hasRepositoryFiles(snapshot)) return { status: 'gap', messageId: 'noRepository' };
    const found = practicePaths(snapshot);
    const present = found.filter((c) => c.paths.length > 0);
    if (present.length === 0) return { status: 'gap', messageId: 'none' };
    const ciTests = testStep(context, found.find((c) => c.name === 'continuous integration')?.paths ?? []);
    const describe = present.map((c) => (c.name === 'continuous integration' && ciTests
      ? `${c.name} running the tests (${ciTests.path}:${ciTests.line}: \`${ciTests.excerpt.replace(/^-?\s*run:\s*/, '').slice(0, 60)}\`)`
      : `${c.name} (${c.paths[0] as string}${c.paths.length > 1 ? ` and ${c.paths.length - 1} more` : ''})`));
    const evidence = present.map((c) => (c.name === 'continuous integration' && ciTests ? fileEvidence(ciTests.path, ciTests) : fileEvidence(c.paths[0] as string)));
    const missing = found.filter((c) => c.paths.length === 0).map((c) => c.name);
    return missing.length === 0
      ? { status: 'pass', messageId: 'found', data: { found: listOf(describe) }, evidence }
      : { status: 'pass', messageId: 'foundSome', data: { found: listOf(describe), missing: listOf(missing) }, evidence };
  },
});

/** The first CI file line that runs a test command (`npm test`, `pytest`, `go test`…), if any. */
function testStep(context: RuleContext, ciFiles: readonly string[]): { path: string; line: number; excerpt: string } | undefined {
  for (const path of ciFiles.slice(0, MAX_CI_FILES)) {
    const at = findLine(readText(context.snapshot, path) ?? '', CI_TEST_COMMAND);
    if (at) return { path, ...at };
  }
  return undefined;
}
