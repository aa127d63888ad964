/**
 * dpg-9a-03 no-committed-secrets (requirement): no live credential — private
 * key, cloud access key, token, `.env` value — is committed in the
 * candidate's own shipped code or production configuration (indicator 9a: a
 * leaked credential exposes the data the solution protects).
 *
 * Keys in tests, fixtures, examples, samples (`*.example`, `*.sample`…), dev
 * environments (`.env.development`, dev compose files) and development keys
 * (self-signed or localhost certificates, keys named dev/test, published
 * quick-start keys) are not the product: dpg-9a-05 secrets-outside-product
 * reports them as advice. Both rules share one scan (secrets-scan.ts).
 *
 * High-signal patterns only (vendor token formats with fixed prefixes, PEM
 * private keys with a key body), each finding with its file and line, and the
 * secret itself never shown: messages and excerpts name the kind of secret
 * only. Placeholders, template variables and vendors' published test values
 * are skipped and counted.
 *
 * The scan reads text files only (by extension; the snapshot skips binaries
 * and caps each read), secret-prone files first, and stops at a file, byte
 * and time limit (rule options `maxFiles`, `maxBytes`, `maxMilliseconds`),
 * saying so as a gap rather than guessing.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { hasRepositoryFiles, listOf, REQUIREMENT } from '../../src/helpers.js';
import { SCAN_LIMITS_SCHEMA, SECRET_SEARCH, scanLimits, scanSnapshot, type PlacedSecret, type SnapshotScan } from './secrets-scan.js';

export { isScanned, scanText, type ScanLimits, type ScanResult, type SecretFound } from './secrets-scan.js';

/** Files named in one finding's message; the evidence holds every line. */
const FILES_REPORTED = 20;

export const committedSecrets = defineRuleDraft({
  meta: {
    id: 'dpg-9a-03',
    alias: 'no-committed-secrets',
    level: 'requirement',
    requirement: REQUIREMENT['9a'],
    policy: { fail: "a live credential (key, token, private key) is in the candidate's own shipped code or production configuration", gap: "some of the candidate's own files could not be read, or a private key was found and the scan stopped before the files that could show it is a development key" },
    title: 'No live credentials are committed in the shipped code or production configuration',
    appliesTo: 'all',
    motivation: 'A private key, cloud access key or token committed to a public repository gives anyone access to the systems and data it protects; ensuring the privacy, security and integrity of data starts with keeping credentials out of the code.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only), so no committed secret could be looked for.',
      clean: 'No committed secrets found in {scanned} text files (private keys, AWS, Google Cloud and Azure keys, GitHub, GitLab, Slack, Stripe, npm, PyPI and SendGrid tokens, `.env` files with values){fakes}. Only the current files were read, not the git history.',
      secrets: '{path}, part of the candidate\'s own code or configuration, holds {kinds} ({lines}). The value is not shown here: revoke it, remove it from the repository and its history, and load it from the environment or a secret store instead.',
      moreFiles: 'Secrets were also found in {count} more files: {paths}.',
      keyUndetermined: '{path}, part of the candidate\'s own files, holds {kinds} ({lines}), and the scan stopped before {unread} text files ({reason}), where a copy of the key in a test or sample, or its certificate, would show it is a development key. Is it one? If not, revoke it and remove it from the repository and its history; to let the scan finish, raise this rule\'s `maxMilliseconds` option.',
      partial: 'No committed secret was found in the {scanned} files searched, but {unread} text files were not read ({reason}): run a dedicated scanner (e.g. gitleaks or trufflehog) over the whole repository and its history.',
    },
    remediation: 'Revoke (rotate) every committed credential at its provider first — it must be treated as leaked — then remove it from the repository and its history (git filter-repo, BFG) and load it from environment variables or a secret store; commit `.env.example` with placeholder values instead of `.env`.',
    schema: SCAN_LIMITS_SCHEMA,
    searches: SECRET_SEARCH,
    // Every text file is read (secret-prone ones first); these are the files a remote check should fetch first.
    reads: ['**/.env*', '**/*.env', '**/*.pem', '**/*.key', '**/id_rsa*', '**/id_ecdsa*', '**/id_ed25519*', '**/credentials*', '**/secrets*', '**/*.tfvars', '**/*.properties', '**/*.ini', '**/*.cfg', '**/*.conf', '**/*.toml', '**/*.yml', '**/*.yaml', '**/*.json', '**/*.xml', '**/*.ipynb', '**/Dockerfile*', '**/*.sh'],
    tags: ['repository', 'security'],
  },
  // Synchronous without repository files: a batch over a registry's declarations waits for no promise here.
  check(context: RuleContext): RuleOutcome[] | Promise<RuleOutcome[]> {
    const { snapshot } = context;
    if (!hasRepositoryFiles(snapshot)) return [{ status: 'n/a', messageId: 'noRepository' }];
    return scanSnapshot(snapshot, context.facts.paths, scanLimits(context.options)).then(productOutcomes);
  },
});

