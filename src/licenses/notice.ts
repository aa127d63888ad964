/**
 * Licences named rather than reproduced: "Licensed under the Apache License,
 * Version 2.0", "GPL v3 or later", "This work is licensed under a Creative
 * Commons Attribution-ShareAlike 4.0 International License", a Creative
 * Commons title or URL, and files that only point to another file.
 *
 * A name is turned into an SPDX id only when it is unambiguous (a licence
 * name, a well-known alias, or an SPDX id); "BSD licence" alone, without a
 * clause count, names no single licence and is left out. GNU licences keep
 * what the notice says: "version 3 … or (at your option) any later version"
 * is `GPL-3.0-or-later`, "version 3" alone is `GPL-3.0-only`.
 */
import { parseLicenseExpression } from './policy.js';
import { lineIndex } from '../text/line-index.js';

export interface NamedLicense {
  /** SPDX id or expression. */
  spdx: string;
  /** 1-based line of the notice. */
  line: number;
  /** The words that named it, for the report. */
  phrase: string;
  /**
   * The part of the work the notice gives this licence to, when it names one
   * ("Software: AGPL-3.0 … Data: CC-BY-SA-4.0", "the content is licensed
   * under CC-BY-4.0"): one notice per part, never an AND of them.
   */
  part?: NoticePart;
  /** The words before the notice in its sentence, which say what is licensed ("The Laravel framework is open-sourced software"). */
  subject?: string;
}

export type NoticePart = 'software' | 'content' | 'data' | 'documentation';

/**
 * A label naming a part: `Data:`, `**Content**:`, `the documentation is
 * licensed`, `source code used to display it is licensed`. Words inside
 * licence names ("Open Database License", "Open Data Commons") are not
 * labels: they are followed by neither a colon nor, within the clause, a verb
 * of licensing.
 */
const PART_WORD = '(software|source[- ]code|code(?:base)?|application|programs?|data(?:sets?)?|databases?|content|documentation|docs|images|media|assets|texts?|materials?|artwork|designs?)';
/** A part word labelling the clause directly: `Data:`, `the code is released`, `docs under`. */
const PART_LABEL_DIRECT = new RegExp(`\\b${PART_WORD}\\b(?=(?:\\*\\*)?\\s*(?:\\*\\*)?\\s*[:–—]\\s|\\s+(?:is\\s+|are\\s+)?(?:under|licen[cs]ed|released|available|published|distributed)\\b)`, 'i');
/** A part word some words before the verb: `the data used to train it is licensed`. */
const PART_LABEL_NEAR = new RegExp(`\\b${PART_WORD}\\b(?=[^.;:]{0,70}?\\b(?:is|are)\\s+(?:(?:also|both)\\s+)?(?:licen[cs]ed|released|available|published|distributed|provided|covered|made available)\\b)`, 'i');
/** Clause boundaries: ", and the …", "; ", ". ", and a new "Label:" (list items flattened onto one line). */
const CLAUSE = new RegExp(`,\\s*(?:and|while|whereas|but)\\s+|;\\s+|\\.\\s+|\\s+and\\s+(?=(?:the\\s+|all\\s+|its\\s+)?(?:${PART_WORD.slice(1)}\\b)|`
  + /\s+(?=(?:[-*•]\s+)?(?:\*\*)?[A-Z][A-Za-z ]{1,30}(?:\*\*)?\s*:\s)|\s+[-*•]\s+(?=(?:\*\*)?[A-Z])/.source);

function partOfLabel(word: string): NoticePart {
  const w = word.toLowerCase();
  if (/^(data|database)/.test(w)) return 'data';
  if (/^(documentation|docs)$/.test(w)) return 'documentation';
  if (/^(software|source|code|application|program)/.test(w)) return 'software';
  return 'content';
}

