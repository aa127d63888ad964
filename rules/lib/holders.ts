/**
 * Who the repository says holds the rights, and whether that is the owner the
 * declaration names: copyright notices in licence, NOTICE, COPYRIGHT and README
 * files (copyright.ts), a bounded sample of source-file headers, and a fuzzy,
 * explained comparison of names ("Open Health Collective" and the host account
 * "openhealth" are likely the same: the one is the other run together, without
 * "Collective").
 */
import type { Facts } from '../../src/rule-api.js';
import type { Snapshot } from '../../src/rule-api.js';
import { parseCopyrightLine, findCopyrightLines, type CopyrightLine } from './copyright.js';
import table from '../3-clear-ownership/ownership.json' with { type: 'json' };

const EXTENSIONS = new Set(table.headerSample.extensions);
const SKIP_PATHS = new RegExp(table.headerSample.skipPaths, 'i');
const LEGAL_FORMS = new Set(table.legalForms);
const GENERIC_WORDS = new Set(table.genericWords);
const COLLECTIVE = new RegExp(table.collectiveHolder, 'i');

export interface HeaderSample {
  /** Copyright notices found in the sampled headers (first line per file). */
  lines: CopyrightLine[];
  /** How many source files were sampled. */
  sampled: number;
}

/**
 * Source files to sample for headers: at most `maxFiles`, taken in turn from
 * each top-level folder (so one huge folder cannot crowd the others out),
 * skipping vendored, generated, built and fixture trees, and any file `include`
 * turns down (the rules pass the path classes' `isOwn`: a Bower package's
 * headers name its authors, not the candidate's owner). Deterministic.
 */
export function headerSampleFiles(snapshot: Snapshot, maxFiles = table.headerSample.maxFiles, include: (path: string) => boolean = () => true): string[] {
  const byFolder = new Map<string, string[]>();
  for (const path of snapshot.paths) {
    const dot = path.lastIndexOf('.');
    if (dot < 0 || !EXTENSIONS.has(path.slice(dot + 1).toLowerCase()) || SKIP_PATHS.test(path) || !include(path)) continue;
    const folder = path.includes('/') ? path.slice(0, path.indexOf('/')) : '';
    const list = byFolder.get(folder) ?? [];
    list.push(path);
    byFolder.set(folder, list);
  }
  const queues = [...byFolder.keys()].sort().map((folder) => byFolder.get(folder) as string[]);
  const picked: string[] = [];
  for (let round = 0; picked.length < maxFiles && queues.some((q) => q.length > round); round++) {
    for (const queue of queues) {
      const path = queue[round];
      if (path !== undefined && picked.length < maxFiles) picked.push(path);
    }
  }
  return picked;
}

/** Copyright notices in the first lines of a sample of source files (bounded: see `headerSampleFiles`). */
export function sampleHeaderCopyright(snapshot: Snapshot, maxFiles = table.headerSample.maxFiles, include?: (path: string) => boolean): HeaderSample {
  const files = headerSampleFiles(snapshot, maxFiles, include);
  const lines: CopyrightLine[] = [];
  for (const path of files) {
    const text = snapshot.read(path)?.text;
    if (!text) continue;
    const head = text.split(/\r?\n/, table.headerSample.maxLines);
    for (let i = 0; i < head.length; i++) {
      const line = head[i] as string;
      if (!/copyright|©|&copy;|\(c\)/i.test(line)) continue;
      const parsed = parseCopyrightLine(line);
      if (parsed) { lines.push({ path, line: i + 1, excerpt: line.trim().slice(0, 200), ...parsed }); break; }
    }
  }
  return { lines, sampled: files.length };
}

/** Notices from licence/NOTICE/COPYRIGHT/README files, then from sampled headers. */
export function allCopyrightLines(snapshot: Snapshot, facts: Facts, maxFiles?: number): { notices: CopyrightLine[]; headers: HeaderSample } {
  return { notices: findCopyrightLines(snapshot, facts, 20), headers: sampleHeaderCopyright(snapshot, maxFiles, facts.paths.isOwn) };
}

export interface NameMatch {
  verdict: 'same' | 'likely' | 'different';
  /** Why, in words a reviewer can check: "the same name once case and the legal form "Ltd" are ignored". */
  reason: string;
}

interface NameParts {
  original: string;
  /** Significant words, lower case, accents removed. */
  tokens: string[];
  /** Every word, before generic words and legal forms were dropped (for initials). */
  allTokens: string[];
  /** Legal forms and generic words dropped, as written. */
  dropped: string[];
}

