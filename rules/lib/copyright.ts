/**
 * Copyright lines: who a repository says holds the copyright. Read from the
 * licence files, NOTICE / COPYRIGHT files and the README, the places the
 * questionnaire's "evidence of ownership" usually points to.
 */
import type { Facts } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import type { Snapshot } from '../../src/rule-api.js';
import { isVendored, NOT_THE_PRODUCT } from '../../src/helpers.js';

export interface CopyrightLine {
  path: string;
  /** 1-based. */
  line: number;
  excerpt: string;
  holder: string;
  years?: string;
}

/** Root files besides licence files that carry copyright notices. */
const NOTICE_FILE = /^(notice|copyright|copyrights)([-._][\w.-]*)?$/i;

/** `Copyright`, `(c)`, `©` or `&copy;` at the start of a line, after comment or list marks. */
const NOTICE = /^[\s#*/;!>|-]*(?:copyright\b\s*:?\s*(\(c\)|©|&copy;)?|(©|&copy;|\(c\)))\s*(.*)$/i;
const YEARS = /^((?:1[89]|20)\d{2}(?:\s*(?:[-–—,/]|to)\s*(?:(?:1[89]|20)\d{2}|present|now))*)\s*[,.]?\s*/i;
/** The licence texts' own notices (GPL, Artistic) are not the project's. */
const LICENSE_AUTHORS = /free software foundation|the perl foundation/i;
/** Template placeholders left in: `<year> <name of author>`, `[name of copyright owner]`. */
const PLACEHOLDER = /[[{}$]|\bname of\b|\bcopyright (holder|owner)s?\b|\byour name\b|\byyyy\b/i;

/** REUSE / SPDX file headers: `SPDX-FileCopyrightText: 2023 Example Org <info@example.org>`. */
const SPDX_COPYRIGHT = /^[\s#*/;!>|-]*SPDX-FileCopyrightText:\s*(?:copyright\b\s*:?\s*)?(.*)$/i;

/** Parses one line; `undefined` unless it is a real copyright notice naming a holder. */
export function parseCopyrightLine(text: string): { holder: string; years?: string } | undefined {
  const spdx = SPDX_COPYRIGHT.exec(text);
  // An SPDX tag is a notice by definition: read what follows it as "Copyright …" (a year or © is not required).
  const match = NOTICE.exec(spdx ? `Copyright © ${(spdx[1] as string).replace(/^(\(c\)|©|&copy;)\s*/i, '')}` : text);
  if (!match) return undefined;
  const symbol = match[1] ?? match[2];
  let rest = (match[3] ?? '').trim();
  const years = YEARS.exec(rest);
  // "Copyright holders", "copyright notice": prose, not a notice. A notice has a year or a © mark.
  if (!symbol && !years) return undefined;
  // A bare "(c)" opening a line is also a list item, as in the Apache licence's section 4(c): without a year it is not a notice.
  if (!years && !match[1] && match[2]?.toLowerCase() === '(c)') return undefined;
  if (years) rest = rest.slice(years[0].length);
  rest = rest.replace(/^by\s+/i, '');
  if (!symbol && /^(\(c\)|©|&copy;)/i.test(rest)) rest = rest.replace(/^(\(c\)|©|&copy;)\s*/i, '');
  const holder = cleanHolder(rest);
  if (holder === '' || !/\p{L}/u.test(holder) || PLACEHOLDER.test(holder) || /<\s*(year|name|owner|author|copyright)/i.test(rest) || LICENSE_AUTHORS.test(holder)) return undefined;
  return years ? { holder, years: (years[1] as string).trim() } : { holder };
}

function cleanHolder(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // Markdown links → their text
    .replace(/<[^>]*>/g, '') // e-mail addresses, URLs in angle brackets, HTML tags
    .replace(/\(?https?:\/\/\S+\)?/g, '')
    .replace(/\ball rights reserved\b.*$/i, '')
    // "© Example Org, CC-BY-SA-4.0", "Copyright 2020 X, licensed under MIT": the licence is not part of the holder.
    .replace(/[,;(]\s*(licen[cs]ed under\b.*|(CC[- ]?BY|CC0|MIT|Apache|GPL|LGPL|AGPL|BSD|MPL|EUPL|ODbL)\b[\w.+-]*\)?\s*\.?)\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[,.;:\s-]+|[,.;:\s-]+$/g, '')
    .slice(0, 120)
    .trim();
}

/**
 * The files that may carry the project's copyright notice, licence files first. A licence file of vendored, test or
 * example code names other holders: the author of a jQuery plugin an admin theme ships
 * (`assets/global/plugins/bootstrap-hover-dropdown/LICENSE`) is not the candidate's owner.
 */
export function copyrightSources(snapshot: Snapshot, facts: Facts): string[] {
  const notices = snapshot.paths.filter((p) => !p.includes('/') && NOTICE_FILE.test(p));
  const ownLicenseFiles = facts.licenseFiles.filter((p) => !isVendored(p) && !NOT_THE_PRODUCT.has(facts.paths.classOf(p)));
  const sources = [...ownLicenseFiles, ...notices, ...(facts.readme ? [facts.readme] : [])];
  return [...new Set(sources)];
}

/** Copyright notices in the candidate's licence, NOTICE, COPYRIGHT and README files (at most `limit`). */
export function findCopyrightLines(snapshot: Snapshot, facts: Facts, limit = 10): CopyrightLine[] {
  const found: CopyrightLine[] = [];
  for (const path of copyrightSources(snapshot, facts)) {
    const text = snapshot.read(path)?.text;
    if (!text) continue;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length && found.length < limit; i++) {
      const line = lines[i] as string;
      if (!/copyright|©|&copy;|\(c\)/i.test(line)) continue;
      const parsed = parseCopyrightLine(line);
      if (parsed) found.push({ path, line: i + 1, excerpt: line.trim().slice(0, 200), ...parsed });
    }
    if (found.length >= limit) break;
  }
  return found;
}

/** Distinct holders, in order of appearance: "Example Org (LICENSE line 3)". */
export function describeHolders(lines: readonly CopyrightLine[]): string {
  const seen = new Map<string, CopyrightLine>();
  for (const line of lines) if (!seen.has(line.holder.toLowerCase())) seen.set(line.holder.toLowerCase(), line);
  return [...seen.values()].map((l) => `"${l.holder}" (${l.path} line ${l.line})`).join(', ');
}

export function copyrightEvidence(lines: readonly CopyrightLine[]): Evidence[] {
  return lines.map((l) => ({ kind: 'file', path: l.path, line: l.line, excerpt: l.excerpt }));
}
