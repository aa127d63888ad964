/**
 * The one scan for committed secrets that dpg-9a-03 (no-committed-secrets, a
 * requirement) and dpg-9a-05 (secrets-outside-product, advice) share: every
 * text file is read once per snapshot (memoised in a WeakMap), and each match
 * is placed either in the candidate's shipped product and production
 * configuration or outside it (tests, fixtures, examples, samples, dev
 * environments, development keys).
 *
 * Policy (issue 14 §2, indicator 9a): a secret is a requirement fail only
 * when it is a live credential in the candidate's own shipped code or
 * production configuration. A key in a test, a fixture, a sample or a dev
 * setup is advice ("rotate it if it was ever real"), and values that are
 * placeholders or vendors' published test values are no secrets at all.
 * https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#9-do-no-harm-by-design
 *
 * Pure: it reads the snapshot only through `snapshot.read`, and decides with
 * `facts.paths` (the shared path classes), never with a regex of its own for
 * tests or vendored code.
 */
import type { PathClasses } from '../../src/helpers.js';
import type { Snapshot, TextSearch } from '../../src/rule-api.js';
import { isVendored } from '../../src/helpers.js';
import { lineOfOffset as lineOf, lineStarts } from '../../src/helpers.js';
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
/**
 * Every pattern's hints and the PEM header in one alternation: one pass over a file's text instead of one
 * `includes` per hint (37 of them), and most files of a large tree hold none, so the per-pattern work is skipped.
 */