/** The licences of a phrase, one group per part it labels; undefined when it labels no part other than the software. */
export function licencesByPart(phrase: string): { part?: NoticePart; ids: string[] }[] | undefined {
  const groups: { part?: NoticePart; ids: string[] }[] = [];
  for (const clause of phrase.split(CLAUSE)) {
    const ids = namesIn(clause);
    if (ids.length === 0) continue;
    // The word right before the verb is the subject: ushahidi's "Data Provider modules - some of this code is
    // released under GPLv3" licenses code, not data.
    const label = PART_LABEL_DIRECT.exec(clause) ?? PART_LABEL_NEAR.exec(clause);
    const part = label ? partOfLabel(label[1] as string) : undefined;
    const same = groups.find((g) => g.part === part);
    if (same) same.ids.push(...ids.filter((id) => !same.ids.includes(id)));
    else groups.push({ ...(part ? { part } : {}), ids });
  }
  return groups.some((g) => g.part !== undefined && g.part !== 'software') ? groups : undefined;
}

/** Sentences that announce a licence. */
const TRIGGER = /\b(?:licen[cs]e[sd]?|released|distributed|available|published|provided|offered|made available|dual[- ]licen[cs]ed|relicen[cs]ed)\b[^.;\n\u0000]{0,40}?\b(?:under|with)\b|\bunder the (?:terms|conditions) of\b|\bsubject to the terms of\b|\bgoverned by\b|\blicen[cs]e\s*(?:[:=]|-\s)|\bspdx-license-identifier\s*:|\bthis (?:work|project|software|program|code|repository|content|data(?:set)?) is (?:licen[cs]ed|covered) (?:by|under)\b/i;

type Builder = (m: RegExpExecArray) => string | undefined;

const GNU_NAMES: Readonly<Record<string, string>> = { '': 'GPL', affero: 'AGPL', lesser: 'LGPL', library: 'LGPL', a: 'AGPL', l: 'LGPL' };

function gnu(kind: string, major: string, minor: string | undefined, later: boolean, only: boolean): string | undefined {
  const family = GNU_NAMES[kind.toLowerCase()] ?? 'GPL';
  // The "Library" GPL is version 2.0; it became the "Lesser" GPL with 2.1. A bare "LGPL v2" most often means 2.1.
  const version = `${major}.${minor ?? (family === 'LGPL' && major === '2' && kind.trim().toLowerCase() !== 'library' ? '1' : '0')}`;
  const known = ['GPL-1.0', 'GPL-2.0', 'GPL-3.0', 'LGPL-2.0', 'LGPL-2.1', 'LGPL-3.0', 'AGPL-1.0', 'AGPL-3.0'];
  const id = `${family}-${version}`;
  if (!known.includes(id)) return undefined;
  return later ? `${id}-or-later` : only ? `${id}-only` : `${id}-only`;
}

const LATER = /^[\s,]*(?:of the licen[cs]e[\s,]*)?(?:\+|or (?:\(at your option\) )?(?:any )?later(?: version)?|or newer|and later)/i;

function creativeCommons(nc: string | undefined, variant: string | undefined, version: string | undefined, port: string | undefined): string | undefined {
  const v = variant?.toLowerCase().replace(/[^a-z]/g, '');
  const kind = v === undefined || v === '' ? '' : v.startsWith('share') || v === 'sa' ? '-SA' : v.startsWith('no') || v === 'nd' ? '-ND' : '';
  const id = `CC-BY${nc ? '-NC' : ''}${kind}-${version ?? '4.0'}`;
  return port && /igo/i.test(port) ? `${id}-IGO` : id;
}

