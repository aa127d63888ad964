/**
 * dpg-9a-03 no-committed-secrets: no private keys, cloud access keys, tokens
 * or `.env` files with values are committed (supporting evidence for
 * indicator 9a: a leaked credential exposes the data the solution protects).
 *
 * High-signal patterns only (vendor token formats with fixed prefixes, PEM
 * private keys with a key body), each finding with its file and line, and the
 * secret itself never shown: messages and excerpts name the kind of secret
 * only. Matches marked as fake (the vendors' documented example keys, values
 * or lines saying "example", "fake", "dummy"…, test fixtures that say so) are
 * skipped and counted.
 *
 * This rule reads many files, so it reads text files only (by extension;
 * the snapshot skips binaries and caps each read), secret-prone files first,
 * and stops at a file, byte and time limit (rule options `maxFiles`,
 * `maxBytes`, `maxMilliseconds`), saying so as a gap rather than guessing.
 */
import { defineRule, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/model.js';
import { STANDARD, guidanceUrl, hasRepositoryFiles, isVendored, listOf, REQUIREMENT } from '../shared.js';
import table from './secrets.json' with { type: 'json' };

interface SecretPattern { id: string; name: string; shown: string; hints: readonly string[]; regex: RegExp; needsKeyBody: boolean }

const PATTERNS: readonly SecretPattern[] = table.patterns.map((p) => ({
  id: p.id,
  name: p.name,
  shown: p.shown,
  hints: p.hints,
  regex: new RegExp(p.pattern, `g${'caseInsensitive' in p && p.caseInsensitive ? 'i' : ''}`),
  needsKeyBody: 'needsKeyBody' in p && p.needsKeyBody === true,
}));
const KNOWN_EXAMPLES: readonly string[] = table.knownExamples.values;
const FAKE = new RegExp(table.fakeMarkers, 'i');
const TEST_FOLDER = new RegExp(table.testFolders, 'i');
const ENV_FILE = new RegExp(table.envFiles.names, 'i');
const ENV_TEMPLATE = new RegExp(table.envFiles.templates, 'i');
const SECRET_NAME = new RegExp(table.envFiles.secretNames, 'i');
const URL_NAME = new RegExp(table.envFiles.urlNames, 'i');
const PLACEHOLDER_VALUE = new RegExp(table.envFiles.placeholderValues, 'i');
const SKIPPED_EXTENSIONS = new Set(table.skippedExtensions);
const SKIPPED_FILES = new Set(table.skippedFiles);
const PRIORITY_EXTENSIONS = new Set(table.priorityFiles.extensions);
const PRIORITY_PREFIXES: readonly string[] = table.priorityFiles.namePrefixes;
/** Files named in one finding's message; the evidence holds every line. */
const FILES_REPORTED = 20;

export interface SecretFound {
  path: string;
  line: number;
  /** What kind of secret, e.g. "GitHub token"; never the value. */
  kind: string;
  /** A redacted excerpt: the kind and its public prefix, or an `.env` variable's name. */
  excerpt: string;
}

export interface ScanResult { found: SecretFound[]; fakes: number }

export interface ScanLimits { maxFiles: number; maxBytes: number; maxMilliseconds: number }

export const committedSecrets = defineRule({
  meta: {
    id: 'dpg-9a-03',
    alias: 'no-committed-secrets',
    indicator: '9a',
    level: 'requirement',
    requirement: REQUIREMENT['9a'],
    title: 'No secrets are committed to the repository',
    appliesTo: 'all',
    standardVersion: STANDARD,
    motivation: 'A private key, cloud access key or token committed to a public repository gives anyone access to the systems and data it protects; ensuring the privacy, security and integrity of data starts with keeping credentials out of the code.',
    messages: {
      noRepository: 'There are no repository files to read (declaration only), so no committed secret could be looked for.',
      clean: 'No committed secrets found in {scanned} text files (private keys, AWS, Google Cloud and Azure keys, GitHub, GitLab, Slack, Stripe, npm, PyPI and SendGrid tokens, `.env` files with values){fakes}. Only the current files were read, not the git history.',
      secrets: '{path} holds {kinds} ({lines}). The value is not shown here: revoke it, remove it from the repository and its history, and load it from the environment or a secret store instead.',
      moreFiles: 'Secrets were also found in {count} more files: {paths}.',
      partial: 'No committed secret was found in the {scanned} files read, but {unread} text files were not read ({reason}): run a dedicated scanner (e.g. gitleaks or trufflehog) over the whole repository and its history.',
    },
    remediation: 'Revoke (rotate) every committed credential at its provider first — it must be treated as leaked — then remove it from the repository and its history (git filter-repo, BFG) and load it from environment variables or a secret store; commit `.env.example` with placeholder values instead of `.env`.',
    docsUrl: guidanceUrl('9a'),
    // Every text file is read (secret-prone ones first); these are the files a remote check should fetch first.
    reads: ['**/.env*', '**/*.env', '**/*.pem', '**/*.key', '**/id_rsa*', '**/id_ecdsa*', '**/id_ed25519*', '**/credentials*', '**/secrets*', '**/*.tfvars', '**/*.properties', '**/*.ini', '**/*.cfg', '**/*.conf', '**/*.toml', '**/*.yml', '**/*.yaml', '**/*.json', '**/*.xml', '**/*.ipynb', '**/Dockerfile*', '**/*.sh'],
    tags: ['repository', 'security'],
  },
  check(context: RuleContext): RuleOutcome[] {
    const { snapshot } = context;
    if (!hasRepositoryFiles(snapshot)) return [{ status: 'n/a', messageId: 'noRepository' }];
    const limits = scanLimits(context.options);
    // Secret-prone files (.env, keys, configuration) first, so that limits cut the least likely files.
    const first: string[] = [];
    const then: string[] = [];
    for (const path of snapshot.paths) if (isScanned(path)) (isSecretProne(path) ? first : then).push(path);
    const ordered = first.concat(then);
    const started = Date.now();
    const found: SecretFound[] = [];
    let fakes = 0;
    let scanned = 0;
    let bytes = 0;
    let unread = 0;
    let reason = '';
    for (let index = 0; index < ordered.length; index++) {
      const path = ordered[index] as string;
      if (scanned >= limits.maxFiles || bytes >= limits.maxBytes || Date.now() - started > limits.maxMilliseconds) {
        reason = scanned >= limits.maxFiles ? `the scan stops after ${limits.maxFiles} files` : bytes >= limits.maxBytes ? `the scan stops after ${Math.round(limits.maxBytes / 1024 / 1024)} MiB` : `the scan stops after ${limits.maxMilliseconds} ms`;
        unread = ordered.length - index;
        break;
      }
      const file = snapshot.read(path);
      if (file === undefined) {
        // A binary is not a text file to scan; a file the snapshot could not give is a text file unread.
        const skipped = snapshot.skipped(path);
        if (skipped === 'budget-exhausted' || skipped === 'not-fetched') {
          unread++;
          reason = skipped === 'not-fetched' ? 'not fetched from the remote repository' : 'the snapshot\'s read budget was used up';
        }
        continue;
      }
      scanned++;
      bytes += file.text.length;
      const result = scanText(path, file.text);
      found.push(...result.found);
      fakes += result.fakes;
    }
    const fakeNote = fakes > 0 ? `; ${fakes} match${fakes === 1 ? '' : 'es'} marked as fake or example (or documented example keys) were skipped` : '';
    if (found.length === 0) {
      if (unread > 0) return [{ status: 'gap', messageId: 'partial', data: { scanned, unread, reason } }];
      return [{ status: 'pass', messageId: 'clean', data: { scanned, fakes: fakeNote } }];
    }
    return outcomesFor(found);
  },
});

function scanLimits(options: Readonly<Record<string, unknown>>): ScanLimits {
  const pick = (name: keyof ScanLimits): number => {
    const value = options[name];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : table.defaultLimits[name];
  };
  return { maxFiles: pick('maxFiles'), maxBytes: pick('maxBytes'), maxMilliseconds: pick('maxMilliseconds') };
}

/** .env files, keys, configuration and scripts: where secrets are most often committed. */
function isSecretProne(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return PRIORITY_EXTENSIONS.has(base.slice(base.lastIndexOf('.') + 1)) || PRIORITY_PREFIXES.some((prefix) => base.startsWith(prefix));
}

/** Text files worth reading: not vendored, not media or archives, not lockfiles or minified bundles. */
export function isScanned(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot > 0 && SKIPPED_EXTENSIONS.has(base.slice(dot + 1).toLowerCase())) return false;
  return !SKIPPED_FILES.has(base) && !base.endsWith('.min.js') && !base.endsWith('.min.css') && !isVendored(path);
}

