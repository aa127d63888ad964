/**
 * Licence policy: is an SPDX licence expression approved by the DPGA for a
 * given part of a solution? Pure and data-driven: the approved ids come in as
 * a parameter (the built-in rules pass rules/2-open-licensing/approved-licenses.json),
 * so a new DPGA list is a data change, not a code change.
 *
 * Principles:
 * - Parse with `spdx-expression-parse`; the policy never "corrects" an
 *   unknown string into a licence: `Apache 2` declared is unparseable,
 *   `UNLICENSED` is not the `Unlicense`, `LicenseRef-*` is a custom licence and
 *   never approved. (What the repository's files and manifests write is
 *   normalised before it gets here, by `spdx.ts`: spdx-correct, guarded against
 *   guesses.)
 * - SPDX ids match case-insensitively (the SPDX specification says so), which
 *   is case folding of a known id, not guessing.
 * - The DPGA lists the deprecated bare GNU ids (`GPL-3.0`, `AGPL-3.0`…); those
 *   stand for their family: `GPL-3.0-only`, `GPL-3.0-or-later`, `GPL-3.0+` and
 *   `GPL-3.0` are all the same licence for this purpose, in both directions.
 * - `WITH <exception>` is judged by its licence: exceptions only add permissions.
 * - `OR`: approved if any option is; `AND`: only if every part is.
 */
import { createRequire } from 'node:module';
import parseSpdx from 'spdx-expression-parse';

/** The parts of a solution a licence can be judged for. */
export const LICENSE_KINDS = ['software', 'content', 'data', 'model-weights', 'training-code', 'training-data', 'standard'] as const;
export type LicenseKind = (typeof LICENSE_KINDS)[number];

/** The DPGA's three approved lists (ids as the DPGA writes them). */
export interface ApprovedLicenseTable {
  readonly software: readonly string[];
  readonly content: readonly string[];
  readonly data: readonly string[];
  /** Licences the DPGA encourages, by list (it names them for content). */
  readonly encouraged?: { readonly content?: readonly string[] };
  /**
   * Software licences OSI-approved after the DPGA's list was published (SPDX's
   * OSI flag; see `osiAdditions`). The DPGA accepts "approved licenses from the
   * Open Source Initiative" for software, with its list as the floor.
   */
  readonly osiApproved?: readonly string[];
}

/** Open hardware licences: some are OSI-approved, none is a software licence the DPGA lists. */
const OPEN_HARDWARE = /^(CERN-OHL|TAPR-OHL|SHL-|Solderpad)/i;

export function isOpenHardware(id: string): boolean {
  return OPEN_HARDWARE.test(id);
}

/**
 * The OSI-approved licences (SPDX's flag) that count as newer approvals on top
 * of the DPGA's software list, and why the others do not:
 * - already on the list (as a family: `LGPL-2.1-only` is the DPGA's `LGPL-2.1`);
 * - open hardware licences (CERN-OHL-*): approved by the OSI, but for hardware;
 * - superseded: the DPGA lists a later version of the same licence (EUPL-1.1
 *   beside EUPL-1.2, AFL-2.1 beside AFL-3.0), which the DPGA left out on purpose.
 */