/** Names and aliases, most specific first; each returns an SPDX id or undefined. */
const NAMES: readonly [RegExp, Builder][] = [
  [/\bgnu (affero |lesser |library )?general public licen[cs]e\b[^.\n]{0,160}?\bv(?:ersion|\.)?\s*(\d)(?:\.(\d))?((?:[\s,]*of the licen[cs]e)?[\s,]*(?:\+|or (?:\(at your option\) )?(?:any )?later(?: version)?|or newer))?/i,
    (m) => gnu((m[1] ?? '').trim(), m[2] as string, m[3], Boolean(m[4]), false)],
  [/\b(a|l)?gpl[- ]?v?(\d)(?:\.(\d))?(-or-later|\+|-only)?\b/i, (m) => {
    const rest = m.input.slice((m.index ?? 0) + m[0].length);
    return gnu(m[1] ?? '', m[2] as string, m[3], m[4] === '-or-later' || m[4] === '+' || LATER.test(rest), m[4] === '-only');
  }],
  [/\bapache(?: software)?(?: licen[cs]e)?,?\s*(?:version|v\.?|-)?\s*2(?:\.0)?\b/i, () => 'Apache-2.0'],
  [/\bapache(?: software)?(?: licen[cs]e)?,?\s*(?:version|v\.?|-)?\s*1\.1\b/i, () => 'Apache-1.1'],
  [/\bmozilla public licen[cs]e,?\s*(?:version|v\.?)?\s*(\d\.\d)\b/i, (m) => `MPL-${m[1]}`],
  [/\bmpl[- ]?v?(\d\.\d)\b/i, (m) => `MPL-${m[1]}`],
  [/\beclipse public licen[cs]e,?\s*(?:version|v\.?|-)?\s*(\d\.\d)\b/i, (m) => `EPL-${m[1]}`],
  [/\bepl[- ]?v?(\d\.\d)\b/i, (m) => `EPL-${m[1]}`],
  [/\beuropean union public licen[cs]e,?\s*(?:version|v\.?)?\s*(\d\.\d)\b/i, (m) => `EUPL-${m[1]}`],
  [/\beupl[- ]?v?(\d\.\d)\b/i, (m) => `EUPL-${m[1]}`],
  [/\bmit no attribution\b|\bmit-0\b/i, () => 'MIT-0'],
  [/\b(?:the )?mit(?: licen[cs]e|\b)(?!-)/i, () => 'MIT'],
  [/\bbsd[- ]?([234])[- ]clause\b|\b([234])[- ]clause bsd\b/i, (m) => `BSD-${m[1] ?? m[2]}-Clause`],
  [/\b(?:new|revised|modified) bsd\b|\bbsd (?:new|revised)\b/i, () => 'BSD-3-Clause'],
  [/\b(?:simplified|freebsd) bsd\b|\bbsd simplified\b/i, () => 'BSD-2-Clause'],
  [/\bisc licen[cs]e\b|\bisc\b(?!-)/i, () => 'ISC'],
  [/\bthe unlicen[cs]e\b|\bunlicen[cs]e\b/i, () => 'Unlicense'],
  [/\bboost software licen[cs]e\b/i, () => 'BSL-1.0'],
  [/\bzlib(?: licen[cs]e)?\b/i, () => 'Zlib'],
  [/\bartistic licen[cs]e,?\s*(?:version|v\.?)?\s*2\.0\b/i, () => 'Artistic-2.0'],
  [/\bserver side public licen[cs]e\b|\bsspl\b/i, () => 'SSPL-1.0'],
  [/\bbusiness source licen[cs]e\b|\bbusl\b/i, () => 'BUSL-1.1'],
  [/\belastic licen[cs]e,?\s*(?:version|v\.?)?\s*2(?:\.0)?\b|\belv2\b/i, () => 'Elastic-2.0'],
  [/\bopen database licen[cs]e\b|\bodbl\b/i, () => 'ODbL-1.0'],
  [/\bopen data commons attribution licen[cs]e\b|\bodc[- ]by\b/i, () => 'ODC-By-1.0'],
  [/\bpublic domain dedication and licen[cs]e\b|\bpddl\b/i, () => 'PDDL-1.0'],
  [/\bcc0\b|\bcreative commons zero\b|\bcc zero\b/i, () => 'CC0-1.0'],
  [/\bcreative commons (?:licen[cs]e )?attribution(?:[- ](non[- ]?commercial))?(?:[- ](share[- ]?alike|no[- ]?derivatives|no[- ]?derivs))?(?:\s+(?:licen[cs]e\s+)?(?:version\s+|v)?(\d\.\d))?(?:\s+(international|unported|generic|igo))?/i,
    (m) => creativeCommons(m[1], m[2], m[3], m[4])],
  [/\bcc[- ]by(?:[- ](nc))?(?:[- ](sa|nd))?(?:[- ]v?(\d\.\d))?(?:[- ](igo))?\b/i, (m) => creativeCommons(m[1], m[2], m[3], m[4])],
  [/\bcreativecommons\.org\/licenses\/(by(?:-nc)?(?:-sa|-nd)?)\/(\d\.\d)(?:\/(igo))?/i, (m) => {
    const parts = (m[1] as string).toLowerCase();
    return creativeCommons(parts.includes('-nc') ? 'nc' : undefined, parts.endsWith('-sa') ? 'sa' : parts.endsWith('-nd') ? 'nd' : undefined, m[2], m[3]);
  }],
  [/\bcreativecommons\.org\/publicdomain\/zero\/1\.0\b/i, () => 'CC0-1.0'],
  [/\bopensource\.org\/licen[cs]es\/([A-Za-z0-9.-]+)/i, (m) => spdxIdOf(m[1] as string)],
  [/\bapache\.org\/licenses\/LICENSE-2\.0\b/i, () => 'Apache-2.0'],
  [/\bgnu\.org\/licenses\/(a|l)?gpl(?:-(\d)\.(\d))?/i, (m) => (m[2] ? gnu(m[1] ?? '', m[2], m[3], false, false) : undefined)],
];

