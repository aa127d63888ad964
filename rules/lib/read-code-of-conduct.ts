/**
 * Reading a code of conduct: where it is, and whether it names a real
 * enforcement contact, still carries a template placeholder, or adopts an
 * outside code by link. Shared by the indicator 9c rules.
 */
import type { Snapshot } from '../../src/rule-api.js';
import { compilePatterns, pathsMatching, readText, wordCount } from '../../src/helpers.js';
import table from '../9c-harassment/code-of-conduct.json' with { type: 'json' };

const FILES = compilePatterns(table.files);
const PLACEHOLDERS = compilePatterns(table.placeholders);
const CONTACT_WORDS = new RegExp(table.contactWords, 'i');
const EMAIL = new RegExp(table.email, 'g');
const OBFUSCATED_EMAIL = new RegExp(table.obfuscatedEmail, 'g');
const HANDLE = new RegExp(table.handle, 'g');
const CONDUCT_LINK = new RegExp(table.conductLink, 'i');
/** A Markdown link: its text and its target. */
const MARKDOWN_LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;
const URL_PATTERN = new RegExp(table.url, 'gi');
const HOST_REPORTING_LINK = new RegExp(table.hostReportingLink, 'g');
const PLACEHOLDER_EMAIL = new RegExp(table.placeholderEmailDomains, 'i');
const TEMPLATE_URL = new RegExp(table.templateUrls, 'i');
const PLACEHOLDER_PROSE = new RegExp(table.placeholderProse, 'i');

/**
 * Whether a placeholder on a line is only mentioned: quoted (in backticks or
 * quotation marks) or on a line about the template's placeholder ("we
 * replaced the template's [INSERT CONTACT METHOD] with…"). Such a code of
 * conduct may well name its real contact elsewhere.
 */
export function isProseMention(line: string, match: RegExpExecArray): boolean {
  const before = line.slice(0, match.index);
  const after = line.slice(match.index + match[0].length);
  const quoted = [['`', '`'], ['"', '"'], ["'", "'"], ['“', '”'], ['‘', '’'], ['«', '»']]
    .some(([open, close]) => before.trimEnd().endsWith(open as string) && after.trimStart().startsWith(close as string));
  return quoted || PLACEHOLDER_PROSE.test(line);
}

export type ConductReading =
  | { path: string; kind: 'contact'; contact: string; line: number; excerpt: string }
  | { path: string; kind: 'placeholder'; placeholder: string; line: number; excerpt: string }
  | { path: string; kind: 'adopts'; url: string; line: number; excerpt: string }
  | { path: string; kind: 'no-contact' }
  | { path: string; kind: 'unreadable' };

/** The candidate's code of conduct (root, then .github/, then docs/), read; `undefined` when there is none. */
export function readCodeOfConduct(snapshot: Snapshot): ConductReading | undefined {
  const paths = pathsMatching(snapshot, FILES);
  if (paths.length === 0) return undefined;
  const readings = paths.map((path) => readOne(path, readText(snapshot, path)));
  // A file with a real contact wins over a stray template elsewhere; a placeholder outranks silence.
  const rank: Record<ConductReading['kind'], number> = { contact: 0, adopts: 1, placeholder: 2, 'no-contact': 3, unreadable: 4 };
  return readings.sort((a, b) => rank[a.kind] - rank[b.kind])[0];
}

