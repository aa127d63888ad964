/**
 * The reference index of licence texts: every licence of the SPDX License
 * List (`spdx-license-list/full`), normalised once at build time
 * (`scripts/build-license-index.mjs` → `dist/license-index.json` and
 * `dist/license-index.bin`) so that a check only reads it.
 *
 * Layout, chosen for load time: the JSON holds one vocabulary string and the
 * entries; the word ids of all texts (then of each text's distinct words,
 * sorted) are the .bin file, little-endian 16- or 32-bit integers, used as
 * read, followed by the vocabulary's lookup table (`Vocabulary`), also used
 * as read. Loading is a parse of 0.3 MB of JSON and one read; no text is
 * normalised at start (a base64 block inside the JSON, as before, cost a
 * UTF-8 decode of 2 MB, its parse and a base64 decode: about 15 ms more).
 *
 * Why dist/ and not a committed file: the index is derived data (4–5 MB) from
 * a development dependency; dist/ is what the package ships, `npm run build`
 * and `npm test` regenerate it, and keeping it out of git keeps a licence-list
 * update a one-line dependency bump. When it is absent (tests run straight
 * from the TypeScript sources) it is built in memory from `spdx-license-list`,
 * which is there in every development checkout.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeLicenseText, PLACEHOLDER } from './normalize.js';

/** Bump when the index layout or how reference texts are prepared here (optional passages, cuts) changes. */
export const INDEX_FORMAT = 5;
export const INDEX_FILE_NAME = 'license-index.json';
/** The word ids, beside the JSON. */
export const INDEX_TOKENS_FILE_NAME = 'license-index.bin';

/** One reference licence (or several SPDX ids sharing one text). */
export interface IndexEntry {
  /** The id reported for this text. */
  id: string;
  /** Every SPDX id with exactly this text (`GPL-3.0-only`, `GPL-3.0-or-later`). */
  ids: string[];
  name: string;
  url?: string;
  osiApproved: boolean;
  /** Offset and length of the text's word ids in `IndexFile.tokens`. */
  start: number;
  length: number;
  /** Offset and length of its distinct word ids, sorted. */
  uniqueStart: number;
  uniqueLength: number;
  /** `hashWordIds` of its word ids: a copy of the text word for word is found by this, without matching. */
  hash: number;
  /**
   * Word ranges [from, to) a copy may leave out, as SPDX templates mark them
   * optional: what follows "END OF TERMS AND CONDITIONS" (how-to-apply
   * appendices), Creative Commons' disclaimers and trailers.
   */
  optional?: [number, number][];
  /**
   * How many words at the start are the licence document's own title and notice, which a copy may leave out: the
   * GNU licences open with their title, the FSF's copyright and "Everyone is permitted to copy and distribute
   * verbatim copies of this license document, but changing it is not allowed", which license the document, not
   * the work. What a file puts in their place is still judged.
   */
  title?: number;
}

/** The file written at build time. */
export interface IndexFile {
  format: number;
  /** Where the texts came from, e.g. `spdx-license-list 6.12.0`. */
  source: string;
  /** What the normaliser makes of a probe text: an index built by another normaliser is stale. */
  normalizer: string;
  builtAt: string;
  vocabulary: string;
  /** Bytes per word id: 2 or 4. */
  width: 2 | 4;
  /** How many word ids the .bin file holds (little-endian, `width` bytes each). */
  tokenCount: number;
  /**
   * Where the vocabulary's tables are in the .bin file: `starts` then `slots` (little-endian unsigned 32-bit integers) from
   * byte `offset`, each that many integers long.
   */
  vocabularyTables: { offset: number; starts: number; slots: number };
  entries: IndexEntry[];
}

/** What the build writes: the JSON file and the word ids of the .bin file. */
export interface BuiltIndex {
  file: IndexFile;
  tokens: Buffer;
}

/**
 * A text exercising every normalisation rule; its normalised form stands for
 * the normaliser's behaviour, so an index built by a different one is noticed
 * at load time without re-reading the SPDX list.
 */
