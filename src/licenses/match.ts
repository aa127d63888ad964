/**
 * Identifies licences from their text against the whole SPDX License List.
 *
 * 1. Normalise the text (`normalize.ts`, the SPDX matching guidelines). A
 *    word-for-word copy of a reference text is found by its hash and is that
 *    licence; anything else goes on.
 * 2. Shortlist: Dice coefficient of distinct words against every reference
 *    text (one pass over the prepared index), then bigram Dice on the best few.
 * 3. Guard: align the text word by word with each close candidate
 *    (`diff.ts`) and judge every difference. Placeholders, a changed name or a
 *    wrapped title are tolerated; an inserted or deleted run of words, or a
 *    short edit that adds or removes a restricting word ("not", "only",
 *    "commercial"…) or changes a version number, makes the verdict
 *    "probably X, review", with the differences shown. Deciding by the
 *    alignment rather than by a score is what separates near twins (BSD-2 /
 *    BSD-3 / their variants, MIT / MIT-0, GPL-3.0 / SSPL): the twin that
 *    aligns without an intolerable difference wins.
 * 4. What is left outside the matched span, if long, is identified again
 *    (a COPYING.LESSER that embeds the GPL; two licences in one file).
 */
import { alignWords, type Hunk } from './diff.js';
import { hashWordIds, loadLicenseIndex, type IndexEntry, type LicenseIndex } from './license-index.js';
import { normalizeLicenseText, isVersionToken, PLACEHOLDER, RESTRICTING_WORDS } from './normalize.js';
import { namesIn } from './notice.js';

export interface Difference {
  kind: 'added' | 'removed' | 'changed';
  /** The file's words (added / changed), normalised. */
  text: string;
  /** The reference's words (removed / changed). */
  reference?: string;
  /** Line in the file where the difference is. */
  line: number;
  /** Text before (`start`) or after (`end`) the licence rather than inside it. */
  edge?: 'start' | 'end';
}

export interface TextMatch {
  /** SPDX id reported (for GNU texts the bare family id, e.g. `GPL-3.0`). */
  id: string;
  /** Every SPDX id with this text. */
  ids: string[];
  name: string;
  /** `match`: the licence, up to tolerated variations; `review`: probably it, with differences a person must judge. */
  verdict: 'match' | 'review';
  /** 0–1: aligned words over words compared, lowered for a review. */
  confidence: number;
  /** Differences that made it a review (empty for a match). */
  differences: Difference[];
  /** Lines of the file the licence text spans. */
  fromLine: number;
  toLine: number;
}

export interface IdentifyOptions {
  /** Words below which a text is not matched as a licence text (notices are another matter). */
  minWords?: number;
}

/** Fewest words of text worth matching (the shortest SPDX texts have about ten). */
const MIN_WORDS = 8;
/** Below this many words a text must match exactly: short texts leave no room to tell an edit from a licence. */
const SHORT_TEXT = 40;
/** Candidates taken from the word-set Dice pass. */
const SHORTLIST = 12;
/** Close candidates aligned in full. */
const ALIGNED = 5;
/** Below this bigram Dice a text is not "probably" a licence. */
const MIN_REVIEW_SCORE = 0.6;
/** A match scoring this high, ahead of the next candidate's bigram Dice by `CLEAR_LEAD`, ends the alignments. */
const NEAR_PERFECT = 0.99;
const CLEAR_LEAD = 0.05;
/** Inserted words identified again (a second licence in the file). */
const REMAINDER_WORDS = 80;
/** Words before such an insertion included when identifying it (a title and notice both licences share). */
const SHARED_HEADER_WORDS = 60;

/** Identifies the licence text(s) in a text. Best first; empty when nothing is close enough. */
export function identifyLicenseText(text: string, options: IdentifyOptions = {}): TextMatch[] {
  const index = loadLicenseIndex();
  const normalized = normalizeLicenseText(text);
  if (normalized.words.length < (options.minWords ?? MIN_WORDS)) return [];
  const ids = toIds(index, normalized.words);
  return exactCopy(index, ids, normalized.lines) ?? identifySegment(index, ids, normalized.words, normalized.lines, 0, ids.length, 0);
}

