/**
 * Licence text normalisation, after the SPDX License List Matching Guidelines
 * (https://spdx.github.io/spdx-spec/v2.3/license-matching-guidelines-and-templates/):
 * case, whitespace, punctuation, quote and dash variants, bullets and list
 * numbering, markdown and HTML markup, copyright notices, `<year>` /
 * `[name of copyright owner]` placeholders, varietal spellings
 * ("licence"/"license"), `http`/`https`. The same function prepares the SPDX
 * reference texts at build time and a candidate's file at run time, so both
 * sides are compared in exactly the same form.
 *
 * The result is a list of words, each with the line it came from, so a
 * difference can be shown where it is in the original file.
 */

/** Token standing for a placeholder (`<year>`, `[name of copyright owner]`): matches any short run of words. */
export const PLACEHOLDER = '\u0001var';

export interface NormalizedText {
  /** Words, lower case, spelling-normalised; placeholders become `PLACEHOLDER`. */
  words: string[];
  /** 1-based line in the original text of each word. */
  lines: number[];
}

/**
 * SPDX "equivalent words" (matching guideline 8): one spelling per pair. The
 * list follows SPDX's equivalentwords.txt for the words that occur in licence
 * texts; both sides map to the same spelling, so the direction does not matter.
 */
const EQUIVALENT_WORDS: ReadonlyMap<string, string> = new Map(Object.entries({
  acknowledgement: 'acknowledgment', acknowledgements: 'acknowledgments',
  analogue: 'analog', analyse: 'analyze', artefact: 'artifact', artefacts: 'artifacts',
  authorisation: 'authorization', authorised: 'authorized', calibre: 'caliber', cancelled: 'canceled',
  capitalisations: 'capitalizations', catalogue: 'catalog', categorise: 'categorize', centre: 'center',
  emphasised: 'emphasized', favour: 'favor', favourite: 'favorite', fulfil: 'fulfill', fulfilment: 'fulfillment',
  initialise: 'initialize', judgement: 'judgment', labelling: 'labeling', labour: 'labor',
  licence: 'license', licences: 'licenses', licenced: 'licensed', licencing: 'licensing', licencee: 'licensee', licencor: 'licensor',
  maximise: 'maximize', modelled: 'modeled', modelling: 'modeling', offence: 'offense', optimise: 'optimize',
  organisation: 'organization', organisations: 'organizations', organise: 'organize', practise: 'practice',
  programme: 'program', realise: 'realize', recognise: 'recognize', signalling: 'signaling',
  utilisation: 'utilization', whilst: 'while', wilful: 'willful', https: 'http',
}));

/**
 * Words that are one word spelled apart ("non-commercial", "sub license", "per cent"), joined after splitting (they
 * may straddle a line break). Maps, like EQUIVALENT_WORDS: a text's words are looked up, and in a plain object
 * "constructor" would find Object's own.
 */
const JOINED: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(Object.entries({
  non: { commercial: 'noncommercial', commercially: 'noncommercially', infringement: 'noninfringement', exclusive: 'nonexclusive', profit: 'nonprofit' },
  sub: { license: 'sublicense', licenses: 'sublicenses', licensable: 'sublicensable', licensing: 'sublicensing', licence: 'sublicense' },
  per: { cent: 'percent' },
  copyright: { owner: 'holder', owners: 'holders' },
}).map(([word, next]) => [word, new Map(Object.entries(next))]));

function joinSplitWords(words: string[], lines: number[]): void {
  let out = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    const joined = next !== undefined ? JOINED.get(word)?.get(next) : undefined;
    if (joined !== undefined && word === 'copyright') {
      // "copyright owner" → "copyright holder": keep both words.
      words[out] = word; lines[out] = lines[i] as number; out++;
      words[out] = joined; lines[out] = lines[i + 1] as number; out++;
      i++;
      continue;
    }
    if (joined !== undefined) {
      words[out] = joined; lines[out] = lines[i] as number; out++;
      i++;
      continue;
    }
    words[out] = word; lines[out] = lines[i] as number; out++;
  }
  words.length = out;
  lines.length = out;
}