const PROBE = [
  '# The MIT Licence (MIT)\r\n', 'Copyright (c) 2016-2024 by Example &amp; Co and a very long list of contributors that wraps\n',
  'onto the next line.\nAll rights reserved.\n\n', '* **(a)** “Non-commercial” sub-license per cent, see <https://www.example.org/a_b/>.\n',
  '1. [text](http://x.org) ![img](y.png) [yyyy] <name of author> organisation licences 2.0 © (c) Version 3.\n',
  '<p>html</p> END OF TERMS AND CONDITIONS copyright owner wiki.creativecommons.org/Considerations_for_licensors\n',
  'conditions added under section\n7.  This requirement with two steps:\n(1) assert, and (2) offer\n',
].join('');

export function normalizerFingerprint(): string {
  const { words } = normalizeLicenseText(PROBE);
  return words.join(' ');
}

/** FNV-1a over word ids: the key of a text's exact copies. */
export function hashWordIds(ids: ArrayLike<number>): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ids.length; i++) hash = Math.imul(hash ^ (ids[i] as number), 0x01000193) >>> 0;
  return hash;
}

/**
 * The index's words, looked up in the one vocabulary string itself: an open-addressing table of FNV-1a hashes
 * over the string's words. Splitting the string into 10,635 strings and filling a Map with them took 20–28 ms of
 * every check's start on a two-core machine; making this table in one pass took about 7 (issue 13), so the build
 * makes it and the .bin file carries it (`tables`), used as read.
 */
/** A `Vocabulary`'s lookup: where each word starts in the string, and the hash table of ids (see the class). */
export interface VocabularyTables {
  starts: Uint32Array;
  slots: Uint32Array;
}

export class Vocabulary {
  /** How many words; ids are 0 to size - 1, in the order of the string. */
  readonly size: number;
  /** Where each word starts in `text`, and one more: the end of the last word plus one. */
  private readonly starts: Uint32Array;
  /** id + 1 at each word's slot; 0 is free. */
  private readonly slots: Uint32Array;
  private readonly mask: number;

  /** `tables`: what `tables` gave for the same text; when their sizes do not fit it, they are made again. */
  constructor(private readonly text: string, tables?: VocabularyTables) {
    let size = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) size++;
    let capacity = 16;
    while (capacity < size * 2) capacity *= 2;
    this.size = size;
    this.mask = capacity - 1;
    if (tables && tables.starts.length === size + 1 && tables.slots.length === capacity && tables.starts[size] === text.length + 1) {
      this.starts = tables.starts;
      this.slots = tables.slots;
      return;
    }
    this.starts = new Uint32Array(size + 1);
    this.slots = new Uint32Array(capacity);
    let id = 0;
    let hash = FNV_OFFSET;
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      const char = i < text.length ? text.charCodeAt(i) : NEWLINE;
      if (char !== NEWLINE) {
        hash = Math.imul(hash ^ char, FNV_PRIME);
        continue;
      }
      this.starts[id] = start;
      let slot = hash & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
      id++;
      hash = FNV_OFFSET;
      start = i + 1;
    }
    this.starts[size] = text.length + 1;
  }

  /** The id of `word`, or undefined when the index has no such word. */
  idOf(word: string): number | undefined {
    let hash = FNV_OFFSET;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return undefined;
      const start = this.starts[entry - 1] as number;
      if ((this.starts[entry] as number) - 1 - start === word.length && this.text.startsWith(word, start)) return entry - 1;
    }
  }

  /** The lookup tables, for the build to store beside the word ids. */
  tables(): VocabularyTables {
    return { starts: this.starts, slots: this.slots };
  }

  /** The word with id `id` ('' for an id out of range). */
  wordAt(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) return '';
    return this.text.slice(this.starts[id], (this.starts[id + 1] as number) - 1);
  }
}

const NEWLINE = 10;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The index ready for matching. */
export interface LicenseIndex {
  source: string;
  entries: readonly IndexEntry[];
  /** Word ↔ id. */
  vocabulary: Vocabulary;
  tokens: Uint16Array | Uint32Array;
  /** Id of `PLACEHOLDER`, or -1. */
  placeholderId: number;
  /** Entries by `hash`. */
  byHash: ReadonlyMap<number, readonly IndexEntry[]>;
  /** How long loading took and where it came from, for the benchmark. */
  loadedFrom: 'file' | 'built-in-memory';
  loadMs: number;
}

export interface ReferenceLicense {
  name: string;
  url?: string;
  osiApproved: boolean;
  licenseText: string;
}

/**
 * Optional passages, as word sequences: from `start` to just before `end`
 * (or to the end of the text). `through` keeps the start phrase itself
 * required (only what follows it is optional).
 */