const PEM_HEADER = '-----BEGIN ';
const ANY_HINT = new RegExp([...PATTERNS.flatMap((p) => p.hints), PEM_HEADER].map((hint) => hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
const KNOWN_EXAMPLES: readonly string[] = table.knownExamples.entries.flatMap((e) => e.values);
const PUBLISHED_KEYS: readonly { fingerprint: string; what: string }[] = table.publishedKeys.entries;
const FAKE = new RegExp(table.fakeMarkers, 'i');
const FAKE_LOWER = new RegExp(table.fakeMarkers);
const TEST_FOLDER = new RegExp(table.testFolders, 'i');
const ENV_FILE = new RegExp(table.envFiles.names, 'i');
const ENV_TEMPLATE = new RegExp(table.envFiles.templates, 'i');
const SECRET_NAME = new RegExp(table.envFiles.secretNames, 'i');
const URL_NAME = new RegExp(table.envFiles.urlNames, 'i');
const PLACEHOLDER_VALUE = new RegExp(table.envFiles.placeholderValues, 'i');
const PLACEHOLDER_PATTERNS: readonly RegExp[] = table.placeholders.patterns.map((p) => new RegExp(p, 'i'));
const AWS_CONTEXT = new RegExp(table.awsContext, 'i');
const DEV_KEY_NAME = new RegExp(table.developmentKeys.names, 'i');
const LOCAL_HOST_NAME = new RegExp(table.developmentKeys.localHostNames, 'i');
const SKIPPED_EXTENSIONS = new Set(table.skippedExtensions);
const SKIPPED_FILES = new Set(table.skippedFiles);
const PRIORITY_EXTENSIONS = new Set(table.priorityFiles.extensions);
const PRIORITY_PREFIXES: readonly string[] = table.priorityFiles.namePrefixes;

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

/** A secret with where it sits: in the shipped product (a requirement fail) or outside it (advice), and why. */
export interface PlacedSecret extends SecretFound { why: string }

export interface SnapshotScan {
  /** In the candidate's own shipped code or production configuration. */
  product: PlacedSecret[];
  /** In tests, fixtures, examples, samples, dev environments; or development keys. */
  outside: PlacedSecret[];
  /**
   * Private keys of the candidate's own files that nothing read shows to be development keys, while the scan left
   * files unread: a copy in a test or sample, or the key's certificate, may be among those.
   */
  undetermined: PlacedSecret[];
  fakes: number;
  scanned: number;
  /** The candidate's own text files left unread (limits, remote fetch): the requirement cannot be judged on them. */
  unread: number;
  /** Tests, samples and dev files left unread: advice only. */
  unreadOutside: number;
  reason: string;
}

/** What one file held: secrets, and the public keys and certificates that say what a private key is for. */
interface FileScan extends ScanResult { found: RawSecret[]; publics: PublicMaterial[] }
interface RawSecret extends SecretFound { patternId: string; material?: string }
interface PublicMaterial { path: string; material?: string; cert?: CertInfo }
interface CertInfo { subject: string; issuer: string; selfSigned: boolean }

const memo = new WeakMap<Snapshot, WeakMap<PathClasses, Map<string, Promise<SnapshotScan>>>>();

/**
 * What the scan looks for in every file, for `meta.searches`: a file holding none of these (and not a `.env`
 * file) holds no secret the scan would report, nor a public key or certificate, so a source that searched the
 * tree ahead (git, on the second core) spares the scan reading it. Every pattern's regex needs one of its hints.
 */
export const SECRET_SEARCH: TextSearch = Object.freeze({
  needles: Object.freeze([...new Set([...PATTERNS.flatMap((p) => p.hints), PEM_HEADER])]),
  skippedExtensions: Object.freeze([...SKIPPED_EXTENSIONS]),
});

/** The scan of a snapshot, done once for both 9a secret rules (per snapshot, path classes and limits). */
export function scanSnapshot(snapshot: Snapshot, paths: PathClasses, limits: ScanLimits): Promise<SnapshotScan> {
  let byPaths = memo.get(snapshot);
  if (!byPaths) memo.set(snapshot, (byPaths = new WeakMap()));
  let byLimits = byPaths.get(paths);
  if (!byLimits) byPaths.set(paths, (byLimits = new Map()));
  const key = `${limits.maxFiles}/${limits.maxBytes}/${limits.maxMilliseconds}`;
  let scan = byLimits.get(key);
  if (!scan) {
    // The time limit counts from here: waiting for the search ahead is part of the scan's time. It is waited for
    // through most of that time, since whatever it has not cleared when the wait ends is read here, on the busy
    // core, and within the byte limit: digit's 21,567 files take the worker 0.8 s from a warm page cache and 2.5 s
    // from a cold one, and a wait of 2 s made the cold run a gap ("4834 text files were not read (the scan stops
    // after 32 MiB)") and the warm one a pass.
    const started = Date.now();
    const search = snapshot.searchWithout?.(SECRET_SEARCH, Math.round(limits.maxMilliseconds * SEARCH_WAIT_SHARE)) ?? Promise.resolve(NOTHING_CLEARED);
    byLimits.set(key, (scan = search.then((cleared) => runScan(snapshot, paths, limits, cleared, started))));
  }
  return scan;
}

const NOTHING_CLEARED: ReadonlySet<string> = new Set();
/**
 * The share of the scan's time limit spent waiting for the search ahead; the rest is for reading the files it did
 * not clear (the files holding a hint and the `.env` files: digit's 1,100 take about 0.1 s).
 */
const SEARCH_WAIT_SHARE = 0.75;

export function scanLimits(options: Readonly<Record<string, unknown>>): ScanLimits {
  const pick = (name: keyof ScanLimits): number => {
    const value = options[name];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : table.defaultLimits[name];
  };
  return { maxFiles: pick('maxFiles'), maxBytes: pick('maxBytes'), maxMilliseconds: pick('maxMilliseconds') };
}

/** The options `scanLimits` reads, as the secrets rules' `meta.schema`. */
export const SCAN_LIMITS_SCHEMA: Readonly<Record<string, unknown>> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxFiles: { type: 'integer', minimum: 1, default: table.defaultLimits.maxFiles, description: 'At most this many files are scanned.' },
    maxBytes: { type: 'integer', minimum: 1, default: table.defaultLimits.maxBytes, description: 'At most this many bytes are read in all.' },
    maxMilliseconds: { type: 'integer', minimum: 1, default: table.defaultLimits.maxMilliseconds, description: 'The scan stops after this long and says what it left unread.' },
  },
};