export function osiAdditions(osiIds: readonly string[], table: Pick<ApprovedLicenseTable, 'software'>): { added: string[]; notAdded: Record<string, string> } {
  const listed = new Set(table.software.map(licenseFamily));
  const versions = new Map<string, string[]>();
  for (const id of table.software) {
    const parsed = /^(.*?)-?(\d+(?:\.\d+)*)(?:-.*)?$/.exec(id);
    if (parsed) versions.set((parsed[1] as string).toLowerCase(), [...(versions.get((parsed[1] as string).toLowerCase()) ?? []), parsed[2] as string]);
  }
  const added: string[] = [];
  const notAdded: Record<string, string> = {};
  for (const id of [...osiIds].sort()) {
    if (listed.has(licenseFamily(id))) continue;
    if (isOpenHardware(id)) { notAdded[id] = 'an open hardware licence, not a software licence'; continue; }
    const parsed = /^(.*?)-?(\d+(?:\.\d+)*)(?:-.*)?$/.exec(id);
    const later = parsed ? (versions.get((parsed[1] as string).toLowerCase()) ?? []).filter((v) => compareVersions(v, parsed[2] as string) > 0) : [];
    if (parsed && later.length > 0) { notAdded[id] = `superseded: the DPGA lists ${parsed[1]}-${later.sort(compareVersions).pop() as string}`; continue; }
    added.push(id);
  }
  return { added, notAdded };
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type LicenseVerdict = 'approved' | 'not-approved' | 'unparseable';

export interface LicenseJudgement {
  verdict: LicenseVerdict;
  /** One sentence a person can act on. */
  reason: string;
  /** Licence ids in the expression, as parsed (a `+` kept), without exceptions; empty when unparseable. */
  ids: string[];
}

/** A parsed expression, with ids in SPDX's own spelling. */
export type LicenseTree =
  | { op: 'license'; id: string; plus: boolean; exception?: string }
  | { op: 'and' | 'or'; left: LicenseTree; right: LicenseTree };

export type ParsedLicense = { ok: true; tree: LicenseTree; ids: string[] } | { ok: false; reason: string };

const requireHere = createRequire(import.meta.url);
const SPDX_LICENSE_IDS: readonly string[] = [
  ...stringList(requireHere('spdx-license-ids')),
  ...stringList(requireHere('spdx-license-ids/deprecated.json')),
];
// spdx-exceptions is spdx-expression-parse's own dependency; resolving it from
// there keeps us on exactly the list the parser accepts.
const SPDX_EXCEPTIONS: readonly string[] = stringList(createRequire(requireHere.resolve('spdx-expression-parse'))('spdx-exceptions'));
/** Lower-case id → SPDX's spelling, for case-insensitive matching of known ids. */
const SPDX_SPELLING = new Map<string, string>([...SPDX_LICENSE_IDS, ...SPDX_EXCEPTIONS].map((id) => [id.toLowerCase(), id]));

/** Longest expression we parse; longer strings are not licence expressions anyone writes. */
const MAX_EXPRESSION_LENGTH = 1000;

const KIND_LABEL: Readonly<Record<LicenseKind, string>> = {
  software: 'software',
  content: 'content',
  data: 'data',
  'model-weights': 'model weights',
  'training-code': 'training code',
  'training-data': 'training data',
  standard: 'a standard',
};

export function kindLabel(kind: LicenseKind): string {
  return KIND_LABEL[kind];
}

/**
 * The approved ids for a part of a solution.
 * - model weights: the DPGA publishes no separate list for weights, and 1.1.7
 *   only requires them to be openly licensed; weights are released under
 *   software licences (Apache-2.0, MIT) as often as data licences (CC-BY-4.0),
 *   so both lists count.
 * - a standard's specification is text and its reference code is software.
 */
export function approvedIdsFor(kind: LicenseKind, table: ApprovedLicenseTable): string[] {
  switch (kind) {
    case 'software':
    case 'training-code':
      return unique([...table.software, ...(table.osiApproved ?? [])]);
    case 'content':
      return [...table.content];
    case 'data':
    case 'training-data':
      return [...table.data];
    case 'model-weights':
      return unique([...table.software, ...(table.osiApproved ?? []), ...table.data]);
    case 'standard':
      return unique([...table.software, ...(table.osiApproved ?? []), ...table.content]);
  }
}

const COMMON_SOFTWARE = ['Apache-2.0', 'MIT', 'BSD-3-Clause', 'MPL-2.0', 'GPL-3.0', 'AGPL-3.0'];
const DEFAULT_ENCOURAGED_CONTENT = ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0'];

/** A short list of approved licences to suggest for a part (not the whole list), in the table's spelling. */
export function suggestedLicenses(kind: LicenseKind, table: ApprovedLicenseTable): string[] {
  const content = table.encouraged?.content ?? DEFAULT_ENCOURAGED_CONTENT;
  // The IGO ports are for intergovernmental organisations; not a general suggestion.
  const data = table.data.filter((id) => !/-IGO$/i.test(id));
  const wanted: Readonly<Record<LicenseKind, readonly string[]>> = {
    software: COMMON_SOFTWARE,
    'training-code': COMMON_SOFTWARE,
    content,
    data,
    'training-data': data,
    'model-weights': ['Apache-2.0', 'MIT', ...content],
    standard: ['Apache-2.0', ...content],
  };
  const approved = new Set(approvedIdsFor(kind, table).map(licenseFamily));
  return unique(wanted[kind].filter((id) => approved.has(licenseFamily(id))));
}

/**
 * The key two ids are compared by: lower case; for GNU licences without the
 * `-only` / `-or-later` / `+` suffix or a deprecated `-with-…-exception`
 * suffix; for other licences without a `+` (an "or later" range includes the
 * named version).
 */
export function licenseFamily(id: string): string {
  const key = id.trim().toLowerCase();
  if (/^(a|l)?gpl-\d\.\d|^gfdl-\d\.\d/.test(key)) {
    return key.replace(/-with-[a-z0-9-]+-exception$/, '').replace(/(-only|-or-later|\+)$/, '');
  }
  return key.replace(/\+$/, '');
}

/** Whether two licence ids name the same licence for approval purposes. */
export function sameLicense(a: string, b: string): boolean {
  return licenseFamily(a) === licenseFamily(b);
}

/** Custom licences: `LicenseRef-…` and `DocumentRef-…:LicenseRef-…`. */
export function isCustomLicense(id: string): boolean {
  return /^(DocumentRef-[^:]*:)?LicenseRef-/i.test(id);
}

/** Creative Commons "NoDerivatives" licences (CC-BY-ND-4.0, CC-BY-NC-ND-4.0…). */
export function isNoDerivatives(id: string): boolean {
  return /^CC-BY(-NC)?-ND(-|$)/i.test(id);
}

function isNonCommercial(id: string): boolean {
  return /^CC-BY-NC(-|$)/i.test(id);
}

/**
 * Parses an SPDX licence expression. Known SPDX ids are matched case-
 * insensitively; `extraIds` (e.g. the DPGA table) may add ids that SPDX itself
 * does not list (the DPGA lists `CC-BY-SA-3.0-US`, unknown to SPDX), matched
 * exactly but for case. Never throws.
 */
export function parseLicenseExpression(expression: unknown, extraIds: readonly string[] = []): ParsedLicense {
  if (typeof expression !== 'string') return { ok: false, reason: 'the licence is not a string' };
  const text = expression.replace(/\s+/g, ' ').trim();
  if (text === '') return { ok: false, reason: 'the licence is empty' };
  if (text.length > MAX_EXPRESSION_LENGTH) return { ok: false, reason: `the licence is ${text.length} characters long, too long for a licence expression` };
  const extra = new Map<string, string>();
  for (const id of extraIds) {
    const lower = id.trim().toLowerCase();
    if (lower !== '' && !SPDX_SPELLING.has(lower)) extra.set(lower, id.trim());
  }
  // Ids only the table knows are swapped for LicenseRef placeholders so the
  // parser accepts them, then swapped back after parsing.
  const placeholders = new Map<string, string>();
  const spelled = text.replace(/[A-Za-z0-9.-]+/g, (token) => {
    const lower = token.toLowerCase();
    if (lower.startsWith('licenseref-')) return `LicenseRef-${token.slice('licenseref-'.length)}`;
    if (lower.startsWith('documentref-')) return `DocumentRef-${token.slice('documentref-'.length)}`;
    const known = SPDX_SPELLING.get(lower);
    if (known) return known;
    const fromTable = extra.get(lower);
    if (fromTable) {
      const placeholder = `LicenseRef-dpgcheck-table-${placeholders.size}`;
      placeholders.set(placeholder, fromTable);
      return placeholder;
    }
    return token;
  });
  let node: parseSpdx.ExpressionNode;
  try {
    node = parseSpdx(spelled);
  } catch {
    return { ok: false, reason: `"${clip(text)}" is not an SPDX licence expression` };
  }
  const ids: string[] = [];
  const convert = (n: parseSpdx.ExpressionNode): LicenseTree => {
    if ('conjunction' in n) return { op: n.conjunction, left: convert(n.left), right: convert(n.right) };
    const id = placeholders.get(n.license) ?? n.license;
    ids.push(n.plus ? `${id}+` : id);
    return { op: 'license', id, plus: n.plus === true, ...(n.exception ? { exception: n.exception } : {}) };
  };
  try {
    const tree = convert(node);
    return { ok: true, tree, ids };
  } catch {
    // Only a pathologically deep tree gets here (stack exhaustion).
    return { ok: false, reason: `"${clip(text)}" is too deeply nested to judge` };
  }
}

/** Licence ids of an expression (as `judgeLicense` reports them), or `undefined` when it does not parse. */
export function licenseIdsOf(expression: string, extraIds: readonly string[] = []): string[] | undefined {
  const parsed = parseLicenseExpression(expression, extraIds);
  return parsed.ok ? parsed.ids : undefined;
}

/**
 * Whether an expression is satisfied by a set of allowed licence ids (family
 * matching as in `licenseFamily`; OR needs one option, AND every part).
 * `undefined` when the expression does not parse; `extraIds` are further ids
 * the expression may use that SPDX does not list (as in `parseLicenseExpression`).
 */
export function satisfiedBy(expression: string, allowed: readonly string[], extraIds: readonly string[] = []): boolean | undefined {
  const parsed = parseLicenseExpression(expression, [...allowed, ...extraIds]);
  if (!parsed.ok) return undefined;
  const families = new Set(allowed.map(licenseFamily));
  return evaluate(parsed.tree, (leaf) => !isCustomLicense(leaf.id) && families.has(licenseFamily(leaf.id)));
}

/**
 * Judges a licence expression for a part of a solution against the DPGA's
 * approved lists. Never throws, whatever the input.
 */
export function judgeLicense(expression: string, kind: LicenseKind, table: ApprovedLicenseTable): LicenseJudgement {
  const label = KIND_LABEL[kind] ?? String(kind);
  const approvedIds = LICENSE_KINDS.includes(kind) ? approvedIdsFor(kind, table) : [];
  const allTableIds = unique([...table.software, ...table.content, ...table.data]);
  const raw = typeof expression === 'string' ? expression.replace(/\s+/g, ' ').trim() : '';
  const special = specialValue(raw);
  if (special) return special;
  const parsed = parseLicenseExpression(expression, allTableIds);
  if (!parsed.ok) {
    const hint = suggestIds(raw, approvedIds);
    return {
      verdict: 'unparseable',
      reason: `${parsed.reason}; write the licence's SPDX id (https://spdx.org/licenses/)${hint.length > 0 ? `, e.g. ${hint.join(' or ')}` : ''}`,
      ids: [],
    };
  }
  const approvedFamilies = new Set(approvedIds.map(licenseFamily));
  const leafVerdict = (leaf: Leaf): LeafVerdict => judgeLeaf(leaf, kind, label, approvedFamilies, table);
  const result = evaluateWithReasons(parsed.tree, leafVerdict);
  const shown = clip(raw);
  if (result.approved) {
    const single = parsed.tree.op === 'license';
    const nc = kind === 'content' || kind === 'standard' ? result.approvedIds.filter(isNonCommercial) : [];
    const encouraged = suggestedLicenses('content', table);
    const ncNote = nc.length > 0
      ? `; ${single ? 'it forbids' : `${nc.join(', ')} ${nc.length === 1 ? 'forbids' : 'forbid'}`} commercial reuse, which the DPGA accepts, though it encourages ${encouraged.length > 1 ? `${encouraged.slice(0, -1).join(', ')} or ${encouraged[encouraged.length - 1] as string}` : encouraged.join('')}`
      : '';
    const listed = new Set(LICENSE_KINDS.includes(kind) ? approvedIdsFor(kind, { ...table, osiApproved: [] }).map(licenseFamily) : []);
    const newer = result.approvedIds.filter((id) => !listed.has(licenseFamily(id)));
    const osiNote = newer.length > 0
      ? `${single ? '' : `; ${newer.join(', ')}: `}${single ? ' ' : ''}OSI-approved (SPDX License List) after the DPGA's list was published; the DPGA accepts OSI-approved licences for software`
      : '';
    const reason = single
      ? newer.length > 0 ? `${shown} is${osiNote}${ncNote}` : `${shown} is on the DPGA's approved list for ${label}${ncNote}`
      : `${shown} is approved for ${label}: ${result.approvedIds.join(', ')} ${result.approvedIds.length === 1 ? 'is' : 'are'} on the DPGA's list${osiNote}${ncNote}`;
    return { verdict: 'approved', reason, ids: parsed.ids };
  }
  const why = unique(result.problems);
  const reason = parsed.tree.op === 'license'
    ? (why[0] ?? `${shown} is not approved for ${label}`)
    : `${shown} is not approved for ${label}: ${why.join('; ')}`;
  return { verdict: 'not-approved', reason, ids: parsed.ids };
}

type Leaf = Extract<LicenseTree, { op: 'license' }>;
interface LeafVerdict { approved: boolean; problem?: string }

function judgeLeaf(leaf: Leaf, kind: LicenseKind, label: string, approvedFamilies: ReadonlySet<string>, table: ApprovedLicenseTable): LeafVerdict {
  const id = leaf.plus ? `${leaf.id}+` : leaf.id;
  if (isCustomLicense(leaf.id)) return { approved: false, problem: `${id} is a custom licence (LicenseRef), not one on the DPGA's approved list` };
  if (isNoDerivatives(leaf.id)) return { approved: false, problem: `${id} forbids derivatives (ND); the DPGA accepts no licence with a NoDerivatives restriction` };
  if (isOpenHardware(leaf.id) && !approvedFamilies.has(licenseFamily(leaf.id))) {
    return { approved: false, problem: `${id} is an open hardware licence (for hardware designs), not on the DPGA's approved list for ${label}` };
  }
  if (approvedFamilies.has(licenseFamily(leaf.id))) return { approved: true };
  const elsewhere = (['software', 'content', 'data'] as const).filter(
    (other) => other !== kind && table[other].some((approved) => sameLicense(approved, leaf.id)),
  );
  const note = elsewhere.length > 0 ? ` (it is approved for ${elsewhere.join(' and ')}, not for ${label})` : '';
  return { approved: false, problem: `${id} is not on the DPGA's approved list for ${label}${note}` };
}

function evaluate(tree: LicenseTree, isApproved: (leaf: Leaf) => boolean): boolean {
  if (tree.op === 'license') return isApproved(tree);
  const left = evaluate(tree.left, isApproved);
  const right = evaluate(tree.right, isApproved);
  return tree.op === 'and' ? left && right : left || right;
}

interface Evaluation { approved: boolean; approvedIds: string[]; problems: string[] }

/** Like `evaluate`, keeping which ids made it approved and why the rest are not. */
function evaluateWithReasons(tree: LicenseTree, judge: (leaf: Leaf) => LeafVerdict): Evaluation {
  if (tree.op === 'license') {
    const verdict = judge(tree);
    const id = tree.plus ? `${tree.id}+` : tree.id;
    return verdict.approved ? { approved: true, approvedIds: [id], problems: [] } : { approved: false, approvedIds: [], problems: verdict.problem ? [verdict.problem] : [] };
  }
  const left = evaluateWithReasons(tree.left, judge);
  const right = evaluateWithReasons(tree.right, judge);
  if (tree.op === 'and') {
    const approved = left.approved && right.approved;
    return { approved, approvedIds: approved ? [...left.approvedIds, ...right.approvedIds] : [], problems: [...left.problems, ...right.problems] };
  }
  if (left.approved || right.approved) {
    // An OR is as good as its approved option(s); the others do not matter.
    return { approved: true, approvedIds: [...(left.approved ? left.approvedIds : []), ...(right.approved ? right.approvedIds : [])], problems: [] };
  }
  return { approved: false, approvedIds: [], problems: [...left.problems, ...right.problems] };
}

/** Values that look like licences but are not SPDX expressions, with what they mean. */
function specialValue(raw: string): LicenseJudgement | undefined {
  const upper = raw.toUpperCase();
  if (upper === 'UNLICENSED') {
    return { verdict: 'not-approved', reason: 'UNLICENSED is npm\'s marker for code that grants no licence at all; it is not the Unlicense (SPDX id `Unlicense`)', ids: [] };
  }
  if (upper === 'NONE') return { verdict: 'not-approved', reason: 'NONE (SPDX: no licence applies) grants no rights to use, change or share the work', ids: [] };
  // The Commons Clause is a rider that forbids selling the software; it is no
  // SPDX id, so it would otherwise be merely "unparseable".
  if (/commons[\s-]*clause/i.test(raw)) {
    return { verdict: 'not-approved', reason: `${clip(raw)}: the Commons Clause forbids selling the software, so no licence carrying it is open (OSI) or approved by the DPGA`, ids: [] };
  }
  if (upper === 'NOASSERTION') return { verdict: 'unparseable', reason: 'NOASSERTION says the licence is not known; name its SPDX id (https://spdx.org/licenses/)', ids: [] };
  return undefined;
}

/**
 * Approved ids a free-text licence name probably means, to suggest (never to
 * substitute): ids starting with the text's first word, narrowed by its first
 * version digit. "Apache 2" → Apache-2.0; "GPLv3" → GPL-3.0.
 */
function suggestIds(raw: string, approvedIds: readonly string[]): string[] {
  const lower = raw.toLowerCase();
  const wordMatch = /^[a-z]+/.exec(lower);
  if (!wordMatch) return [];
  let word = wordMatch[0];
  const rest = lower.slice(word.length);
  if (word.length > 2 && word.endsWith('v') && /^\d/.test(rest)) word = word.slice(0, -1);
  if (word.length < 2) return [];
  const startsWithWord = approvedIds.filter((id) => id.toLowerCase().startsWith(word) && !/^[a-z]/.test(id.toLowerCase().slice(word.length)));
  const digit = /\d/.exec(rest)?.[0];
  const byVersion = digit ? startsWithWord.filter((id) => /\d/.exec(id.slice(word.length))?.[0] === digit) : startsWithWord;
  return (byVersion.length > 0 ? byVersion : startsWithWord).slice(0, 5);
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error('expected a list of strings');
  return value as string[];
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
