/**
 * Small helpers the built-in rules share, published in `dpg-check/helpers`.
 * Everything here is pure: it reads what the rule context already holds.
 */
import { isUrl, type DeclarationView, type RuleOutcome } from '../rule-api.js';
import type { Evidence, IndicatorId } from '../model.js';
import type { Snapshot } from '../snapshot/types.js';
import { sortPaths } from '../text/compare.js';
import { filterMatchingAny } from '../text/any-of.js';

/** The DPG Standard version the built-in rules implement. */
export const STANDARD = '1.1.7';

const STANDARD_URL = 'https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md';
/** Guidance pages the questionnaire itself links to, one per indicator. */
const GUIDANCE: Readonly<Record<IndicatorId, string>> = {
  '1': 'https://github.com/DPGAlliance/dpg-resources/wiki/1.-Relevance-to-Sustainable-Development-Goals',
  '2': 'https://github.com/DPGAlliance/dpg-resources/wiki/2.-Open-Licensing',
  '3': 'https://github.com/DPGAlliance/dpg-resources/wiki/3.-Clear-Ownership',
  '4': 'https://github.com/DPGAlliance/dpg-resources/wiki/4.-Platform-Independence',
  '5': 'https://github.com/DPGAlliance/dpg-resources/wiki/5.-Documentation',
  '6': 'https://github.com/DPGAlliance/dpg-resources/wiki/6.-Mechanism-for-Extracting-Data',
  '7': 'https://github.com/DPGAlliance/dpg-resources/wiki/7.-Adherence-to-Privacy-and-Applicable-Laws',
  '8': 'https://github.com/DPGAlliance/dpg-resources/wiki/8.-Adherence-to-Standards-&-Best-Practices',
  '9a': 'https://github.com/DPGAlliance/dpg-resources/wiki/9.-Do-No-Harm-By-Design',
  '9b': 'https://github.com/DPGAlliance/dpg-resources/wiki/9.-Do-No-Harm-By-Design',
  '9c': 'https://github.com/DPGAlliance/dpg-resources/wiki/9.-Do-No-Harm-By-Design',
};

export function guidanceUrl(indicator: IndicatorId): string {
  return GUIDANCE[indicator];
}
export function standardUrl(): string {
  return STANDARD_URL;
}

const CHANGELOG_URL = 'https://github.com/DPGAlliance/DPG-Standard/blob/main/CHANGELOG.md';

/**
 * The sentence of the DPG Standard each indicator's requirement rules enforce
 * (../shared/reference/dpg-standard.md), quoted, with its link. A rule whose
 * finding can decide a verdict must be able to point at one of these.
 */
export const REQUIREMENT: Readonly<Record<IndicatorId | 'ai' | 'collections', { quote: string; url: string }>> = Object.freeze({
  '1': { quote: 'Digital public goods must demonstrate relevance to advancing the Sustainable Development Goals (SDGs).', url: `${STANDARD_URL}#1-relevance-to-sustainable-development-goals` },
  '2': { quote: 'Digital public goods must demonstrate the use of an approved open license. For open-source software, only OSI approved licenses are accepted. For open content collections the use of a Creative Commons license is required.', url: `${STANDARD_URL}#2-use-of-approved-open-licenses` },
  '3': { quote: 'Ownership of assets that the digital public good produces must be clearly defined and documented. For example, through copyright, trademark or other publicly available information.', url: `${STANDARD_URL}#3-clear-ownership` },
  '4': { quote: 'When the digital public good has mandatory dependencies that create more restrictions than the original license, proving independence from the closed component(s) and/or indicating the existence of functional, open alternatives that can be used without significant changes to the core product is required.', url: `${STANDARD_URL}#4-platform-independence` },
  '5': { quote: 'Digital public goods require documentation of the source code, use cases, and/or functional requirements. [...] For software solutions, this should be technical documentation that would allow a technical person unfamiliar with the project to launch and run the software.', url: `${STANDARD_URL}#5-documentation` },
  '6': { quote: 'Digital public goods with non-personally identifiable information (PII) design for possibility of extracting or importing non-PII data and content from the system in a non-proprietary format.', url: `${STANDARD_URL}#6-mechanism-for-extracting-data-and-content` },
  '7': { quote: 'Digital public goods must be designed and developed to comply with privacy and other applicable laws.', url: `${STANDARD_URL}#7-adherence-to-privacy-and-applicable-laws` },
  '8': { quote: 'Digital public goods must be designed and developed to align with relevant standards, best practices, and/or principles.', url: `${STANDARD_URL}#8-adherence-to-standards--best-practices` },
  '9a': { quote: 'Digital public goods that collect, store and distribute personally identifiable (PII) data, must demonstrate how they ensure the privacy, security and integrity of this data in addition to the steps taken to prevent adverse impacts resulting from its collection, storage and distribution.', url: `${STANDARD_URL}#9-do-no-harm-by-design` },
  '9b': { quote: 'Digital public goods that collect, store or distribute content must have policies identifying inappropriate and illegal content such as child sexual abuse materials in addition to processes for detecting, moderating, reporting and removing inappropriate/ illegal content.', url: `${STANDARD_URL}#9-do-no-harm-by-design` },
  '9c': { quote: 'If the digital public good facilitates interactions with or between users or contributors there must be a process for users and contributors to protect themselves against grief, abuse, and harassment. The project must have system(s) to address the safety and security of underage users.', url: `${STANDARD_URL}#9-do-no-harm-by-design` },
  ai: { quote: 'Added proposal clarifying mandatory components for AI Systems seeking DPG recognition under the DPG Standard (1.1.7, #193): open model weights, training code and training data.', url: 'https://github.com/DPGAlliance/dpg-standard/issues/193' },
  collections: { quote: 'Added proposal requiring only fully open-licensed content collections and data sets for qualification as a DPG (1.1.7, #186).', url: 'https://github.com/DPGAlliance/dpg-standard/issues/186' },
});
void CHANGELOG_URL;