const OPTIONAL_PASSAGES: readonly { ids: RegExp; start: string; end?: readonly string[]; keepStart?: boolean }[] = [
  { ids: /./, start: 'end of terms and conditions', keepStart: true },
  { ids: /^GFDL/, start: 'addendum how to use this license for your documents' },
  // Creative Commons: the "not a law firm" disclaimer, the "Using Creative Commons Public Licenses"
  // considerations, and the closing notice about Creative Commons itself.
  { ids: /^CC/, start: 'creative commons corporation', end: ['statement of purpose', 'using creative commons public licenses', 'license the work as defined', 'license the work', 'license by exercising', 'creative commons attribution'] },
  { ids: /^CC/, start: 'using creative commons public licenses', end: ['creative commons attribution'] },
  { ids: /^CC/, start: 'creative commons is not a party to its public licenses' },
  { ids: /^CC/, start: 'creative commons notice creative commons is not a party' },
  { ids: /^CC/, start: 'creative commons may be contacted at' },
];

/**
 * Where the GNU licences' opening (title, the FSF's copyright, the notice licensing the document itself) ends: the
 * first of these phrases. SPDX's matching guidelines let a copy omit a licence's title; GitHub's licensee finds
 * GPL-3.0 in a file that starts at "Preamble" (98 % similar), as ottaa-project's and preptime-analytics' do.
 */
const TITLE_ENDS: readonly { ids: RegExp; ends: readonly string[] }[] = [
  { ids: /^(A|L)?GPL-|^GFDL-/, ends: ['preamble', 'this version of the gnu lesser general public license incorporates'] },
];
/** A title and notice longer than this is not one: the phrase that ends it was found inside the licence's terms. */
const TITLE_MAX_WORDS = 60;

function titleLength(id: string, words: readonly string[]): number | undefined {
  for (const { ids, ends } of TITLE_ENDS) {
    if (!ids.test(id)) continue;
    for (const end of ends) {
      const at = findPhrase(words, end.split(' '), 1);
      if (at > 0 && at <= TITLE_MAX_WORDS) return at;
    }
  }
  return undefined;
}

function optionalRanges(id: string, words: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const passage of OPTIONAL_PASSAGES) {
    if (!passage.ids.test(id)) continue;
    const start = findPhrase(words, passage.start.split(' '), 0);
    if (start < 0) continue;
    const from = passage.keepStart ? start + passage.start.split(' ').length : start;
    let to = words.length;
    for (const end of passage.end ?? []) {
      const at = findPhrase(words, end.split(' '), from + 1);
      if (at >= 0) { to = at; break; }
    }
    if (passage.end && to === words.length) continue;
    if (to > from) ranges.push([from, to]);
  }
  return ranges.sort((x, y) => x[0] - y[0]);
}

