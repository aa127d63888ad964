/**
 * Reading the answers of real registry and publiccode.yml files, which are
 * messy: empty strings, `[""]`, `" https://…"`, "Yes."/"yes"/"YES", several
 * URLs in one field, URLs inside sentences. These helpers tolerate all of it
 * and say what they changed; they never "correct" an answer's meaning.
 */

/** A string answer, trimmed; `undefined` for anything blank or not text. Numbers are read as text. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Placeholder answers that say nothing ("n/a", "-", "none"). */
export function isPlaceholder(text: string): boolean {
  return /^(n\/?a|na|none|nil|null|not applicable|-+|\.+|tbd|todo)\.?$/i.test(text.trim());
}

export type YesNo = 'yes' | 'no' | 'unknown';

/** "Yes", "yes.", "YES", "true" → yes; "" → undefined; anything else → the text as written. */
export function yesNoOf(value: unknown): YesNo | undefined | { other: string } {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = textOf(value);
  if (text === undefined) return undefined;
  const word = text.toLowerCase().replace(/[.!]+$/, '').trim();
  if (word === 'yes' || word === 'y' || word === 'true') return 'yes';
  if (word === 'no' || word === 'n' || word === 'false') return 'no';
  if (word === 'unknown' || word === "don't know" || word === 'not sure') return 'unknown';
  return { other: text };
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** A bare domain or domain/path without a scheme, e.g. `www.example.org` or `github.com/org/repo`. */
const BARE_DOMAIN = /^(www\.)?[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?(\/\S*)?$/i;

/** http(s) URLs written in a text, without the punctuation that ends a sentence or closes a bracket. */
export function urlsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let url = match[0];
    // "(see https://x.org/a)." → https://x.org/a ; keep a closing bracket the URL itself opened.
    for (;;) {
      const last = url[url.length - 1]!;
      if (/[.,;:!?*]/.test(last)) url = url.slice(0, -1);
      else if (last === ')' && (url.match(/\(/g) ?? []).length < (url.match(/\)/g) ?? []).length) url = url.slice(0, -1);
      else if (last === ']' && (url.match(/\[/g) ?? []).length < (url.match(/\]/g) ?? []).length) url = url.slice(0, -1);
      else break;
    }
    if (!found.includes(url)) found.push(url);
  }
  return found;
}

export function isHttpUrl(text: string): boolean {
  return /^https?:\/\/\S+$/i.test(text);
}

export interface LinkReading {
  links: string[];
  /** What was changed to get the links, for a `normalised` note; undefined when the text was a link as written. */
  change?: string;
}

/**
 * An evidence field read as links. A single URL stays as written; a bare
 * domain gets `https://`; URLs are taken out of a sentence or a list; text
 * with no URL at all is kept as written (it may be a path in the repository).
 */
export function linksOf(text: string): LinkReading {
  if (isHttpUrl(text)) return { links: [text] };
  if (BARE_DOMAIN.test(text)) return { links: [`https://${text}`], change: `read "${text}" as https://${text}` };
  const urls = urlsIn(text);
  if (urls.length > 0) {
    const rest = text.replace(URL_IN_TEXT, '').replace(/[\s,;|/-]+/g, '');
    return { links: urls, ...(rest !== '' || urls.length > 1 ? { change: `took ${urls.length === 1 ? 'the URL' : `${urls.length} URLs`} out of "${excerpt(text)}"` } : {}) };
  }
  return { links: [text] };
}

/** A URL for a `format: uri` key: as written, with `https://` for a bare domain, else undefined. */
export function uriOf(text: string): { uri: string; change?: string } | undefined {
  if (isHttpUrl(text) && isParsableUrl(text)) return { uri: text };
  if (BARE_DOMAIN.test(text) && isParsableUrl(`https://${text}`)) return { uri: `https://${text}`, change: `read "${text}" as https://${text}` };
  if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(text) && isParsableUrl(text)) return { uri: text };
  return undefined;
}

function isParsableUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]+$/;

/** The email addresses in a field (`a@x.org, b@x.org`, `Name <a@x.org>`). */
export function emailsIn(text: string): string[] {
  return text.split(/[\s,;<>()]+/).map((part) => part.replace(/^mailto:/i, '')).filter((part) => EMAIL.test(part));
}

/** A list entry written as a bullet ("- GDPR") is the entry. */
export function withoutBullet(text: string): string {
  return text.replace(/^([-*•]|\d+[.)])\s+/, '').trim();
}

export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Collapses a multi-line answer for a one-line comment or message. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