/** An SPDX id spelled as SPDX spells it, or undefined. */
function spdxIdOf(word: string): string | undefined {
  const parsed = parseLicenseExpression(word.replace(/\.(html?|php|txt)$/i, ''));
  return parsed.ok && parsed.tree.op === 'license' ? parsed.tree.id : undefined;
}

/** Licences a phrase names, in order, deduplicated. */
export function namesIn(phrase: string): string[] {
  const found: { at: number; id: string }[] = [];
  let rest = phrase;
  // Longest, most specific patterns first; each consumes its words so "GNU Lesser General Public License" is not also "GPL".
  for (const [pattern, build] of NAMES) {
    for (;;) {
      const match = pattern.exec(rest);
      if (!match) break;
      const id = build(match);
      if (id) found.push({ at: match.index, id });
      rest = rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length);
    }
  }
  // Bare SPDX expressions ("licensed under MIT OR Apache-2.0").
  const expression = /\b[A-Za-z0-9.+-]+(?:\s+(?:OR|AND|WITH)\s+[A-Za-z0-9.+-]+)+/.exec(rest);
  if (expression) {
    const parsed = parseLicenseExpression(expression[0]);
    if (parsed.ok) found.push({ at: expression.index, id: expression[0] });
  }
  for (const word of rest.match(/\b[A-Za-z][A-Za-z0-9.+-]*\d[A-Za-z0-9.+-]*\b/g) ?? []) {
    const id = spdxIdOf(word);
    if (id && /[-.]/.test(id)) found.push({ at: rest.indexOf(word), id });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.id))];
}

/**
 * Licence notices in a text: sentences with a trigger ("licensed under")
 * followed by a licence name. With `bare`, a short text naming a licence
 * without a trigger counts too (a README licence section that is only
 * "[The MIT License](…)", a LICENSE file saying "Apache 2.0").
 */
