/**
 * Reading a free-text platform-independence answer for what it says: the
 * closed components it names together with the open alternative it names for
 * each ("We use Twilio, replaceable by Somleng", "MapLibre GL is an open
 * source alternative to Mapbox GL JS", "uses Somleng instead of Twilio",
 * "OpenStreetMap can replace Google Maps").
 *
 * Conservative on purpose (issue 14: "don't invent"): only a sentence that
 * names both sides, each as a proper name (capitalised, or a lower-case name
 * with its link), is read. "A self-hosted system", "an open alternative does
 * exist" or an alternative with no closed component beside it yield nothing.
 * The sentence it was read from is kept as the component's `migration`.
 */

export interface ReadAlternative {
  name: string;
  openAlternatives: string[];
  /** The sentence(s) of the answer that say it, as written. */
  migration: string;
  evidence: string[];
}

/** A proper name: capitalised words ("Mapbox GL JS", "AWS S3", "Flask-mail"), or a lower-case name followed by its link. */
const NAME = String.raw`(?:[A-Z][\w.+/-]*[\w+]|[A-Z])(?:\s+(?:[A-Z0-9][\w.+/-]*))*|[a-z][\w.-]*[\w](?=\s*\(\s*https?:)`;
const NAMES = String.raw`(?:${NAME})(?:\s+and\s+(?:${NAME}))?`;
const OPEN_SOURCE = String.raw`open[- ]?(?:source\s+)?(?:functional\s+)?`;
const ALTERNATIVE = String.raw`alter?n?ative`;

/** Patterns over one clause; `closed` may be absent when the sentence names it elsewhere ("uses AWS S3; Minio is an open source alternative"). */
const PATTERNS: readonly RegExp[] = [
  // "We're using Twilio as SMS service replaceable by Somleng", "Amazon SES can easily be replaced with open alternatives such as Flask-mail"
  new RegExp(String.raw`^(?:.*?\b(?:using|uses|use|via)\s+)?(?<closed>${NAMES})\s+(?:as\s+[^,;]*?\s+)?(?:(?:is|are)\s+)?(?:(?:can|could|may)\s+(?:easily\s+|also\s+)?be\s+)?replace(?:d|able)\s+(?:by|with)\s+(?:(?:an?\s+)?${OPEN_SOURCE}${ALTERNATIVE}s?\s+(?:[^,;]*?\s+)?(?:such\s+as|like|called)\s+)?(?<open>${NAME})`),
  // "MapLibre GL is an open source alternative to Mapbox GL JS", "Minio is an open source alternative for someone…"
  new RegExp(String.raw`(?<open>${NAME})\s+(?:is|offers)\s+an?\s+${OPEN_SOURCE}${ALTERNATIVE}(?:\s+(?:to|for)\s+(?<closed>${NAMES}))?`),
  // "Users may replace Mapbox with MapLibre"
  new RegExp(String.raw`\breplace\s+(?<closed>${NAMES})\s+(?:with|by)\s+(?<open>${NAME})`),
  // "uses Somleng instead of Twilio"
  new RegExp(String.raw`\b(?:uses?|using)\s+(?<open>${NAME})\s+instead\s+of\s+(?<closed>${NAMES})`),
  // "OpenStreetMap can replace Google Maps"
  new RegExp(String.raw`(?<open>${NAME})\s+(?:can|could|may)\s+(?:also\s+)?replace\s+(?<closed>${NAMES})`),
];
/** Where a sentence names the closed component it goes on to replace: "OpenLitterMap uses AWS S3 to store photos". */
const USES = new RegExp(String.raw`\b(?:uses|using|use|via|relies on|depends on)\s+(?<closed>${NAMES})`, 'g');
/**
 * A sentence that calls the components it names closed: "Flow Cameroon requires Firebase and Firestore which are
 * closed dependencies". Its components are the ones the next sentence's alternative replaces, when that sentence
 * names no closed component of its own.
 */
const CALLED_CLOSED = new RegExp(String.raw`\b(?:requires|uses|use|relies on|depends on)\s+(?<closed>${NAMES})\s*,?\s+(?:which|that)\s+(?:are|is)\s+(?:a\s+)?(?:closed|proprietary|non-open)\b`);
/** An alternative named on its own: "However other open source alternatives exists such Couchbase (https://…)". */
const ALTERNATIVE_ALONE = new RegExp(String.raw`\b[Oo]${OPEN_SOURCE.slice(1)}${ALTERNATIVE}s?\s+(?:exists?|are\s+available|is\s+available)\s*,?\s*(?:such(?:\s+as)?|like|including|e\.g\.?|namely)\s+(?<open>${NAME})`);
/** Words that start a clause, never a component's name. */
const NOT_A_NAME = /^(?:It|This|That|These|Those|They|We|Our|The|A|An|Users?|However|Also|Alternatively|Yes|No|In|For|If|All|Some|Other|One)$/;