/**
 * A text that is a reference text word for word (after normalising): most licence files are verbatim copies, and
 * finding one by its hash skips the shortlist and the alignment, which give the same answer for it (a perfect
 * match, ranked first) at the cost of a pass over every reference text (a 5,000-word GNU licence: 20–30 ms cold).
 */
function exactCopy(index: LicenseIndex, ids: Int32Array, lines: readonly number[]): TextMatch[] | undefined {
  const entry = index.byHash.get(hashWordIds(ids))?.find((candidate) => candidate.length === ids.length && sameIds(index.tokens, candidate.start, ids));
  if (!entry) return undefined;
  return [{
    id: entry.id, ids: [...entry.ids], name: entry.name, verdict: 'match', confidence: 1, differences: [],
    fromLine: lines[0] ?? 1, toLine: lines[ids.length - 1] ?? 1,
  }];
}

function sameIds(tokens: ArrayLike<number>, start: number, ids: Int32Array): boolean {
  for (let i = 0; i < ids.length; i++) if (tokens[start + i] !== ids[i]) return false;
  return true;
}

/** Word ids in the index's vocabulary; unknown words get ids that match nothing. */
function toIds(index: LicenseIndex, words: readonly string[]): Int32Array {
  const ids = new Int32Array(words.length);
  const unknown = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    let id = index.vocabulary.idOf(word);
    if (id === undefined) {
      id = unknown.get(word);
      if (id === undefined) { id = -1 - unknown.size; unknown.set(word, id); }
    }
    ids[i] = id;
  }
  return ids;
}

interface Candidate { entry: IndexEntry; dice: number; bigram: number }

function identifySegment(index: LicenseIndex, ids: Int32Array, words: readonly string[], lines: readonly number[], from: number, to: number, depth: number): TextMatch[] {
  if (to - from < MIN_WORDS) return [];
  const segment = ids.subarray(from, to);
  const candidates = shortlist(index, segment);
  if (candidates.length === 0) return [];
  const best = candidates[0] as Candidate;
  const judged: Judged[] = [];
  let bestMatch = 0;
  let counts: SegmentWordCounts | undefined;
  for (let at = 0; at < Math.min(ALIGNED, candidates.length); at++) {
    const candidate = candidates[at] as Candidate;
    if (candidate.bigram < Math.max(MIN_REVIEW_SCORE * 0.8, best.bigram - 0.25)) break;
    // Behind a clean match, only a clean match scoring higher can win: a candidate that cannot score that high
    // is not aligned (on a CC-BY-SA-4.0 file, its NonCommercial twins, 8 ms each).
    if (bestMatch > 0 && scoreBound(index, candidate.entry, counts ??= new SegmentWordCounts(index, segment)) <= bestMatch) continue;
    const verdict = judge(index, candidate, segment, words, lines, from);
    if (verdict.verdict === 'match') bestMatch = Math.max(bestMatch, verdict.score);
    judged.push(verdict);
    // A perfect match (score 1, no difference) ranks first in the sort below, and a later candidate (no higher
    // bigram score) could only tie it, which the stable sort settles for this one: aligning the rest (the
    // -only/-or-later twins of a 5,000-word GPL) cannot change the answer.
    if (verdict.verdict === 'match' && verdict.score === 1) break;
    // A near-perfect match (a word of a title missing) wins too when the next candidate shares clearly fewer
    // word pairs: to beat it, that one would have to align better than 99 % of the words, and texts that close
    // share their pairs too. On an AGPL-3.0 file this skips aligning the GPL-3.0 and SSPL-1.0 in full.
    const next = candidates[at + 1];
    if (verdict.verdict === 'match' && verdict.score >= NEAR_PERFECT && (!next || next.bigram < candidate.bigram - CLEAR_LEAD)) break;
  }
  // A clean match beats any review; among reviews the licence the text differs from least (counting
  // reference words removed twice: "MIT plus a sentence" is MIT, not a licence whose words it lacks).
  judged.sort((x, y) => Number(y.verdict === 'match') - Number(x.verdict === 'match')
    || (x.verdict === 'review' ? x.cost - y.cost : 0) || y.score - x.score || y.candidate.bigram - x.candidate.bigram);
  const chosen = judged[0];
  if (!chosen || (chosen.verdict === 'review' && chosen.score < MIN_REVIEW_SCORE)) return [];
  if (to - from < SHORT_TEXT && (chosen.verdict !== 'match' || chosen.score < 0.95)) return [];
  const others: TextMatch[] = [];
  if (depth < 3) {
    // A long run of words the licence does not have may be another licence (the GPL after the LGPL,
    // two licences in one file): identified, it is that licence, not an addition to this one. The
    // window reaches back a little, to the header the two licences may share.
    for (const insertion of chosen.insertions) {
      const start = Math.max(from, insertion.aStart - SHARED_HEADER_WORDS);
      const found = identifySegment(index, ids, words, lines, start, insertion.aEnd, depth + 1);
      if (found.length === 0) continue;
      others.push(...found);
      chosen.differences = chosen.differences.filter((d) => d !== insertion.difference);
      chosen.verdict = verdictOf(chosen.differences, chosen.score);
    }
  }
  return [toMatch(chosen), ...others].sort((x, y) => x.fromLine - y.fromLine);
}