/** One fail per file (the first files), then one for the rest; evidence at every line. */
function outcomesFor(found: readonly SecretFound[]): RuleOutcome[] {
  const byFile = new Map<string, SecretFound[]>();
  for (const secret of found) byFile.set(secret.path, [...(byFile.get(secret.path) ?? []), secret]);
  const files = [...byFile.keys()].sort();
  const outcomes: RuleOutcome[] = files.slice(0, FILES_REPORTED).map((path) => {
    const secrets = byFile.get(path) as SecretFound[];
    const lines = [...new Set(secrets.map((s) => s.line))];
    return {
      status: 'fail',
      messageId: 'secrets',
      data: { path, kinds: listOf([...new Set(secrets.map((s) => `a ${s.kind}`))]), lines: `line${lines.length === 1 ? '' : 's'} ${listOf(lines.map(String))}` },
      evidence: secrets.map((s): Evidence => ({ kind: 'file', path: s.path, line: s.line, excerpt: s.excerpt })),
    };
  });
  const rest = files.slice(FILES_REPORTED);
  if (rest.length > 0) {
    outcomes.push({
      status: 'fail',
      messageId: 'moreFiles',
      data: { count: rest.length, paths: listOf(rest.slice(0, 10).concat(rest.length > 10 ? [`${rest.length - 10} others`] : [])) },
      evidence: rest.map((path): Evidence => ({ kind: 'file', path, line: (byFile.get(path) as SecretFound[])[0]?.line as number })),
    });
  }
  return outcomes;
}