export function readAlternatives(text: string): ReadAlternative[] {
  const found: ReadAlternative[] = [];
  let calledClosed: { names: string[]; sentence: string } | undefined;
  for (const sentence of sentences(text)) {
    const previous = calledClosed;
    const closedHere = CALLED_CLOSED.exec(sentence)?.groups?.closed;
    calledClosed = closedHere ? { names: closedHere.split(/\s+and\s+/).map(cleanName).filter((c): c is string => c !== undefined), sentence } : undefined;
    const alone = previous && !closedHere ? ALTERNATIVE_ALONE.exec(sentence)?.groups?.open : undefined;
    const open = cleanName(alone);
    if (previous && open !== undefined) {
      const link = new RegExp(`${escape(alone as string)}\\s*\\(\\s*(https?://[^\\s)]+)`).exec(sentence)?.[1];
      const name = spelledAsLinked(open, link);
      for (const closed of previous.names.filter((c) => c !== name)) add(found, { name: closed, openAlternatives: [name], migration: `${previous.sentence} ${sentence.trim()}`, evidence: link ? [link] : [] });
      continue;
    }
    for (const clause of sentence.split(/[;,]\s*|\s+-\s+/)) {
      for (const pattern of PATTERNS) {
        const match = pattern.exec(clause.trim().replace(/^(?:and|or|but|while)\s+/i, ''));
        if (!match?.groups?.open) continue;
        const open = cleanName(match.groups.open);
        let closedText: string | undefined = match.groups.closed;
        if (closedText === undefined) {
          // The closed component named elsewhere in the same sentence, other than the open one.
          closedText = [...sentence.matchAll(USES)].map((m) => m.groups?.closed).find((c) => c !== undefined && cleanName(c) !== open);
        }
        if (open === undefined || closedText === undefined) continue;
        const closed = closedText.split(/\s+and\s+/).map(cleanName).filter((c): c is string => c !== undefined && c !== open);
        const link = new RegExp(`${escape(open)}\\s*\\(\\s*(https?://[^\\s)]+)`).exec(sentence)?.[1];
        for (const name of closed) add(found, { name, openAlternatives: [open], migration: sentence.trim(), evidence: link ? [link] : [] });
        break;
      }
    }
  }
  return merge(found);
}

/**
 * A name one letter away from its own link's domain ("Couchbasev (https://www.couchbase.com/)") is that domain's
 * product, spelled as the link spells it: the answer's own evidence says which it meant.
 */
function spelledAsLinked(name: string, link: string | undefined): string {
  const host = link ? /^https?:\/\/(?:www\.)?([a-z0-9-]+)\./i.exec(link)?.[1] : undefined;
  if (!host || host.length < 5 || /\s/.test(name)) return name;
  const written = name.toLowerCase();
  if (written === host.toLowerCase() || !oneEditApart(written, host.toLowerCase())) return name;
  return `${name[0]}${host.slice(1).toLowerCase()}`;
}

function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function sentences(text: string): string[] {
  return text.replace(/\r/g, '').split(/(?<=[.!?])\s+(?=[A-Z])|\n+/).map((s) => s.trim()).filter((s) => s !== '');
}

/** A name without its trailing version or article; undefined for a clause word. */
function cleanName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const name = raw.trim().replace(/\s+(?:version\s+)?\d+(?:\.\d+)*(?:\.x)?$/i, '').replace(/[.:]+$/, '');
  const first = name.split(/\s+/)[0] ?? '';
  if (name === '' || NOT_A_NAME.test(first) && name.split(/\s+/).length === 1) return undefined;
  return NOT_A_NAME.test(first) ? name.split(/\s+/).slice(1).join(' ') : name;
}

function add(list: ReadAlternative[], entry: ReadAlternative): void {
  const same = list.find((e) => e.name.toLowerCase() === entry.name.toLowerCase());
  if (!same) { list.push(entry); return; }
  for (const alt of entry.openAlternatives) if (!same.openAlternatives.includes(alt)) same.openAlternatives.push(alt);
  if (!same.migration.includes(entry.migration)) same.migration = `${same.migration} ${entry.migration}`;
  for (const e of entry.evidence) if (!same.evidence.includes(e)) same.evidence.push(e);
}

/** "Mapbox" and "Mapbox GL JS" read from one answer are one component: the longer name keeps both alternatives. */
function merge(list: ReadAlternative[]): ReadAlternative[] {
  const result: ReadAlternative[] = [];
  const byLength = [...list].sort((a, b) => b.name.length - a.name.length);
  for (const entry of byLength) {
    const longer = result.find((r) => r.name.toLowerCase().startsWith(`${entry.name.toLowerCase()} `));
    if (longer) add([longer], { ...entry, name: longer.name });
    else result.push({ ...entry, openAlternatives: [...entry.openAlternatives], evidence: [...entry.evidence] });
  }
  // Back in the order the answer names them.
  return result.sort((a, b) => list.findIndex((e) => e.name === a.name) - list.findIndex((e) => e.name === b.name));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