/** Best candidates by Dice of distinct words, re-ranked by bigram Dice. */
function shortlist(index: LicenseIndex, segment: Int32Array): Candidate[] {
  const present = new Uint8Array(index.vocabulary.size);
  let distinct = 0;
  const seenUnknown = new Set<number>();
  for (const id of segment) {
    if (id < 0) { seenUnknown.add(id); continue; }
    if (present[id] === 0) { present[id] = 1; distinct++; }
  }
  distinct += seenUnknown.size;
  const scored: { entry: IndexEntry; dice: number }[] = [];
  const tokens = index.tokens;
  for (const entry of index.entries) {
    let shared = 0;
    const end = entry.uniqueStart + entry.uniqueLength;
    for (let i = entry.uniqueStart; i < end; i++) shared += present[tokens[i] as number] as number;
    const dice = (2 * shared) / (distinct + entry.uniqueLength);
    if (dice >= 0.3) scored.push({ entry, dice });
  }
  scored.sort((x, y) => y.dice - x.dice);
  const fileBigrams = new FileBigrams(segment);
  return scored.slice(0, SHORTLIST)
    .map(({ entry, dice }) => ({ entry, dice, bigram: fileBigrams.dice(tokens, entry.start, entry.length) }))
    .sort((x, y) => y.bigram - x.bigram);
}

/**
 * The highest score `judge` could give `entry` on the segment, from the words alone. Every required word of the
 * reference the segment lacks (`missing`, counted as a multiset) is a word the alignment leaves unequal, so with E
 * equal words the score is at most 2E / (E + missing + E) (the file's compared span holds the E words too). E is at
 * most the shorter text's length. The slack covers the equal words an edge or a merged hunk takes in
 * (EDGE_SLACK at each edge, MERGE_GAP between hunks), which the score's denominator may leave out.
 */
function scoreBound(index: LicenseIndex, entry: IndexEntry, counts: SegmentWordCounts): number {
  const equal = Math.min(entry.length, counts.length);
  const missing = counts.missingFrom(index.tokens, entry);
  const slack = 2 * EDGE_SLACK + 2 * MERGE_GAP;
  return (2 * equal) / Math.max(1, 2 * equal + missing - slack);
}

/** The segment's words, counted once, against which each reference's required words are counted. */
class SegmentWordCounts {
  readonly length: number;
  private readonly counts: Int32Array;
  private readonly used: Int32Array;
  private readonly stamp: Int32Array;
  private generation = 0;

  constructor(index: LicenseIndex, segment: Int32Array) {
    this.length = segment.length;
    this.counts = new Int32Array(index.vocabulary.size);
    this.used = new Int32Array(index.vocabulary.size);
    this.stamp = new Int32Array(index.vocabulary.size);
    for (const id of segment) if (id >= 0) this.counts[id] = (this.counts[id] as number) + 1;
  }