/**
 * `cleared`: files the source searched and found to hold no needle of `SECRET_SEARCH`; they count as scanned
 * without being read, except `.env` files, whose every value is looked at.
 */
function runScan(snapshot: Snapshot, paths: PathClasses, limits: ScanLimits, cleared: ReadonlySet<string>, started: number): SnapshotScan {
  // The candidate's own files first, secret-prone ones (.env, keys, configuration) before the rest, so that
  // limits cut the least likely files; tests, samples and dev files (advice only) come last.
  const groups: string[][] = [[], [], [], []];
  for (const path of snapshot.paths) if (isScanned(path)) (groups[(paths.isOwn(path) ? 0 : 2) + (isSecretProne(path) ? 0 : 1)] as string[]).push(path);
  const ordered = groups.flat();
  const found: RawSecret[] = [];
  const publics: PublicMaterial[] = [];
  let fakes = 0;
  let scanned = 0;
  let bytes = 0;
  let unread = 0;
  let unreadOutside = 0;
  let reason = '';
  for (let index = 0; index < ordered.length; index++) {
    const path = ordered[index] as string;
    if (scanned >= limits.maxFiles || bytes >= limits.maxBytes || Date.now() - started > limits.maxMilliseconds) {
      reason = scanned >= limits.maxFiles ? `the scan stops after ${limits.maxFiles} files` : bytes >= limits.maxBytes ? `the scan stops after ${Math.round(limits.maxBytes / 1024 / 1024)} MiB` : `the scan stops after ${limits.maxMilliseconds} ms`;
      unread = ordered.slice(index).filter((p) => paths.isOwn(p)).length;
      unreadOutside = ordered.length - index - unread;
      break;
    }
    if (cleared.has(path) && !isEnvFile(path)) {
      scanned++;
      continue;
    }
    // Not kept: the scan looks at every text file once, and a large tree's text would otherwise stay in memory.
    const file = snapshot.read(path, { keep: false });
    if (file === undefined) {
      // A binary is not a text file to scan; a file the snapshot could not give is a text file unread.
      const skipped = snapshot.skipped(path);
      if (skipped === 'budget-exhausted' || skipped === 'not-fetched') {
        if (paths.isOwn(path)) unread++;
        else unreadOutside++;
        reason = skipped === 'not-fetched' ? 'not fetched from the remote repository' : 'the snapshot\'s read budget was used up';
      }
      continue;
    }
    scanned++;
    bytes += file.text.length;
    const result = scanFile(path, file.text);
    found.push(...result.found);
    publics.push(...result.publics);
    fakes += result.fakes;
  }
  const product: PlacedSecret[] = [];
  const outside: PlacedSecret[] = [];
  const undetermined: PlacedSecret[] = [];
  // geoprism-registry's envcfg/*/geoprism.properties: an SES user's access key ID with `password=change_me`. An
  // access key ID names a key; the secret access key is what signs requests (AWS's IAM guide), and a scan that read
  // every file found none: alone, the ID opens nothing.
  const loneKeyIds = unread === 0 && !found.some((f) => f.patternId === 'aws-secret-access-key');
  for (const secret of found) {
    const why = outsideProduct(secret, paths, found, publics) ?? (loneKeyIds && secret.patternId === 'aws-access-key-id' ? LONE_KEY_ID : undefined);
    const placed: PlacedSecret = { path: secret.path, line: secret.line, kind: secret.kind, excerpt: secret.excerpt, why: why ?? 'the candidate\'s own code or configuration' };
    // Whether a private key is a development key can rest on files read last (a copy in a test, ihris's
    // tools/rsa_1024_priv.pem): a scan stopped before them cannot call it the product's.
    if (why === undefined && secret.patternId === 'private-key' && unread + unreadOutside > 0) undetermined.push(placed);
    else (why === undefined ? product : outside).push(placed);
  }
  return { product, outside, undetermined, fakes, scanned, unread, unreadOutside, reason };
}