/** A URL: with a scheme or `www.`, or a bare domain of a common top-level domain with a path. */
const URL = /(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|edu|gov|int|io|info|eu)\/[^\s<>"'()[\]{}]*/i;
/** A URL (one word: scheme, `www.` and trailing punctuation dropped), a placeholder, a version number, or a word. */
const MARKUP_OR_URL = new RegExp(`(${URL.source})|[*_\`~]+`, 'gi');
const TOKEN = new RegExp(`(${URL.source})|\u0001var|\\d+(?:\\.\\d+)+|[\\p{L}\\p{N}]+`, 'giu');

function normalizeUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/[.,;:!?/]+$/, '').replace(/\/(index\.html?)?$/, '');
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', mdash: '-', ndash: '-', rsquo: "'", lsquo: "'", ldquo: '"', rdquo: '"', hellip: '...', sect: '§' };

/** Looks like HTML: a doctype or several block tags. Only then are tags removed (a plain text may quote `<name>`). */
export function looksLikeHtml(text: string): boolean {
  return /<!doctype html|<html[\s>]/i.test(text) || (text.match(/<\/?(p|br|div|h[1-6]|li|ul|ol|span|a|pre|b|strong|em)\b[^>]*>/gi)?.length ?? 0) >= 3;
}

/** Tags out, keeping the line count. */
function stripHtml(text: string): string {
  return text
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, (m) => m.replace(/[^\n]/g, ''))
    .replace(/<[^>]*>/g, (m) => m.replace(/[^\n]/g, '') || ' ');
}