  /** Words of the reference outside its optional passages that the segment has fewer of. */
  missingFrom(tokens: ArrayLike<number>, entry: IndexEntry): number {
    const generation = ++this.generation;
    let missing = 0;
    let from = 0;
    for (const [start, end] of [...(entry.optional ?? []), [entry.length, entry.length] as [number, number]]) {
      for (let j = from; j < start; j++) {
        const id = tokens[entry.start + j] as number;
        if (this.stamp[id] !== generation) { this.stamp[id] = generation; this.used[id] = 0; }
        if ((this.used[id] as number) < (this.counts[id] as number)) this.used[id] = (this.used[id] as number) + 1;
        else missing++;
      }
      from = Math.max(from, end);
    }
    return missing;
  }
}

/** The file's word pairs, counted once, against which each candidate's pairs are counted (multiset Dice). */
class FileBigrams {
  private readonly slot = new Map<number, number>();
  private readonly counts: Int32Array;
  private readonly used: Int32Array;
  private readonly stamp: Int32Array;
  private generation = 0;
  private readonly total: number;

  constructor(ids: ArrayLike<number>) {
    const counts: number[] = [];
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = pairKey(ids[i] as number, ids[i + 1] as number);
      const at = this.slot.get(key);
      if (at === undefined) { this.slot.set(key, counts.length); counts.push(1); } else counts[at] = (counts[at] as number) + 1;
    }
    this.counts = Int32Array.from(counts);
    this.used = new Int32Array(counts.length);
    this.stamp = new Int32Array(counts.length);
    this.total = Math.max(0, ids.length - 1);
  }

  dice(tokens: ArrayLike<number>, start: number, length: number): number {
    const generation = ++this.generation;
    let shared = 0;
    for (let i = start; i + 1 < start + length; i++) {
      const at = this.slot.get(pairKey(tokens[i] as number, tokens[i + 1] as number));
      if (at === undefined) continue;
      if (this.stamp[at] !== generation) { this.stamp[at] = generation; this.used[at] = 0; }
      if ((this.used[at] as number) < (this.counts[at] as number)) { this.used[at] = (this.used[at] as number) + 1; shared++; }
    }
    const total = this.total + Math.max(0, length - 1);
    return total === 0 ? 0 : (2 * shared) / total;
  }
}

function pairKey(a: number, b: number): number {
  return (a + 65_536) * 131_072 + b + 65_536;
}

interface Judged {
  candidate: Candidate;
  verdict: 'match' | 'review';
  score: number;
  differences: Difference[];
  /** Size of the intolerable differences: reference words removed count twice, file words added once. */
  cost: number;
  /** Long runs of added words (file positions), which may be another licence. */
  insertions: { aStart: number; aEnd: number; difference: Difference }[];
  /** Matched span in the file's word positions. */
  spanStart: number;
  spanEnd: number;
  fromLine: number;
  toLine: number;
}

/** Reference words at the start treated as its title. */
const TITLE_WORDS = 12;

/** Longest run of words a tolerated edit may have. */
const TOLERANCE = {
  /** Words before the licence (a title, "This project is licensed under…"). */
  preface: 80,
  /** Words after it (a trailing URL, a signature). */
  postscript: 40,
  /** Reference words missing at the start (its title) or end. */
  missingEdge: 20,
  /** A replacement: reference words / file words (a name for "the copyright holder"). */
  replacedReference: 6,
  replacedFile: 10,
  /** Words inserted or deleted outright. */
  inserted: 4,
  deleted: 6,
  /** File words standing for a placeholder. */
  placeholder: 15,
} as const;

