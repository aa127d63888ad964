/**
 * dpg-9a-05 secrets-outside-product (advice): keys and tokens found outside
 * the shipped product — in tests and fixtures, examples and samples
 * (`*.example`, `*.sample`, `*.template`), documentation sites, development
 * environments (`.env.development`, dev compose files), and development keys
 * (self-signed or localhost certificates, keys named dev/test, quick-start
 * keys a project publishes), and an AWS access key ID whose secret access key
 * is in no file read (an identifier alone opens nothing). They are no requirement fail: the DPG Standard
 * asks that the solution protect its data, and a sample key protects nothing
 * of the product's (issue 14 §2). If one was ever a real credential, it is
 * leaked and should be rotated.
 *
 * Shares dpg-9a-03's scan (secrets-scan.ts): no file is read twice.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { hasRepositoryFiles } from '../../src/helpers.js';
import { outcomesFor } from './committed-secrets.js';
import { SCAN_LIMITS_SCHEMA, SECRET_SEARCH, scanLimits, scanSnapshot } from './secrets-scan.js';

export const secretsOutsideProduct = defineRuleDraft({
  meta: {
    id: 'dpg-9a-05',
    alias: 'secrets-outside-product',
    level: 'advice',
    policy: { fail: '—', gap: '— (advice: keys in tests, fixtures, examples or development environments, to rotate if ever real)' },
    title: 'Keys in tests, samples and dev environments are not real credentials',
    appliesTo: 'all',
    motivation: 'Test fixtures, sample configurations and development setups often carry keys so that they work out of the box; they are not the product\'s credentials, but a key that was ever real is leaked once it is public, and copies of sample keys end up in deployments.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only).',
      none: 'No keys or tokens were found in tests, samples or development environments.',
      outside: '{path} holds {kinds} ({lines}), not a live credential of the shipped product: {why}. Not counted against indicator 9a; if it was ever a real credential, rotate it, and make sure no deployment uses it.',
      moreFiles: 'Keys or tokens were also found outside the shipped product in {count} more files: {paths}.',
    },
    remediation: 'Make sure each key is a test or sample value only (generate test keys at run time where you can, and mark sample values as such); rotate any that was ever used for real, and never deploy with a sample key.',
    schema: SCAN_LIMITS_SCHEMA,
    searches: SECRET_SEARCH,
    reads: ['**/.env*', '**/*.env', '**/*.pem', '**/*.key', '**/*.json', '**/*.yml', '**/*.yaml'],
    tags: ['repository', 'security'],
  },
  // Synchronous without repository files: a batch over a registry's declarations waits for no promise here.
  check(context: RuleContext): RuleOutcome[] | Promise<RuleOutcome[]> {
    const { snapshot } = context;
    if (!hasRepositoryFiles(snapshot)) return [{ status: 'n/a', messageId: 'noRepository' }];
    return scanSnapshot(snapshot, context.facts.paths, scanLimits(context.options)).then((scan): RuleOutcome[] =>
      scan.outside.length === 0 ? [{ status: 'pass', messageId: 'none' }] : outcomesFor(scan.outside, 'gap', 'outside'));
  },
});