function readOne(path: string, text: string | undefined): ConductReading {
  if (text === undefined) return { path, kind: 'unreadable' };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    for (const pattern of PLACEHOLDERS) {
      const match = pattern.exec(line);
      if (match && !isProseMention(line, match)) return { path, kind: 'placeholder', placeholder: match[0], line: i + 1, excerpt: line.trim().slice(0, 200) };
    }
  }
  let firstUrl: { url: string; line: number; excerpt: string } | undefined;
  let conductUrl: { url: string; line: number; excerpt: string } | undefined;
  // The contact nearest the words about reporting: publiclab's code links its partnership guidelines three lines
  // above "learn how to contact the Conduct Committee … see:" and the page that says how, right below it.
  let best: { contact: string; line: number; excerpt: string; distance: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const urls = [...line.matchAll(URL_PATTERN)].map((m) => m[0]).filter((url) => !TEMPLATE_URL.test(url));
    const emails = [...line.matchAll(EMAIL)].map((m) => m[0]).filter((email) => !PLACEHOLDER_EMAIL.test(email));
    const addresses = [
      ...emails,
      ...urls,
      // The repository's own reporting form or tracker, linked relative to the file (it has no URL of its own).
      ...[...line.matchAll(HOST_REPORTING_LINK)].map((m) => m[1] as string),
    ];
    // An address written against harvesting, a GitHub handle: a contact, not something to adopt.
    const contacts = [
      ...addresses,
      ...(emails.length === 0 ? [...line.matchAll(OBFUSCATED_EMAIL)].map((m) => m[0]) : []),
      ...[...line.matchAll(HANDLE)].map((m) => m[0]),
    ];
    if (contacts.length === 0) continue;
    const excerpt = line.trim().slice(0, 200);
    if (addresses.length > 0) firstUrl ??= { url: addresses[0] as string, line: i + 1, excerpt };
    conductUrl ??= conductLinkOn(line, urls, i + 1, excerpt);
    // A contact counts when the words around it are about reporting or enforcement.
    const window = lines.slice(Math.max(0, i - table.contactWindowLines), i + table.contactWindowLines + 1).join('\n');
    if (!CONTACT_WORDS.test(window)) continue;
    const distance = distanceToContactWords(lines, i);
    if (best === undefined || distance < best.distance) best = { contact: contacts[0] as string, line: i + 1, excerpt, distance };
    // A later contact can only be nearer when this one is not on the words' own line or right after them.
    if (best.distance <= 1) break;
  }
  if (best) return { path, kind: 'contact', contact: best.contact, line: best.line, excerpt: best.excerpt };
  // A file that links a code of conduct (rahat's "For a detailed code of conduct, please see our [Rahat: Code of
  // Conduct](https://docs.rahat.io/…)"), or a short file that links anything, adopts it (and its enforcement).
  if (conductUrl) return { path, kind: 'adopts', ...conductUrl };
  if (firstUrl && wordCount(text) <= table.shortAdoptionWords) return { path, kind: 'adopts', ...firstUrl };
  return { path, kind: 'no-contact' };
}

/** 0 when line `i` holds the words about reporting, 1 when the non-blank line before it does, 2 otherwise. */
function distanceToContactWords(lines: readonly string[], i: number): number {
  if (CONTACT_WORDS.test(lines[i] as string)) return 0;
  let before = i - 1;
  while (before >= 0 && (lines[before] as string).trim() === '') before--;
  return before >= 0 && CONTACT_WORDS.test(lines[before] as string) ? 1 : 2;
}

const ATTRIBUTION = /\b(derivative of|derived from|adapted from|based on|inspired by|licen[cs]ed under|attribution)\b/i;

/** The first of a line's URLs that is a code of conduct: by its address, or by the text of the Markdown link to it. */
function conductLinkOn(line: string, urls: readonly string[], lineNumber: number, excerpt: string): { url: string; line: number; excerpt: string } | undefined {
  // Credit for the text it was adapted from (iota's "This work … is a derivative of the Community code of conduct by
  // ownCloud"), not the adoption of another code and its enforcement.
  if (ATTRIBUTION.test(line)) return undefined;
  const linkTexts = new Map([...line.matchAll(MARKDOWN_LINK)].map((m) => [m[2] as string, m[1] as string]));
  const url = urls.find((candidate) => CONDUCT_LINK.test(candidate) || CONDUCT_LINK.test(linkTexts.get(candidate) ?? ''));
  return url === undefined ? undefined : { url, line: lineNumber, excerpt };
}