function judge(index: LicenseIndex, candidate: Candidate, segment: Int32Array, words: readonly string[], lines: readonly number[], offset: number): Judged {
  const { entry } = candidate;
  const reference = index.tokens.subarray(entry.start, entry.start + entry.length);
  const alignment = alignWords(segment, reference);
  const optional = new Uint8Array(entry.length);
  for (const [from, to] of entry.optional ?? []) optional.fill(1, from, to);
  const fileWords = (start: number, end: number): string[] => words.slice(offset + start, offset + end) as string[];
  /** The reference's required words in a range (optional passages left out). */
  const refWords = (start: number, end: number): string[] => {
    const out: string[] = [];
    for (let j = start; j < end; j++) if (optional[j] === 0) out.push(index.vocabulary.wordAt(reference[j] as number));
    return out;
  };
  /** In place of an optional passage, or beside one, a file may have anything (its own appendix, no disclaimer, a footer). */
  const isFree = (hunk: Hunk): boolean => {
    if (hunk.bEnd > hunk.bStart) return refWords(hunk.bStart, hunk.bEnd).length === 0;
    return optional[hunk.bStart] === 1 || optional[hunk.bStart - 1] === 1;
  };
  const hunks = mergeCloseHunks(alignment.hunks, isFree);
  const edge = EDGE_SLACK;
  let spanStart = 0;
  let spanEnd = segment.length;
  const differences: Difference[] = [];
  let penalty = 0;
  let cost = 0;
  const insertions: Judged['insertions'] = [];
  let optionalMissing = 0;
  for (const hunk of hunks) {
    let { aStart, bStart, aEnd, bEnd } = hunk;
    const atStart = aStart <= edge && bStart <= edge;
    const atEnd = aEnd >= segment.length - edge && bEnd >= reference.length - edge;
    // An edge hunk covers the few equal words before (or after) it: the text begins or ends there.
    if (atStart) { aStart = 0; bStart = 0; spanStart = aEnd; }
    if (atEnd) { aEnd = segment.length; bEnd = reference.length; spanEnd = Math.max(spanStart, hunk.aStart); }
    const removed = refWords(bStart, bEnd);
    optionalMissing += bEnd - bStart - removed.length;
    if (isFree({ aStart, aEnd, bStart, bEnd })) continue;
    // Above the licence, its own notice ("This program is free software…", as its how-to-apply appendix words it)
    // is the licence speaking of itself: only the rest of a preface is judged.
    const added = atStart ? withoutOwnNotice(segment, aStart, aEnd, reference, entry.optional, fileWords) : fileWords(aStart, aEnd);
    const line = lines[offset + Math.min(aStart, segment.length - 1)] ?? 1;
    // Near the title, a file often repeats or rewords it ("Eclipse Public License - Version 1.0").
    const inTitle = bStart < TITLE_WORDS && !atEnd;
    // Within the licence document's own title and notice (a GPL copy starting at "Preamble", or without the FSF's
    // notice under its title).
    const titleLeftOut = !atEnd && entry.title !== undefined && bEnd <= entry.title;
    const verdict = tolerated(added, removed, { atStart: atStart || inTitle, atEnd, titleLeftOut, ids: entry.ids });
    if (verdict === 'ok') {
      penalty += atStart || atEnd ? 0 : Math.min(added.length, removed.length) * 0.5;
      continue;
    }
    cost += 2 * removed.length + added.length;
    const difference: Difference = { ...describe(added, removed, line), ...(atStart ? { edge: 'start' as const } : atEnd ? { edge: 'end' as const } : {}) };
    differences.push(difference);
    if (added.length >= REMAINDER_WORDS) insertions.push({ aStart: offset + aStart, aEnd: offset + aEnd, difference });
  }
  const referenceCompared = reference.length - optionalMissing;
  const fileCompared = spanEnd - spanStart;
  const score = Math.max(0, Math.min(1, (2 * alignment.equal - penalty) / Math.max(1, referenceCompared + fileCompared)));
  return {
    candidate,
    verdict: verdictOf(differences, score),
    score,
    differences,
    cost,
    insertions,
    spanStart: offset + spanStart,
    spanEnd: offset + spanEnd,
    fromLine: lines[offset + spanStart] ?? 1,
    toLine: lines[offset + Math.max(spanStart, spanEnd - 1)] ?? 1,
  };
}

/** Words in a row a preface must share with the licence's own appendix to be read as its notice, not as added terms. */
const NOTICE_RUN = 12;

/**
 * The words of `segment[aStart, aEnd)` (a preface) less the runs of at least `NOTICE_RUN` words that align with the
 * reference's optional passages: the GNU licences' and Apache-2.0's how-to-apply notices, which projects often put
 * above the licence text (globaleaks' and rapidpro's LICENSE: name, copyright, then "This program is free software:
 * you can redistribute it…"). What is left, a name and a copyright line, is judged as any preface; a notice with
 * words of its own ("…for non-commercial use") keeps them, restricting words included.
 */