/** `&amp;`, `&#169;`… decoded (markdown files use them too). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      const entity = name.toLowerCase();
      return Object.hasOwn(HTML_ENTITIES, entity) ? HTML_ENTITIES[entity] as string : whole;
  });
}

/** Markdown out, line by line: links keep their text, images and link definitions go, heading marks go. */
function stripMarkdownLine(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\((?:<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s{0,3}\[[^\]]+\]:\s*\S+.*$/, '')
    .replace(/^\s{0,3}#{1,6}(\s+|$)/, '')
    .replace(/\s#+\s*$/, '')
    .replace(/^\s*(>\s*)+/, '')
    // Emphasis marks out, but not inside URLs (`Considerations_for_licensors`).
    .replace(MARKUP_OR_URL, (whole, url: string | undefined) => url ?? ' ');
}

/** A line that starts a copyright notice (matching guideline 10: copyright notices are not licence text). */
const COPYRIGHT_LINE = /^\s*(?:copyright\s*(?:\(c\)|©|\d{4}|\[|<|by\b|:)|\(c\)\s*(?:\d{4}|copyright\b)|©|portions\s+copyright\b)/i;
const RIGHTS_RESERVED = /^\s*all\s+rights\s+reserved\.?\s*$/i;

/** List markers and numbering at the start of a line: `*`, `-`, `1.`, `1.2`, `(a)`, `a)`, `iv.` (matching guideline 6). */
const LIST_MARKER = /^\s*(?:[-*+•·◦▪‣]\s+|(?:\(?\d+(?:\.\d+)*[.)]|\(\d+\)|\(?[a-z]\)|[a-z]\.|\(?[ivx]{1,5}[.)]|\([ivx]{1,5}\))(?=\s))/i;
/**
 * A line ending in the word that a section number follows: a number starting the next line continues the sentence
 * ("conditions added under section⏎7.  This requirement…", as gnu.org wraps the GPL-3.0, AGPL-3.0 and LGPL), so it
 * is the reference's "section 7", not a list marker to drop. Without this, every verbatim copy of those texts as
 * gnu.org wraps them differed from the SPDX text by one word and was aligned in full instead of found by its hash.
 */
const NUMBER_FOLLOWS = /\b(?:sections?|subsections?|paragraphs?|clauses?|articles?)\s*$/i;
const NUMBER_MARKER = /^\s*\d+(?:\.\d+)*[.)](?=\s)/;
/**
 * `(1)` starting a line that goes on to `(2)`, or `(2)` starting the line after one holding `(1)` mid-line: an enumeration
 * within a sentence ("protect your rights with two steps:⏎(1) assert copyright on the software, and (2) offer
 * you this License", as gnu.org wraps the GPL-3.0 and GPL-2.0), whose numbers the reference has mid-line.
 */
const PARENTHESISED_NUMBER = /^\s*\((\d+)\)(?=\s)/;

function isListMarker(line: string, before: string): boolean {
  if (NUMBER_FOLLOWS.test(before) && NUMBER_MARKER.test(line)) return false;
  const number = PARENTHESISED_NUMBER.exec(line);
  if (number) {
    const n = Number(number[1]);
    if (line.includes(`(${n + 1})`, number[0].length)) return false;
    // Mid-line in the line before: a list whose item n-1 starts its own line is a list.
    const previous = n > 1 ? before.indexOf(`(${n - 1})`) : -1;
    if (previous > 0 && before.slice(0, previous).trim() !== '') return false;
  }
  return true;
}

/** `<year>`, `<copyright holders>`, `[yyyy]`, `[name of copyright owner]`: placeholders of the reference texts. */
const PLACEHOLDERS = /<\s*[a-z][a-z ,'_-]{0,40}>|\[\s*[a-z][a-z ,'_-]{0,40}\]/gi;

/** Normalises a licence text into words (see the module comment). */
export function normalizeLicenseText(raw: string): NormalizedText {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (looksLikeHtml(text)) text = stripHtml(text);
  text = decodeEntities(text);
  const words: string[] = [];
  const lines: number[] = [];
  const sourceLines = text.split('\n');
  let inCopyright = false;
  let previousOpen = false;
  let previousLine = '';
  for (let index = 0; index < sourceLines.length; index++) {
    let line = stripMarkdownLine(sourceLines[index] as string);
    const before = previousLine;
    previousLine = line;
    // A copyright block: the notice line, "All rights reserved", and the wrapped
    // continuation of a notice that did not end its sentence.
    if (COPYRIGHT_LINE.test(line) || RIGHTS_RESERVED.test(line)) {
      inCopyright = true;
      previousOpen = !/[.:;]\s*$/.test(line) && line.trim().length > 50;
      continue;
    }
    if (inCopyright) {
      const trimmed = line.trim();
      if (trimmed === '') { inCopyright = false; previousOpen = false; }
      else if (previousOpen && trimmed.length < 120 && /^[a-z(&,]|^and\b/i.test(trimmed) && !/^(permission|redistribution|this|the|licensed|you|everyone)\b/i.test(trimmed)) {
        previousOpen = !/[.:;]\s*$/.test(trimmed);
        continue;
      } else {
        inCopyright = false;
        previousOpen = false;
      }
    }
    if (isListMarker(line, before)) line = line.replace(LIST_MARKER, ' ');
    line = line.toLowerCase();
    line = line.replace(PLACEHOLDERS, ` ${PLACEHOLDER} `).replace(/\(c\)|©/g, ' ');
    for (const match of line.matchAll(TOKEN)) {
      const word = match[1] !== undefined ? normalizeUrl(match[1]) : match[0];
      words.push(EQUIVALENT_WORDS.get(word) ?? word);
      lines.push(index + 1);
    }
  }
  joinSplitWords(words, lines);
  return { words, lines };
}

/** Words that change what a licence allows when added or removed, even in a short edit. */
export const RESTRICTING_WORDS: ReadonlySet<string> = new Set([
  'not', 'no', 'nor', 'never', 'non', 'noncommercial', 'commercial', 'commercially', 'except', 'excluding', 'exclude', 'excluded',
  'unless', 'only', 'solely', 'exclusively', 'prohibit', 'prohibited', 'prohibits', 'forbid', 'forbidden', 'forbids',
  'restrict', 'restricted', 'restriction', 'restrictions', 'revocable', 'revoke', 'revoked', 'terminate', 'terminates',
  'military', 'evil', 'harm', 'weapon', 'weapons', 'nuclear', 'fee', 'fees', 'royalty', 'royalties', 'pay', 'payment',
  'must', 'shall', 'without', 'cannot', 'may', 'sell', 'sale', 'profit', 'profits', 'government', 'governmental',
]);

/** A version number token (`2.0`, `3`), whose change makes another licence. */
export function isVersionToken(word: string): boolean {
  return /^\d+(\.\d+)*$/.test(word) && word.length <= 6;
}