/** Words in a text (letters and digits), for "is this a real answer" checks. */
export function wordCount(text: string | undefined): number {
  return text ? (text.match(/[\p{L}\p{N}]+/gu) ?? []).length : 0;
}

/** A non-empty answer after trimming, ignoring placeholders such as "N/A", "TBD", "-". */
export function isAnswered(text: string | undefined | null): text is string {
  if (typeof text !== 'string') return false;
  const t = text.trim().toLowerCase();
  return t !== '' && !['n/a', 'na', 'none', 'tbd', 'todo', '-', '.', 'yes', 'no', 'null'].includes(t);
}

export interface LinkCheck {
  /** Links that are URLs or paths present in the snapshot. */
  good: string[];
  /** Candidate paths that do not exist in the snapshot. */
  missing: string[];
  /** Paths that leave the candidate (`../`, absolute): never read. */
  outside: string[];
}

/**
 * Sorts evidence links: URLs are taken as given (`--online` verifies them);
 * anything else is a path in the candidate and must exist there.
 */
export function sortEvidenceLinks(links: readonly string[] | undefined, snapshot: Snapshot): LinkCheck {
  const result: LinkCheck = { good: [], missing: [], outside: [] };
  for (const raw of links ?? []) {
    const link = raw.trim();
    if (link === '') continue;
    if (isUrl(link)) { result.good.push(link); continue; }
    const path = link.replace(/^\.\//, '').replace(/#.*$/, '').replace(/\/+$/, '');
    if (path.startsWith('/') || /^[a-z]:[\\/]/i.test(path) || path.split('/').includes('..')) { result.outside.push(link); continue; }
    const present = snapshot.has(path) || snapshot.paths.some((p) => p.startsWith(`${path}/`));
    (present ? result.good : result.missing).push(link);
  }
  return result;
}

/** Evidence items for a list of links: URLs as `url`, candidate paths as `file`. */
export function linkEvidence(links: readonly string[]): Evidence[] {
  return links.map((link) => (isUrl(link) ? { kind: 'url', url: link.trim() } : { kind: 'file', path: link.trim().replace(/^\.\//, '') }));
}

/** Evidence for a declaration key, or a note that there is no declaration. */
export function declared(declaration: DeclarationView, key: string): Evidence {
  return declaration.path ? declaration.evidence(key) : { kind: 'note', text: `no declaration file (add dpg.yml with \`${key}\`)` };
}

/** First line (1-based) in `text` matching `pattern`, if any. */
export function findLine(text: string, pattern: RegExp): { line: number; excerpt: string } | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (pattern.test(line)) return { line: i + 1, excerpt: line.trim().slice(0, 200) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Helpers added for indicators 5, 6, 7, 8, 9a, 9b, 9c.

/** Dependency and vendored trees hold other projects' files, not the candidate's own documents. */
const VENDORED_TREE = /(^|\/)(node_modules|vendor|third[-_]party|external|bower_components|\.git)\//i;

export function isVendored(path: string): boolean {
  return VENDORED_TREE.test(path);
}

/** Declaration file names (BRIEF §5): a snapshot holding only these has no repository to read. */
const DECLARATION_FILES = new Set(['dpg.yml', 'dpg.yaml', 'dpg.json', '.github/dpg.yml']);

/**
 * Whether the candidate has repository files beyond its declaration. A
 * declaration-only candidate (batch over a registry) has none, and an absent
 * file there proves nothing, so rules report `gap` instead of `fail`.
 */
export function hasRepositoryFiles(snapshot: Snapshot): boolean {
  return snapshot.source.kind !== 'declaration-only' && snapshot.paths.some((p) => !DECLARATION_FILES.has(p));
}

/** Compiles the regular-expression strings of a JSON data table (case-insensitive unless told otherwise). */
export function compilePatterns(patterns: readonly string[], flags = 'i'): RegExp[] {
  return patterns.map((p) => new RegExp(p, flags));
}

/**
 * The snapshot's paths outside vendored trees, computed once per path list: rules ask `pathsMatching` some
 * thirty times per check, and on a 10,000-file tree testing every path for a vendored folder each time cost
 * more than the matching itself.
 */
const ownPathsOf = new WeakMap<readonly string[], readonly string[]>();

function ownPaths(snapshot: Snapshot): readonly string[] {
  let own = ownPathsOf.get(snapshot.paths);
  if (!own) ownPathsOf.set(snapshot.paths, (own = snapshot.paths.filter((p) => !isVendored(p))));
  return own;
}

/** Candidate paths (vendored trees left out) matching any of the patterns, shallowest first. */
export function pathsMatching(snapshot: Snapshot, patterns: readonly RegExp[]): string[] {
  return sortPaths(filterMatchingAny(ownPaths(snapshot), patterns));
}

/**
 * `pathsMatching` for several lists of patterns at once, in their order: the paths any list matches are found in one
 * pass (one test per path on a large tree), and each list is tested on those alone. The standards table's eleven
 * lists took three times as long, each tested over dhis2-core's 10,000 paths.
 */
export function pathsMatchingEach(snapshot: Snapshot, lists: readonly (readonly RegExp[])[]): string[][] {
  let union = unionOf.get(lists);
  if (!union) unionOf.set(lists, (union = lists.flat()));
  const candidates = filterMatchingAny(ownPaths(snapshot), union);
  return lists.map((patterns) => sortPaths(candidates.filter((path) => patterns.some((re) => re.test(path)))));
}

/** Each list of lists' patterns in one list, made once (`anyOf` keeps its alternation by that list). */
const unionOf = new WeakMap<readonly (readonly RegExp[])[], readonly RegExp[]>();


/** The text of a file in the snapshot, or `undefined` when it is absent or unreadable. */
export function readText(snapshot: Snapshot, path: string): string | undefined {
  return snapshot.read(path)?.text;
}

export interface Heading {
  /** 1-based line of the heading text. */
  line: number;
  level: number;
  text: string;
}

/**
 * Headings of a Markdown, reStructuredText, AsciiDoc or Org document (the
 * format is taken from `path`'s extension), skipping fenced code blocks.
 * Whole-line bold text (`**Installation**`) counts as a heading because many
 * READMEs use it as one.
 */
export function headings(text: string, path = 'README.md'): Heading[] {
  const lines = text.split(/\r?\n/);
  const adoc = /\.(adoc|asciidoc)$/i.test(path);
  const org = /\.org$/i.test(path);
  const result: Heading[] = [];
  let fence: string | undefined;
  // YAML front matter (Hugging Face cards, static-site pages) is metadata, not headings.
  const frontMatterEnd = lines[0]?.trim() === '---' ? lines.findIndex((l, n) => n > 0 && /^(---|\.\.\.)\s*$/.test(l)) : -1;
  for (let i = frontMatterEnd + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMark) {
      const mark = (fenceMark[1] as string)[0] as string;
      if (fence === undefined) fence = mark;
      else if (fence === mark) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const atx = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    const html = /^\s*<h([1-6])\b[^>]*>(.*?)(<\/h\1>)?\s*$/i.exec(line);
    const adocTitle = adoc ? /^(={1,6})\s+(\S.*)$/.exec(line) : null;
    const orgTitle = org ? /^(\*{1,6})\s+(\S.*)$/.exec(line) : null;
    const bold = /^\s*(\*\*|__)([^*_](?:(?!\*\*|__).)*)\1\s*:?\s*$/.exec(line);
    const next = lines[i + 1];
    if (atx) result.push({ line: i + 1, level: (atx[1] as string).length, text: atx[2] as string });
    else if (html) result.push({ line: i + 1, level: Number(html[1]), text: (html[2] as string).replace(/<[^>]*>/g, '') });
    else if (adocTitle) result.push({ line: i + 1, level: (adocTitle[1] as string).length, text: adocTitle[2] as string });
    else if (orgTitle) result.push({ line: i + 1, level: (orgTitle[1] as string).length, text: orgTitle[2] as string });
    else if (bold) result.push({ line: i + 1, level: 6, text: bold[2] as string });
    else if (next !== undefined && /^\s*([=\-~^"'`#*+])\1{2,}\s*$/.test(next) && /\S/.test(line) && !/^\s*([-*+|>]|\d+\.)\s/.test(line) && !/^\s*([=\-~^"'`#*+])\1{2,}\s*$/.test(line)) {
      // Setext (Markdown) or reStructuredText underline.
      result.push({ line: i + 1, level: next.trim().startsWith('=') ? 1 : 2, text: line.trim() });
      i++;
    }
  }
  return result.map((h) => ({ ...h, text: h.text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim() }));
}

/** Evidence for a line of a file (or the whole file when no line is known). */
export function fileEvidence(path: string, found?: { line: number; excerpt?: string }): Evidence {
  if (!found) return { kind: 'file', path };
  return found.excerpt !== undefined ? { kind: 'file', path, line: found.line, excerpt: found.excerpt } : { kind: 'file', path, line: found.line };
}

/**
 * A sentence given where a link was asked for (registry answers: "W3C VC (our planters are identified by crypto
 * wallet addresses…)"): four words or more, with no folder separator and no file extension, is no path.
 */
export function isDescriptionNotLink(link: string): boolean {
  const text = link.trim();
  return text.split(/\s+/).length >= 4 && !/[/\\]/.test(text) && !/\.[a-z0-9]{1,5}$/i.test(text);
}

const PROSE_REASON = 'is a description, not a link to the evidence (a URL or a repository path)';

/** Declared evidence links that resolve to nothing in the candidate, each with its declaration key. */
export function unresolvedLinks(links: readonly string[] | undefined, key: string, snapshot: Snapshot): { link: string; key: string; reason: string }[] {
  const result: { link: string; key: string; reason: string }[] = [];
  // Without repository files (a declaration-only candidate) a path can be neither found nor ruled out.
  const missingReason = hasRepositoryFiles(snapshot) ? 'is not a file or folder of the repository' : 'is a repository path, which cannot be checked without the repository (give a URL)';
  (links ?? []).forEach((link, index) => {
    const check = sortEvidenceLinks([link], snapshot);
    if (check.missing.length > 0) result.push({ link, key: `${key}[${index}]`, reason: isDescriptionNotLink(link) ? PROSE_REASON : missingReason });
    else if (check.outside.length > 0) result.push({ link, key: `${key}[${index}]`, reason: 'points outside the repository and is never read' });
  });
  return result;
}

/** The message of a declared evidence link that resolves to nothing, for `unresolvedLinkGaps` (messageId `linkNotFound`). */
export const LINK_NOT_FOUND = 'The declared evidence {link} {reason}: fix it in `{key}`.';

/** One gap (messageId `linkNotFound`) per declared evidence link that is missing from the candidate or points outside it. */
export function unresolvedLinkGaps(links: readonly string[] | undefined, key: string, snapshot: Snapshot, declaration: DeclarationView): RuleOutcome[] {
  return unresolvedLinks(links, key, snapshot).map((bad) => ({ status: 'gap', messageId: 'linkNotFound', data: bad, evidence: [declared(declaration, bad.key)] }));
}

/** The entries of a declared list that are real answers (not empty, not "N/A", "TBD"…). */
export function answeredEntries(list: readonly string[] | undefined): string[] {
  return (list ?? []).filter((entry) => isAnswered(entry)).map((entry) => entry.trim());
}

/** `a, b and c` for messages. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}