function withoutOwnNotice(segment: Int32Array, aStart: number, aEnd: number, reference: ArrayLike<number> & { subarray(from: number, to: number): ArrayLike<number> }, optional: IndexEntry['optional'], fileWords: (start: number, end: number) => string[]): string[] {
  if (optional === undefined || aEnd - aStart < NOTICE_RUN) return fileWords(aStart, aEnd);
  const preface = segment.subarray(aStart, aEnd);
  const notice = new Uint8Array(preface.length);
  for (const [from, to] of optional) {
    if (to - from < NOTICE_RUN) continue;
    const { hunks } = alignWords(preface, reference.subarray(from, to));
    // Between two hunks (and before the first, after the last) the preface and the passage are equal.
    let equalFrom = 0;
    for (const hunk of [...hunks, { aStart: preface.length, aEnd: preface.length, bStart: to - from, bEnd: to - from }]) {
      if (hunk.aStart - equalFrom >= NOTICE_RUN) notice.fill(1, equalFrom, hunk.aStart);
      equalFrom = hunk.aEnd;
    }
  }
  const kept: string[] = [];
  const words = fileWords(aStart, aEnd);
  for (let i = 0; i < words.length; i++) if (notice[i] === 0) kept.push(words[i] as string);
  return kept;
}

function verdictOf(differences: readonly Difference[], score: number): 'match' | 'review' {
  return differences.length === 0 && score >= 0.8 ? 'match' : 'review';
}

/** Equal words between two hunks that do not make them separate edits ("the", "of" inside an inserted sentence). */
const MERGE_GAP = 3;
/** Equal words at the very start or end that still count as "at the edge". */
const EDGE_SLACK = 3;

/**
 * Merges hunks separated by fewer than `MERGE_GAP` equal words, so an
 * inserted sentence that happens to share "the" with the reference is judged
 * as one insertion, not as several short ones. Free hunks (optional passages)
 * are kept apart.
 */
function mergeCloseHunks(hunks: readonly Hunk[], isFree: (hunk: Hunk) => boolean): Hunk[] {
  const merged: Hunk[] = [];
  let previousFree = false;
  for (const hunk of hunks) {
    const free = isFree(hunk);
    const last = merged[merged.length - 1];
    if (last && !free && !previousFree && hunk.aStart - last.aEnd < MERGE_GAP && hunk.bStart - last.bEnd < MERGE_GAP) {
      last.aEnd = hunk.aEnd;
      last.bEnd = hunk.bEnd;
      continue;
    }
    merged.push({ ...hunk });
    previousFree = free;
  }
  return merged;
}

/**
 * Restricting words that a project's own preface uses in passing: "Openbaraza HCM is released under the GPL v3 …
 * may include other GPLv3 compatible works that are not listed here", "Everything in this repo is under AGPL-3.0
 * unless otherwise specified".
 */
const PASSING_WORDS: ReadonlySet<string> = new Set(['not', 'no', 'nor', 'may', 'unless', 'except', 'without', 'shall', 'must']);
/** What a licence grants: a preface that speaks of them is adding terms, not naming the licence. */
const GRANT_WORDS: ReadonlySet<string> = new Set([
  'use', 'used', 'using', 'copy', 'copied', 'modify', 'modified', 'merge', 'publish', 'distribute', 'distributed', 'redistribute',
  'redistributed', 'redistribution', 'sublicense', 'share', 'shared', 'run', 'deploy', 'host', 'hosted', 'resell', 'rent', 'lease',
]);

/**
 * A preface that names the licence below it (and no other), whose restricting words are only those of passing
 * phrases, and which says nothing of what the licence grants: the project naming its licence. "Released under the
 * GPL v3. You may not redistribute it" speaks of a grant, and "for non-commercial use only" is no passing phrase.
 */