function findPhrase(words: readonly string[], phrase: readonly string[], from: number): number {
  outer: for (let i = from; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Builds the index from the SPDX list. Deprecated ids are left out (their
 * texts are those of their successors), except that the GNU licences, whose
 * `-only` and `-or-later` ids share one text, are reported by their bare
 * family id (`GPL-3.0`): the licence text alone cannot say which was meant.
 */
export function buildIndexFile(list: Readonly<Record<string, ReferenceLicense>>, deprecated: ReadonlySet<string>, source: string): BuiltIndex {
  const vocabulary = new Map<string, number>();
  const idOf = (word: string): number => {
    let id = vocabulary.get(word);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(word, id);
    }
    return id;
  };
  const groups = new Map<string, { ids: string[]; license: ReferenceLicense; words: number[]; optional: [number, number][]; title: number | undefined }>();
  for (const id of Object.keys(list).sort()) {
    const license = list[id] as ReferenceLicense;
    if (deprecated.has(id) || id.endsWith('+') || typeof license.licenseText !== 'string') continue;
    const normalized = normalizeLicenseText(ownText(id, license.licenseText)).words;
    if (normalized.length === 0) continue;
    const words = normalized.map(idOf);
    const key = words.join(',');
    const group = groups.get(key);
    if (group) group.ids.push(id);
    else groups.set(key, { ids: [id], license, words, optional: optionalRanges(id, normalized), title: titleLength(id, normalized) });
  }
  const chunks: number[][] = [];
  let offset = 0;
  const entries: IndexEntry[] = [];
  for (const { ids, license, words, optional, title } of groups.values()) {
    const unique = [...new Set(words)].sort((a, b) => a - b);
    const start = offset;
    chunks.push(words, unique);
    offset += words.length + unique.length;
    const entry: IndexEntry = {
      id: reportedId(ids),
      ids,
      name: reportedName(ids, license.name),
      ...(license.url ? { url: license.url } : {}),
      osiApproved: ids.some((id) => list[id]?.osiApproved === true),
      start,
      length: words.length,
      uniqueStart: start + words.length,
      uniqueLength: unique.length,
      hash: hashWordIds(words),
    };
    if (optional.length > 0) entry.optional = optional;
    if (title !== undefined) entry.title = title;
    entries.push(entry);
  }
  const width = vocabulary.size < 0xffff ? 2 : 4;
  const words = [...vocabulary.keys()].join('\n');
  const tables = new Vocabulary(words).tables();
  // The tables start at a multiple of 4 bytes, so that they can be viewed as 32-bit integers where they are.
  const tablesOffset = Math.ceil((offset * width) / 4) * 4;
  const buffer = Buffer.alloc(tablesOffset + 4 * (tables.starts.length + tables.slots.length));
  let at = 0;
  for (const chunk of chunks) {
    for (const value of chunk) {
      if (width === 2) buffer.writeUInt16LE(value, at);
      else buffer.writeUInt32LE(value, at);
      at += width;
    }
  }
  at = tablesOffset;
  for (const table of [tables.starts, tables.slots]) {
    for (const value of table) {
      buffer.writeUInt32LE(value, at);
      at += 4;
    }
  }
  const file: IndexFile = {
    format: INDEX_FORMAT,
    source,
    normalizer: normalizerFingerprint(),
    builtAt: new Date().toISOString(),
    vocabulary: words,
    width,
    tokenCount: offset,
    vocabularyTables: { offset: tablesOffset, starts: tables.starts.length, slots: tables.slots.length },
    entries,
  };
  return { file, tokens: buffer };
}

/**
 * SPDX's LGPL-3.0 text carries the whole GPL-3.0 after it (the LGPL is a set
 * of additional permissions on top of the GPL). Indexed alone, it matches the
 * usual COPYING.LESSER; a file holding both is recognised as LGPL + GPL.
 */
function ownText(id: string, text: string): string {
  if (/^LGPL-3\.0/.test(id)) {
    const embedded = /\n\s*GNU GENERAL PUBLIC LICENSE\s*\n\s*Version 3, 29 June 2007/.exec(text);
    if (embedded) return text.slice(0, embedded.index);
  }
  return text;
}

function reportedId(ids: readonly string[]): string {
  if (ids.length === 1) return ids[0] as string;
  const only = ids.filter((id) => id.endsWith('-only')).sort((x, y) => x.length - y.length)[0];
  if (only && ids.some((id) => id === only.replace(/-only$/, '-or-later'))) return only.replace(/-only$/, '');
  return ids[0] as string;
}

function reportedName(ids: readonly string[], name: string): string {
  return ids.length > 1 && ids.some((id) => id.endsWith('-or-later')) ? name.replace(/\s+only$/i, '') : name;
}

/** Turns the files' form into the matching form. */
export function openIndex(file: IndexFile, tokenBytes: Uint8Array, loadedFrom: LicenseIndex['loadedFrom'], loadMs = 0): LicenseIndex {
  if (file.format !== INDEX_FORMAT) throw new Error(`licence index format ${file.format}, expected ${INDEX_FORMAT}: rebuild it (npm run build)`);
  const tables = file.vocabularyTables;
  const expected = tables.offset + 4 * (tables.starts + tables.slots);
  if (tokenBytes.byteLength !== expected || tables.offset < file.tokenCount * file.width) throw new Error(`licence index: ${INDEX_TOKENS_FILE_NAME} holds ${tokenBytes.byteLength} bytes, expected ${expected}: rebuild it (npm run build)`);
  const vocabulary = new Vocabulary(file.vocabulary, {
    starts: wordIdArray(tokenBytes.subarray(tables.offset, tables.offset + 4 * tables.starts), 4, tables.starts) as Uint32Array,
    slots: wordIdArray(tokenBytes.subarray(tables.offset + 4 * tables.starts, expected), 4, tables.slots) as Uint32Array,
  });
  const tokens = wordIdArray(tokenBytes, file.width, file.tokenCount);
  const byHash = new Map<number, IndexEntry[]>();
  for (const entry of file.entries) {
    const same = byHash.get(entry.hash);
    if (same) same.push(entry);
    else byHash.set(entry.hash, [entry]);
  }
  return { source: file.source, entries: file.entries, vocabulary, tokens, placeholderId: vocabulary.idOf(PLACEHOLDER) ?? -1, byHash, loadedFrom, loadMs };
}

/**
 * Little-endian word ids as a typed array: the bytes themselves when the machine is little-endian and they are
 * aligned (a typed array view needs an offset that is a multiple of its width), else a decoded copy.
 */
function wordIdArray(bytes: Uint8Array, width: 2 | 4, count: number): Uint16Array | Uint32Array {
  if (os.endianness() === 'LE' && bytes.byteOffset % width === 0) {
    return width === 2 ? new Uint16Array(bytes.buffer, bytes.byteOffset, count) : new Uint32Array(bytes.buffer, bytes.byteOffset, count);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ids = width === 2 ? new Uint16Array(count) : new Uint32Array(count);
  for (let i = 0; i < count; i++) ids[i] = width === 2 ? view.getUint16(i * 2, true) : view.getUint32(i * 4, true);
  return ids;
}

/** Where the built index is looked for: beside the compiled code (dist/), or dist/ of a checkout when run from sources. */
function indexLocations(): string[] {
  return [new URL(`../../${INDEX_FILE_NAME}`, import.meta.url), new URL(`../../dist/${INDEX_FILE_NAME}`, import.meta.url)].map((u) => fileURLToPath(u));
}

let cached: LicenseIndex | undefined;

/**
 * `normalizerFingerprint()` as the bundle's build computed it (scripts/build-bundle.mjs defines it), so that the
 * command line compares the index with a string instead of normalising the probe text at every start (4–6 ms of
 * cold code). Undefined when running the compiled modules or the sources, which normalise the probe.
 */
declare const __DPG_CHECK_NORMALIZER__: string | undefined;
const bundledNormalizer = typeof __DPG_CHECK_NORMALIZER__ === 'string' ? __DPG_CHECK_NORMALIZER__ : undefined;

/**
 * The index, loaded once per process. Reads the built file; when there is
 * none, or it does not match this code's normalisation (a development
 * checkout whose dist/ is older than its sources), builds it in memory from
 * `spdx-license-list`.
 */
export function loadLicenseIndex(): LicenseIndex {
  if (cached) return cached;
  const started = performance.now();
  for (const location of indexLocations()) {
    if (!fs.existsSync(location)) continue;
    try {
      const file = JSON.parse(fs.readFileSync(location, 'utf8')) as IndexFile;
      if (file.format !== INDEX_FORMAT || file.normalizer !== (bundledNormalizer ?? normalizerFingerprint())) break;
      const tokens = fs.readFileSync(path.join(path.dirname(location), INDEX_TOKENS_FILE_NAME));
      cached = { ...openIndex(file, tokens, 'file'), loadMs: performance.now() - started };
      return cached;
    } catch {
      // An unreadable file: fall through to building in memory.
    }
  }
  const reference = referenceList();
  if (!reference) throw new Error(`the licence index (${INDEX_FILE_NAME}) is missing: run \`npm run build\``);
  const built = buildIndexFile(reference.list, reference.deprecated, reference.source);
  const index = openIndex(built.file, built.tokens, 'built-in-memory');
  cached = { ...index, loadMs: performance.now() - started };
  return cached;
}

/** For tests and the benchmark: forget the loaded index. */
export function resetLicenseIndex(): void {
  cached = undefined;
}

/** The SPDX list from the development dependency, when installed. */
export function referenceList(): { list: Record<string, ReferenceLicense>; deprecated: Set<string>; source: string } | undefined {
  const require = createRequire(import.meta.url);
  try {
    const list = require('spdx-license-list/full') as Record<string, ReferenceLicense>;
    const version = (require('spdx-license-list/package.json') as { version?: string }).version ?? 'unknown';
    const deprecated = new Set(require('spdx-license-ids/deprecated.json') as string[]);
    return { list, deprecated, source: `spdx-license-list ${version}` };
  } catch {
    return undefined;
  }
}