const LONE_KEY_ID = 'it is an identifier, and no secret access key is in any file read, so it opens nothing alone (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html)';

/**
 * Why a secret is not the shipped product's (undefined when it is). Private
 * keys are judged from what can be read without X.509 tooling: the key's
 * name, the certificate it belongs with (its own or one in the same folder;
 * self-signed or issued to localhost / `*.local` / `*.test` / `*.example` is a
 * development certificate), another copy of the key (or its public half) in a
 * sample, test or dev file, or a key published as a default by its project.
 * A key that belongs with a CA-issued certificate for a real host name stays
 * a fail: that is a server's TLS key.
 */
function outsideProduct(secret: RawSecret, paths: PathClasses, found: readonly RawSecret[], publics: readonly PublicMaterial[]): string | undefined {
  if (!paths.isOwn(secret.path)) return paths.reasonFor(secret.path);
  if (secret.patternId !== 'private-key') return undefined;
  const slash = secret.path.lastIndexOf('/');
  const dir = secret.path.slice(0, slash + 1);
  const base = secret.path.slice(slash + 1);
  const folder = dir.split('/').slice(-2, -1)[0] ?? '';
  if (DEV_KEY_NAME.test(base.replace(/\.[^.]*$/, '')) || DEV_KEY_NAME.test(folder)) return `${dir === '' ? base : `${folder}/${base}`} is named as a development or test key`;
  const material = secret.material;
  const published = material === undefined ? undefined : PUBLISHED_KEYS.find((k) => material.startsWith(k.fingerprint));
  if (published) return `it is ${published.what}, published for development setups`;
  const certs = publics.filter((p) => p.cert !== undefined);
  const cert = (material === undefined ? undefined : certs.find((p) => p.material === material)) ?? certs.find((p) => p.path.slice(0, p.path.lastIndexOf('/') + 1) === dir);
  if (cert?.cert) {
    if (cert.cert.selfSigned || LOCAL_HOST_NAME.test(cert.cert.subject)) return `it belongs with ${cert.path}, a ${cert.cert.selfSigned ? 'self-signed ' : ''}certificate for ${cert.cert.subject || 'no host name'}: a development certificate`;
    return undefined; // a CA-issued certificate for a real host name: a server's TLS key
  }
  if (material !== undefined) {
    const copy = [...found.filter((f) => f.material === material && f.path !== secret.path).map((f) => f.path), ...publics.filter((p) => p.material === material).map((p) => p.path)]
      .find((p) => !paths.isOwn(p));
    if (copy !== undefined) return `the same key is in ${copy} (${paths.reasonFor(copy)}): a published development key`;
  }
  return undefined;
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

/**
 * The secrets in one file's text. Pure and exported for tests and other
 * tools; the values themselves never leave this module.
 */
export function scanText(path: string, text: string): ScanResult {
  const { found, fakes } = scanFile(path, text);
  return { found: found.map(({ path: p, line, kind, excerpt }) => ({ path: p, line, kind, excerpt })), fakes };
}

/** A `.env` file (not a template): every value in it is looked at, whatever hints its text holds. */
function isEnvFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return ENV_FILE.test(base) && !ENV_TEMPLATE.test(base);
}