function productOutcomes(scan: SnapshotScan): RuleOutcome[] {
  const { scanned, unread, reason } = scan;
  const outside = scan.outside.length > 0 ? `; ${scan.outside.length} outside the shipped product (tests, samples, dev environments: see secrets-outside-product)` : '';
  const fakeNote = `${scan.fakes > 0 ? `; ${scan.fakes} placeholder${scan.fakes === 1 ? '' : 's'}, fake or published test value${scan.fakes === 1 ? '' : 's'} skipped` : ''}${outside}`;
  const undetermined = scan.undetermined.length > 0 ? outcomesFor(scan.undetermined, 'gap', 'keyUndetermined', { unread: unread + scan.unreadOutside, reason }) : [];
  if (scan.product.length === 0) {
    if (undetermined.length > 0) return undetermined;
    if (unread > 0) return [{ status: 'gap', messageId: 'partial', data: { scanned, unread, reason } }];
    return [{ status: 'pass', messageId: 'clean', data: { scanned, fakes: fakeNote } }];
  }
  return [...outcomesFor(scan.product, 'fail', 'secrets'), ...undetermined];
}

/** One fail per file (the first files), then one for the rest; evidence at every line. */
export function outcomesFor(found: readonly PlacedSecret[], status: 'fail' | 'gap', messageId: string, extra: Readonly<Record<string, string | number>> = {}): RuleOutcome[] {
  const byFile = new Map<string, PlacedSecret[]>();
  for (const secret of found) byFile.set(secret.path, [...(byFile.get(secret.path) ?? []), secret]);
  const files = [...byFile.keys()].sort();
  const outcomes: RuleOutcome[] = files.slice(0, FILES_REPORTED).map((path) => {
    const secrets = byFile.get(path) as PlacedSecret[];
    const lines = [...new Set(secrets.map((s) => s.line))];
    return {
      status,
      messageId,
      data: { ...extra, path, why: secrets[0]?.why ?? '', kinds: listOf([...new Set(secrets.map((s) => `${/^[AEIOU]/.test(s.kind) ? 'an' : 'a'} ${s.kind}`))]), lines: `line${lines.length === 1 ? '' : 's'} ${listOf(lines.map(String))}` },
      evidence: secrets.map((s): Evidence => ({ kind: 'file', path: s.path, line: s.line, excerpt: s.excerpt })),
    };
  });
  const rest = files.slice(FILES_REPORTED);
  if (rest.length > 0) {
    outcomes.push({
      status,
      messageId: 'moreFiles',
      data: { count: rest.length, paths: listOf(rest.slice(0, 10).concat(rest.length > 10 ? [`${rest.length - 10} others`] : [])) },
      evidence: rest.map((path): Evidence => ({ kind: 'file', path, line: (byFile.get(path) as PlacedSecret[])[0]?.line as number })),
    });
  }
  return outcomes;
}