/**
 * The secrets in one file's text. Pure and exported for tests and other
 * tools; the values themselves never leave this function.
 */
export function scanText(path: string, text: string): ScanResult {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const candidates = PATTERNS.filter((p) => p.hints.some((hint) => text.includes(hint)));
  const envFile = ENV_FILE.test(base) && !ENV_TEMPLATE.test(base);
  if (candidates.length === 0 && !envFile) return { found: [], fakes: 0 };
  const starts = lineStarts(text);
  const found: SecretFound[] = [];
  const taken = new Set<number>();
  let fakes = 0;
  for (const pattern of candidates) {
    pattern.regex.lastIndex = 0;
    for (const match of text.matchAll(pattern.regex)) {
      const offset = (match.index as number) + (match[0].length - match[0].trimStart().length);
      const value = match[0].trim();
      const end = (match.index as number) + match[0].length;
      if (pattern.needsKeyBody) {
        const body = keyBody(text, end);
        if (body === undefined) continue; // a header without a key: code or documentation about keys
        if (looksFake(body)) { fakes++; continue; }
      } else if (KNOWN_EXAMPLES.some((example) => value.includes(example)) || looksFake(value.replace(/^[^_-]*[_-]/, ''))) {
        fakes++;
        continue;
      }
      const line = lineOf(starts, offset);
      if (FAKE.test(lineText(text, starts, line))) { fakes++; continue; }
      if (taken.has(line)) continue;
      taken.add(line);
      found.push({ path, line, kind: pattern.name, excerpt: `«redacted ${pattern.name}: ${pattern.shown}»` });
    }
  }
  if (envFile) {
    const env = scanEnvFile(path, text);
    fakes += env.fakes;
    for (const secret of env.found) if (!taken.has(secret.line)) { taken.add(secret.line); found.push(secret); }
  }
  // A test fixture that says it is fake (a comment, a file name) is a fixture, not a leak.
  if (found.length > 0 && TEST_FOLDER.test(path) && (FAKE.test(text) || FAKE.test(path))) return { found: [], fakes: fakes + found.length };
  return { found: found.sort((a, b) => a.line - b.line), fakes };
}

/**
 * The base64 body after a PEM header, also inside a string literal with `\n`
 * escapes (a service-account JSON); undefined when there is none, as in code
 * that only tests for the header.
 */
function keyBody(text: string, from: number): string | undefined {
  const after = text.slice(from, from + 600)
    .replace(/\\[nr]/g, '\n')
    .replace(/^[\s"'+,]*((Proc-Type|DEK-Info|Version|Comment|Hash):[^\n]*\n[\s"'+,]*)*/i, '');
  const body = after.replace(/["'+,\s]/g, '').match(/^[A-Za-z0-9+/=]{40,}/);
  return body?.[0];
}

/** Placeholder-like values: fake markers, long runs of one character, too few distinct characters. */
function looksFake(value: string): boolean {
  if (FAKE.test(value) || /(.)\1{5,}/.test(value)) return true;
  return value.length >= 16 && new Set(value).size < 10;
}

/** `.env` assignments of secret-named variables with real-looking values; variable names only are reported. */
function scanEnvFile(path: string, text: string): ScanResult {
  const found: SecretFound[] = [];
  let fakes = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const assignment = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(raw);
    if (!assignment) return;
    const name = assignment[1] as string;
    const value = envValue(assignment[2] as string);
    if (URL_NAME.test(name) && !SECRET_NAME.test(name)) {
      const password = /:\/\/[^:/\s@]+:([^@\s/]+)@/.exec(value)?.[1];
      if (password === undefined || !realValue(password, 1)) return;
    } else if (!SECRET_NAME.test(name) || /(_|^)(file|path|dir|name|user(name)?|id|url|uri|host|port|type|algorithm|length|ttl|expir\w*)$/i.test(name)) {
      return;
    }
    if (!realValue(value, table.envFiles.minimumValueLength)) {
      if (value !== '' && FAKE.test(value)) fakes++;
      return;
    }
    found.push({ path, line: index + 1, kind: '`.env` value', excerpt: `${name}=«redacted»` });
  });
  return { found, fakes };
}

function envValue(raw: string): string {
  const trimmed = raw.trim();
  const quoted = /^(["'])(.*?)\1/.exec(trimmed);
  if (quoted) return quoted[2] as string;
  return trimmed.replace(/\s+#.*$/, '').trim();
}

/** Not empty, not a reference (`${VAR}`), not a placeholder, long enough to be a credential. */
function realValue(value: string, minimumLength: number): boolean {
  if (value.length < minimumLength || PLACEHOLDER_VALUE.test(value)) return false;
  if (/\$\{?[A-Za-z_]|^<.*>$|^\{\{.*\}\}$|insecure/i.test(value)) return false;
  return !looksFake(value);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function lineText(text: string, starts: readonly number[], line: number): string {
  const start = starts[line - 1] as number;
  const end = starts[line] ?? text.length;
  return text.slice(start, end);
}