function scanFile(path: string, text: string): FileScan {
  const envFile = isEnvFile(path);
  if (!envFile && !ANY_HINT.test(text)) return { found: [], fakes: 0, publics: [] };
  const candidates = PATTERNS.filter((p) => p.hints.some((hint) => text.includes(hint)));
  const publics = text.includes('-----BEGIN ') ? publicMaterials(path, text) : [];
  if (candidates.length === 0 && !envFile) return { found: [], fakes: 0, publics };
  const starts = lineStarts(text);
  const found: RawSecret[] = [];
  const taken = new Set<number>();
  let fakes = 0;
  for (const pattern of candidates) {
    pattern.regex.lastIndex = 0;
    for (const match of text.matchAll(pattern.regex)) {
      const offset = (match.index as number) + (match[0].length - match[0].trimStart().length);
      const value = match[0].trim();
      const end = (match.index as number) + match[0].length;
      let material: string | undefined;
      const line = lineOf(starts, offset);
      if (pattern.needsKeyBody) {
        const body = keyBody(text, end);
        if (body === undefined) continue; // a header without a key: code or documentation about keys
        if (looksFakeKeyBody(body)) { fakes++; continue; }
        material = privateKeyMaterial(body) ?? `body:${body.slice(0, 64)}`;
      } else if (KNOWN_EXAMPLES.some((example) => value.includes(example)) || looksFake(value.replace(/^[^_-]*[_-]/, ''))) {
        fakes++;
        continue;
      } else if (pattern.id === 'aws-access-key-id' && /Credential=$/i.test(text.slice(Math.max(0, offset - 11), offset))) {
        // A pre-signed S3 URL carries its access key ID by design; the secret key is never in it.
        fakes++;
        continue;
      } else if (pattern.id === 'aws-secret-access-key' && !/^aws/i.test(value) && !AWS_CONTEXT.test([line - 1, line, line + 1].map((n) => lineText(text, starts, n)).join('\n'))) {
        continue; // a 40-character value is not an AWS secret key without AWS on its line or beside it
      }
      if (FAKE.test(withoutEncodedRuns(lineText(text, starts, line)))) { fakes++; continue; }
      if (taken.has(line)) continue;
      taken.add(line);
      found.push({ path, line, kind: pattern.name, excerpt: `«redacted ${pattern.name}: ${pattern.shown}»`, patternId: pattern.id, ...(material ? { material } : {}) });
    }
  }
  if (envFile) {
    const env = scanEnvFile(path, text);
    fakes += env.fakes;
    for (const secret of env.found) if (!taken.has(secret.line)) { taken.add(secret.line); found.push(secret); }
  }
  // A test fixture that says it is fake (a comment, a file name) is a fixture, not a leak.
  if (found.length > 0 && TEST_FOLDER.test(path) && (FAKE.test(withoutEncodedRuns(text)) || FAKE.test(path))) return { found: [], fakes: fakes + found.length, publics };
  return { found: found.sort((a, b) => a.line - b.line), fakes, publics };
}

/**
 * The base64 body after a PEM header, also inside a string literal with `\n`
 * escapes (a service-account JSON); undefined when there is none, as in code
 * that only tests for the header.
 */