export function findNotices(text: string, options: { bare?: boolean; maxNotices?: number; prose?: boolean } = {}): NamedLicense[] {
  const original = text.replace(/\r\n?/g, '\n');
  // Comment leaders of a licence header (" * ", "// ", "# ") would split the names that wrap across lines
  // ("GNU\n * Lesser General Public License"); they go, the lines stay.
  const normalized = original.replace(/^[ \t]*(?:\/\*+|\*+\/?|\/\/+|#+|--|;+)[ \t]?/gm, '');
  // Sentences run over line breaks ("The ASF licenses this file\nto you under the Apache License"):
  // search the text as one line, and map positions back to lines.
  const flat = options.prose ? flattenProse(original, normalized) : normalized.replace(/\n/g, ' ');
  const lineAt = lineIndex(normalized).lineOf;
  const found: NamedLicense[] = [];
  const seen = new Set<string>();
  const max = options.maxNotices ?? 10;
  const starts: number[] = [];
  const trigger = new RegExp(TRIGGER.source, 'gi');
  for (const match of flat.matchAll(trigger)) starts.push(match.index ?? 0);
  // A short text naming a licence without a trigger: each sentence on its own ("Apache-2.0, see LICENSE.
  // Quoted texts are CC-BY-SA-4.0." names two licences for two things, not an expression).
  if (starts.length === 0 && options.bare) {
    for (const match of flat.matchAll(/(?:^|[.;!?]\s+|\s{2,}|\u0000[\s\u0000]*)(?=[^\s\u0000])/g)) starts.push((match.index ?? 0) + match[0].length);
  }
  for (const start of starts) {
    if (found.length >= max) break;
    const sentence = flat.slice(start, start + 400).replace(/\s+/g, ' ');
    let phrase = sentence.slice(0, sentenceEnd(sentence));
    let ids = namesIn(phrase);
    if (ids.length === 0 && phrase.length < sentence.length && sentence[phrase.length] === '\u0000') {
      // A sentence that stops at a list or a paragraph before naming a licence introduces it: "Licensed under
      // either of⏎⏎ * Apache License, Version 2.0⏎ * MIT license⏎⏎at your option." reads on as one sentence.
      const joined = sentence.replace(/\u0000/g, ' ');
      phrase = joined.slice(0, sentenceEnd(joined));
      ids = namesIn(phrase);
    }
    if (ids.length === 0) continue;
    // The words before the trigger in its sentence say what is licensed: "The data is [licensed under …]".
    const lineStart = normalized.lastIndexOf('\n', start - 1) + 1;
    const lead = normalized.slice(lineStart, start).split(/[.!?;]\s/).pop() ?? '';
    const byPart = licencesByPart(`${lead}${phrase}`);
    if (byPart) {
      for (const group of byPart) {
        const spdx = group.ids.length === 1 ? (group.ids[0] as string) : combine(phrase, group.ids);
        const key = `${spdx}\u0000${group.part ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ spdx, line: lineAt(start), phrase: phrase.trim().slice(0, 160), ...(group.part ? { part: group.part } : {}), ...subjectOf(lead) });
      }
      continue;
    }
    const spdx = ids.length === 1 ? (ids[0] as string) : combine(phrase, ids);
    if (seen.has(spdx)) continue;
    seen.add(spdx);
    found.push({ spdx, line: lineAt(start), phrase: phrase.trim().slice(0, 160), ...subjectOf(lead) });
  }
  return found;
}

function subjectOf(lead: string): Pick<NamedLicense, 'subject'> {
  const subject = lead.replace(/\s+/g, ' ').trim();
  return subject === '' ? {} : { subject: subject.slice(0, 120) };
}

/** End of the sentence a notice is in, leaving URLs and version numbers whole. */
function sentenceEnd(sentence: string): number {
  const match = /[.;](?=\s+[A-Z(]|\s*$)|\u0000/.exec(sentence.replace(/\b(?:v|version|no|inc|ver)\.\s/gi, (m) => m.replace('.', ',')));
  if (!match) return sentence.length;
  return match[0] === '\u0000' ? match.index : match.index + 1;
}

/** A line that starts an item of a markdown, reStructuredText or plain-text list. */
const LIST_ITEM = /^[ \t]*(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+\S/;

/**
 * `normalized` as one line, for prose (a README): a line break is a space, except before a list item and around a
 * blank line, where it is a NUL, which ends a sentence (`sentenceEnd`). Each item of "* **Software** … is licensed
 * under the AGPL-3.0 / * **Data** … is licensed under CC-BY-SA-4.0" is then its own notice, not one sentence giving
 * both licences to the software. Only prose: in a licence header, " * " leads every line of one sentence. Positions
 * are those of `normalized`, one character per line break.
 */
function flattenProse(original: string, normalized: string): string {
  const originalLines = original.split('\n');
  const lines = normalized.split('\n');
  let flat = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const paragraph = (lines[i - 1] as string).trim() === '' || (lines[i] as string).trim() === '';
    flat += (paragraph || LIST_ITEM.test(originalLines[i] ?? '') ? '\u0000' : ' ') + lines[i];
  }
  return flat;
}

/** Several licences in one notice: "either A or B" is a choice, "A and B" both. */
function combine(phrase: string, ids: readonly string[]): string {
  const choice = /\b(either|or|dual[- ]licen[cs]ed|at your option|your choice)\b/i.test(phrase);
  return ids.map((id) => (/\s/.test(id) ? `(${id})` : id)).join(choice ? ' OR ' : ' AND ');
}

/**
 * A file that only points to another: "See LICENSE.md", "The licence is in
 * docs/LICENSE.txt". Returns the path it names, as written.
 */
export function pointerTarget(text: string): string | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 40) return undefined;
  const match = /\b(?:see|refer to|found (?:in|at)|is (?:in|at)|located (?:in|at)|available (?:in|at)|moved to|can be found in|contained in)\s+(?:the\s+)?(?:file\s+)?[`"'[(]?((?:\.{0,2}\/)?[\w./-]*(?:licen[cs]e|copying)[\w.-]*)/i.exec(text);
  return match?.[1]?.replace(/[`"')\].,]+$/, '');
}

/**
 * The R package licence stub (`YEAR: 2024` / `COPYRIGHT HOLDER: Jane Doe`),
 * which completes `License: MIT + file LICENSE` in DESCRIPTION and is no
 * licence by itself.
 */
export function isRLicenseStub(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.length > 0 && lines.length <= 4 && lines.every((l) => /^(year|copyright holder|organi[sz]ation)\s*:/i.test(l)) && lines.some((l) => /^year\s*:/i.test(l));
}

/** Only copyright lines: no licence granted (licensee's "no-license"). */
export function isCopyrightOnly(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.length > 0 && lines.every((l) => /^(copyright|\(c\)|©|all rights reserved)/i.test(l));
}

/**
 * The licences of links marked `rel="license"`: HTML's link type for the licence of the document's main content
 * (https://html.spec.whatwg.org/multipage/links.html#link-type-license). The Creative Commons licence chooser gives
 * such a snippet ("This work is licensed under a <a rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/">
 * …"), and READMEs often end with it, below any heading.
 */
export function relLicenseLinks(text: string): { spdx: string; line: number; href: string }[] {
  const found: { spdx: string; line: number; href: string }[] = [];
  const { lineOf } = lineIndex(text);
  for (const match of text.matchAll(/<a\b[^>]*?\brel\s*=\s*(?:"[^"]*\blicense\b[^"]*"|'[^']*\blicense\b[^']*'|license\b)[^>]*>/gi)) {
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(match[0])?.[1];
    const ids = href ? namesIn(href) : [];
    if (!href || ids.length !== 1 || found.some((f) => f.spdx === ids[0])) continue;
    found.push({ spdx: ids[0] as string, line: lineOf(match.index ?? 0), href });
  }
  return found;
}

/**
 * The Creative Commons licence a text names in its title or URL (the legal
 * code's first lines, "Attribution-NonCommercial-ShareAlike 4.0
 * International"), used to tell apart CC texts whose bodies are near twins.
 */
export function creativeCommonsTitle(text: string): string | undefined {
  const head = text.slice(0, 600);
  const title = /\b(?:creative commons\s+)?attribution([- ]non[- ]?commercial)?([- ]share[- ]?alike|[- ]no[- ]?derivatives|[- ]no[- ]?derivs)?\s+(\d\.\d)\s+(international|unported|generic|igo)\b/i.exec(head);
  if (title) return creativeCommons(title[1] ? 'nc' : undefined, title[2]?.slice(1), title[3], title[4]);
  const url = /creativecommons\.org\/licenses\/(by(?:-nc)?(?:-sa|-nd)?)\/(\d\.\d)/i.exec(head);
  if (url) {
    const parts = (url[1] as string).toLowerCase();
    return creativeCommons(parts.includes('-nc') ? 'nc' : undefined, parts.endsWith('-sa') ? 'sa' : parts.endsWith('-nd') ? 'nd' : undefined, url[2], undefined);
  }
  return undefined;
}