function parts(name: string): NameParts {
  const cleaned = name
    .replace(/<[^>]*>|\(?https?:\/\/\S+\)?|\S+@\S+/g, ' ')
    .normalize('NFKD').replace(/\p{M}/gu, '')
    .replace(/&/g, ' and ')
    .toLowerCase();
  const allTokens = cleaned.match(/[\p{L}\p{N}]+/gu) ?? [];
  const tokens = [...allTokens];
  const dropped: string[] = [];
  // Legal forms only at the end ("Example Co. Ltd"); "Co" or "AS" elsewhere may be part of the name.
  while (tokens.length > 1 && LEGAL_FORMS.has(tokens[tokens.length - 1] as string)) dropped.unshift(tokens.pop() as string);
  if (tokens.length > 1 && tokens[tokens.length - 2] === 'e' && tokens[tokens.length - 1] === 'v') dropped.unshift(...tokens.splice(-2));
  const significant = tokens.filter((t) => {
    if (GENERIC_WORDS.has(t) && tokens.length > 1) { dropped.push(t); return false; }
    return true;
  });
  return { original: name.trim(), tokens: significant, allTokens, dropped };
}

const quote = (text: string): string => `"${text}"`;

/**
 * Compares two names of an owner (declared owner, copyright holder, host
 * account) and explains the verdict. Conservative: "likely" needs one name to
 * be the other run together, its initials, or all of its words.
 */
export function compareNames(a: string, b: string): NameMatch {
  const pa = parts(a);
  const pb = parts(b);
  if (pa.tokens.length === 0 || pb.tokens.length === 0) return { verdict: 'different', reason: 'one of the names is empty' };
  const ignored = [...new Set([...pa.dropped, ...pb.dropped])];
  if (pa.original.toLowerCase() === pb.original.toLowerCase()) return { verdict: 'same', reason: 'the same name' };
  if (pa.tokens.join(' ') === pb.tokens.join(' ')) return { verdict: 'same', reason: `the same name, ignoring case, accents, punctuation${ignored.length > 0 ? ` and ${listWords(ignored)}` : ''}` };
  const compactA = pa.tokens.join('');
  const compactB = pb.tokens.join('');
  if (compactA === compactB) return { verdict: 'same', reason: `the same letters, ignoring case, spaces and punctuation (${quote(compactA)})` };
  const [short, long] = compactA.length <= compactB.length ? [pa, pb] : [pb, pa];
  const shortCompact = short.tokens.join('');
  // One name run together: "openhealth" = "Open Health" (the first words of "Open Health Collective").
  if (short.tokens.length === 1 && shortCompact.length >= 4) {
    for (let start = 0; start < long.tokens.length; start++) {
      for (let end = start + 2; end <= long.tokens.length; end++) {
        if (long.tokens.slice(start, end).join('') !== shortCompact) continue;
        const rest = [...long.tokens.slice(0, start), ...long.tokens.slice(end)];
        return { verdict: 'likely', reason: `${quote(short.original)} is ${quote(long.original)} run together${rest.length > 0 ? `, leaving out ${listWords(rest)}` : ''}` };
      }
    }
  }
  // Initials: "OHC" = Open Health Collective, "WHO" = World Health Organization.
  if (short.tokens.length === 1 && shortCompact.length >= 2 && shortCompact.length <= 8 && long.tokens.length >= 2) {
    const initials = [long.tokens, long.allTokens].map((list) => list.map((t) => t[0]).join(''));
    if (initials.includes(shortCompact)) return { verdict: 'likely', reason: `${quote(short.original)} are the initials of ${quote(long.original)}` };
  }
  // Every word of the shorter name in the longer: "University of Oslo" in "HISP, University of Oslo".
  const longSet = new Set(long.tokens);
  if (short.tokens.every((t) => longSet.has(t)) && short.tokens.some((t) => t.length >= 3)) {
    return { verdict: 'likely', reason: `every word of ${quote(short.original)} appears in ${quote(long.original)}` };
  }
  const shared = short.tokens.filter((t) => longSet.has(t));
  return { verdict: 'different', reason: shared.length > 0 ? `they share only ${listWords(shared)}` : 'no word in common' };
}

/** A collective holder names the project's contributors ("The OpenCRVS Authors", "Foo contributors"). */
export function collectiveProject(holder: string): string | undefined {
  if (!COLLECTIVE.test(holder)) return undefined;
  const rest = holder.replace(COLLECTIVE, ' ').replace(/\b(the|and|all|other|its)\b/gi, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return rest === '' ? '' : rest;
}

function listWords(words: readonly string[]): string {
  const quoted = words.map(quote);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] as string}`;
}