function selfNamingPreface(added: readonly string[], ids: readonly string[]): boolean {
  const named = namesIn(added.join(' '));
  const family = (id: string): string => id.replace(/-(only|or-later)$/, '').replace(/\+$/, '');
  if (named.length === 0 || !named.every((n) => ids.some((id) => family(id) === family(n)))) return false;
  return added.every((w) => !RESTRICTING_WORDS.has(w) || PASSING_WORDS.has(w)) && !added.some((w) => GRANT_WORDS.has(w));
}

function tolerated(added: readonly string[], removed: readonly string[], where: { atStart: boolean; atEnd: boolean; titleLeftOut?: boolean; ids?: readonly string[] }): 'ok' | 'intolerable' {
  const addedRestricting = added.some((w) => RESTRICTING_WORDS.has(w) && !removed.includes(w)) && !(where.atStart && selfNamingPreface(added, where.ids ?? []));
  const removedRestricting = removed.some((w) => RESTRICTING_WORDS.has(w) && !added.includes(w));
  const versionChanged = added.some((w) => isVersionToken(w) && !removed.includes(w)) && removed.some((w) => isVersionToken(w) && !added.includes(w));
  if (removed.length > 0 && removed.every((w) => w === PLACEHOLDER)) return added.length <= TOLERANCE.placeholder * removed.length && !addedRestricting ? 'ok' : 'intolerable';
  // The document's title and notice may be missing; what stands in their place is judged as a preface.
  if (where.titleLeftOut) return added.length > TOLERANCE.preface || addedRestricting ? 'intolerable' : 'ok';
  if (where.atStart) {
    // Text before the licence: a title or a preface; the reference's own title may be missing.
    if (added.length > TOLERANCE.preface || addedRestricting) return 'intolerable';
    return removed.length <= TOLERANCE.missingEdge && !removedRestricting ? 'ok' : 'intolerable';
  }
  if (where.atEnd) {
    if (added.length > TOLERANCE.postscript || addedRestricting) return 'intolerable';
    return removed.length <= TOLERANCE.missingEdge && !removedRestricting ? 'ok' : 'intolerable';
  }
  if (versionChanged) return 'intolerable';
  if (added.length === 0) return removed.length <= TOLERANCE.deleted && !removedRestricting ? 'ok' : 'intolerable';
  if (removed.length === 0) return added.length <= TOLERANCE.inserted && !addedRestricting ? 'ok' : 'intolerable';
  return removed.length <= TOLERANCE.replacedReference && added.length <= TOLERANCE.replacedFile && !addedRestricting && !removedRestricting ? 'ok' : 'intolerable';
}

const SHOWN_WORDS = 40;

function describe(added: readonly string[], removed: readonly string[], line: number): Difference {
  const show = (list: readonly string[]): string => {
    const visible = list.map((w) => (w === PLACEHOLDER ? '<…>' : w));
    return visible.length > SHOWN_WORDS ? `${visible.slice(0, SHOWN_WORDS).join(' ')} … (${visible.length} words)` : visible.join(' ');
  };
  if (removed.length === 0) return { kind: 'added', text: show(added), line };
  if (added.length === 0) return { kind: 'removed', text: '', reference: show(removed), line };
  return { kind: 'changed', text: show(added), reference: show(removed), line };
}

function toMatch(judged: Judged): TextMatch {
  const { entry } = judged.candidate;
  const confidence = judged.verdict === 'match' ? round(Math.max(0.9, judged.score)) : round(Math.min(0.75, judged.score * 0.8));
  return {
    id: entry.id,
    ids: [...entry.ids],
    name: entry.name,
    verdict: judged.verdict,
    confidence,
    differences: judged.differences,
    fromLine: judged.fromLine,
    toLine: judged.toLine,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** One line per difference, for messages and the report: `line 12: added "…"`. */
export function formatDifferences(differences: readonly Difference[], limit = 3): string[] {
  const shown = differences.slice(0, limit).map((d) => {
    switch (d.kind) {
      case 'added': return `line ${d.line}: added "${d.text}"`;
      case 'removed': return `line ${d.line}: removed "${d.reference ?? ''}"`;
      case 'changed': return `line ${d.line}: "${d.reference ?? ''}" became "${d.text}"`;
    }
  });
  if (differences.length > limit) shown.push(`${differences.length - limit} more difference(s)`);
  return shown;
}