function keyBody(text: string, from: number): string | undefined {
  const after = text.slice(from, from + 8000)
    .replace(/\\[nr]/g, '\n')
    .replace(/^[\s"'+,]*((Proc-Type|DEK-Info|Version|Comment|Hash):[^\n]*\n[\s"'+,]*)*/i, '');
  const end = after.indexOf('-----END');
  const body = pemText(end === -1 ? after.slice(0, 600) : after.slice(0, end)).match(/^[A-Za-z0-9+/=]{40,}/);
  return body?.[0];
}

/** The base64 of a PEM body, also when written as concatenated or YAML block strings (`"…" +`, `|`). */
function pemText(raw: string): string {
  return raw.replace(/["'`]\s*\+\s*["'`]/g, '').replace(/["'`,\s|]/g, '');
}

/**
 * A key body is base64: a marker counts only written in one case (`EXAMPLE`, `fake`), since mixed-case runs such as
 * `fAkE` turn up in about one real key in fifteen and must not hide it.
 */
function looksFakeKeyBody(body: string): boolean {
  if (FAKE_LOWER.test(body) || FAKE_LOWER.test(body.toLowerCase() === body ? '' : body.replace(/[^A-Z]+/g, ' ').toLowerCase().replace(/\b\w{1,3}\b/g, ''))) return true;
  return /(.)\1{5,}/.test(body) || (body.length >= 16 && new Set(body).size < 10);
}

/**
 * The text without its long base64 and hex runs, where a marker is read: a key's body is no comment. "fAkEA" is the
 * DER of a 1024-bit key's primes after an "f" (one key in twenty has it), and a key written into a JSON string
 * (RapidPro's seed data) has its whole body on one line.
 */
function withoutEncodedRuns(text: string): string {
  return text.replace(/[A-Za-z0-9+/=]{32,}/g, ' ');
}

/** Placeholder-like values: fake markers, long runs of one character, too few distinct characters. */
function looksFake(value: string): boolean {
  if (FAKE.test(value) || /(.)\1{5,}/.test(value)) return true;
  return value.length >= 16 && new Set(value).size < 10;
}

/** `.env` assignments of secret-named variables with real-looking values; variable names only are reported. */
function scanEnvFile(path: string, text: string): { found: RawSecret[]; fakes: number } {
  const found: RawSecret[] = [];
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
      if (value !== '') fakes++;
      return;
    }
    found.push({ path, line: index + 1, kind: '`.env` value', excerpt: `${name}=«redacted»`, patternId: 'env-value' });
  });
  return { found, fakes };
}

function envValue(raw: string): string {
  const trimmed = raw.trim();
  const quoted = /^(["'])(.*?)\1/.exec(trimmed);
  if (quoted) return quoted[2] as string;
  return trimmed.replace(/\s+#.*$/, '').trim();
}

/**
 * Not empty, not a reference or a template variable (`${VAR}`, `{{var}}`,
 * `[% var %]`), not a placeholder (`change_me`, `this_is_a_…`, `your_…_here`,
 * `<…>`), not a vendor's published test value, long enough to be a credential.
 */
function realValue(value: string, minimumLength: number): boolean {
  if (value.length < minimumLength || PLACEHOLDER_VALUE.test(value)) return false;
  if (PLACEHOLDER_PATTERNS.some((re) => re.test(value)) || KNOWN_EXAMPLES.includes(value)) return false;
  return !looksFake(value);
}

// --- PEM material ---------------------------------------------------------
// A few lines of DER reading (no X.509 library, no I/O): the public part of
// a private key (RSA modulus, EC public point) to find its certificate and
// its other copies, and a certificate's subject and issuer common names.

interface Tlv { tag: number; at: number; start: number; end: number; next: number }

function bytesOf(base64: string): Uint8Array | undefined {
  try {
    const binary = atob(base64.replace(/=+$/, '').replace(/[^A-Za-z0-9+/]/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

function tlv(bytes: Uint8Array, at: number): Tlv | undefined {
  if (at + 2 > bytes.length) return undefined;
  const tag = bytes[at] as number;
  let length = bytes[at + 1] as number;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > bytes.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] as number);
    start += count;
  }
  if (start + length > bytes.length) return undefined;
  return { tag, at, start, end: start + length, next: start + length };
}

function childrenOf(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end;) {
    const child = tlv(bytes, at);
    if (!child) break;
    out.push(child);
    at = child.next;
  }
  return out;
}

function hex(bytes: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += (bytes[i] as number).toString(16).padStart(2, '0');
  return out.replace(/^(00)+/, '');
}

/** The public material of a PKCS#1 RSA, SEC1 EC or PKCS#8 private key body, as hex; undefined when unreadable. */
function privateKeyMaterial(body: string): string | undefined {
  const bytes = bytesOf(body);
  return bytes ? materialOfPrivate(bytes, 0) : undefined;
}

function materialOfPrivate(bytes: Uint8Array, at: number, depth = 0): string | undefined {
  const outer = tlv(bytes, at);
  if (!outer || outer.tag !== 0x30 || depth > 1) return undefined;
  const kids = childrenOf(bytes, outer);
  const [first, second, third] = kids;
  if (!first || !second || first.tag !== 0x02) return undefined;
  if (second.tag === 0x02 && kids.length >= 9) return hex(bytes, second.start, second.end); // RSA: modulus
  if (second.tag === 0x30 && third?.tag === 0x04) return materialOfPrivate(bytes, third.start, depth + 1); // PKCS#8
  if (second.tag === 0x04) { // SEC1 EC: [1] BIT STRING public point
    const point = kids.find((k) => k.tag === 0xa1);
    const bits = point ? tlv(bytes, point.start) : undefined;
    if (bits && bits.tag === 0x03) return hex(bytes, bits.start + 1, bits.end);
  }
  return undefined;
}

/** Public keys and certificates in a text (PEM blocks, also with `\n` escapes in string literals). */
function publicMaterials(path: string, text: string): PublicMaterial[] {
  const out: PublicMaterial[] = [];
  const unescaped = text.includes('\\n') ? text.replace(/\\n/g, '\n') : text;
  for (const block of unescaped.matchAll(/-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY)-----([\sA-Za-z0-9+/=|"'+,]{40,}?)-----END \1-----/g)) {
    const bytes = bytesOf(pemText(block[2] as string));
    if (!bytes) continue;
    if (block[1] === 'CERTIFICATE') out.push({ path, ...certificate(bytes) });
    else out.push({ path, material: publicKeyMaterial(bytes) });
  }
  return out;
}

/** The modulus or public point of a SubjectPublicKeyInfo (or PKCS#1 RSAPublicKey). */
function publicKeyMaterial(bytes: Uint8Array, at = 0): string | undefined {
  const outer = tlv(bytes, at);
  if (!outer || outer.tag !== 0x30) return undefined;
  const [algorithm, key] = childrenOf(bytes, outer);
  if (algorithm?.tag === 0x02) return hex(bytes, algorithm.start, algorithm.end); // RSAPublicKey: modulus first
  if (!algorithm || !key || key.tag !== 0x03) return undefined;
  const rsa = tlv(bytes, key.start + 1);
  if (rsa && rsa.tag === 0x30 && rsa.end === key.end) {
    const modulus = childrenOf(bytes, rsa)[0];
    if (modulus?.tag === 0x02) return hex(bytes, modulus.start, modulus.end);
  }
  return hex(bytes, key.start + 1, key.end); // EC point
}

/** Subject and issuer common names of an X.509 certificate, whether it is self-signed, and its key's material. */
function certificate(bytes: Uint8Array): { material?: string; cert?: CertInfo } {
  const outer = tlv(bytes, 0);
  const tbs = outer && outer.tag === 0x30 ? tlv(bytes, outer.start) : undefined;
  if (!tbs || tbs.tag !== 0x30) return {};
  const fields = childrenOf(bytes, tbs);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0; // optional [0] version
  const issuer = fields[offset + 2];
  const subject = fields[offset + 4];
  const spki = fields[offset + 5];
  if (!issuer || !subject) return {};
  const same = issuer.end - issuer.start === subject.end - subject.start && hex(bytes, issuer.start, issuer.end) === hex(bytes, subject.start, subject.end);
  const material = spki ? publicKeyMaterial(bytes, spki.at) : undefined;
  return { ...(material ? { material } : {}), cert: { subject: commonName(bytes, subject), issuer: commonName(bytes, issuer), selfSigned: same } };
}

/** The CN (OID 2.5.4.3) of a Name, '' when it has none. */
function commonName(bytes: Uint8Array, name: Tlv): string {
  for (let i = name.start; i + 5 < name.end; i++) {
    if (bytes[i] === 0x06 && bytes[i + 1] === 0x03 && bytes[i + 2] === 0x55 && bytes[i + 3] === 0x04 && bytes[i + 4] === 0x03) {
      const value = tlv(bytes, i + 5);
      if (!value) return '';
      let out = '';
      for (let j = value.start; j < value.end; j++) out += String.fromCharCode(bytes[j] as number);
      return out;
    }
  }
  return '';
}

function lineText(text: string, starts: readonly number[], line: number): string {
  if (line < 1 || line > starts.length) return '';
  const start = starts[line - 1] as number;
  const end = starts[line] ?? text.length;
  return text.slice(start, end);
}
