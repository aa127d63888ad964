/**
 * What a licence file, manifest, header or declaration wrote, as a valid SPDX
 * expression or `NOASSERTION` (issue 14 §3: `licenses[].spdx` is always SPDX).
 *
 * - A valid expression is kept, respelled as SPDX spells its ids (`mit` → `MIT`).
 * - Otherwise `spdx-correct` (what npm itself uses to normalise the licence
 *   field of package.json) corrects the spellings manifests really use
 *   (`The MIT License (MIT)`, `BSD-3`, `Apache License 2.0`, `GPLv3`), with
 *   `upgrade: false` so `GPLv3` stays `GPL-3.0` and is not promoted to
 *   "or later", which it does not say.
 * - It is guarded: spdx-correct also guesses where nothing can be known
 *   (`GPL` → `GPL-3.0-or-later`, `BSD` → `BSD-2-Clause`, `UNLICENSED` →
 *   `Unlicense`, `EUPL` → `UPL-1.0`). A name without a version that comes out
 *   versioned, and the markers that name no licence (`TBD`, `Proprietary`,
 *   `SEE LICENSE IN …`, `UNLICENSED`, `NONE`), give `NOASSERTION` and a reason:
 *   a person must say which licence is meant, never a confident id.
 */
import { createRequire } from 'node:module';
import { namesIn } from './notice.js';
import { parseLicenseExpression, type LicenseTree } from './policy.js';
import known from './spdx-corrections.json' with { type: 'json' };

export interface NormalizedLicense {
  /** A valid SPDX expression (SPDX's spelling), or `NOASSERTION`. */
  spdx: string;
  /** Why the value is `NOASSERTION` although something was written. */
  ambiguous?: string;
}

type Correct = typeof import('spdx-correct');
let correctModule: Correct | undefined;
/**
 * spdx-correct, loaded on first use: most values are already valid SPDX, and
 * the module sorts its tables with `localeCompare` as it loads, which costs
 * every command ICU's collator (about 20 ms) when imported eagerly (issue 13).
 */
function correct(value: string, options: { upgrade: boolean }): string | null {
  correctModule ??= createRequire(import.meta.url)('spdx-correct') as Correct;
  return correctModule(value, options);
}

/**
 * spdx-correct's answers for spellings manifests often use (`BSD-3`, `The Apache Software License, Version 2.0`),
 * so that a check meeting only those does not load it (15–21 ms). The same answers: a test compares every entry
 * with the installed spdx-correct.
 */
const KNOWN_CORRECTIONS: ReadonlyMap<string, string | null> = new Map(Object.entries(known.corrections));

/** Values that say something about licensing but name no licence. */
const NO_LICENSE: readonly [RegExp, string][] = [
  [/^unlicen[cs]ed$/i, 'npm\'s marker for code that grants no licence (it is not the Unlicense)'],
  [/^none$/i, 'no licence applies'],
  [/^(tbd|tba|todo|unknown|n\/?a|-|\?+)$/i, 'no licence chosen yet'],
  [/^(proprietary|commercial|closed|private|all rights reserved|copyright\b.*)$/i, 'a proprietary licence, not an open one'],
  [/^see licen[cs]e in\b/i, 'it points to a file rather than naming a licence'],
  [/^(other|custom|various|mixed|see (licen[cs]e|readme)\b.*)$/i, 'it names no licence'],
];

/**
 * Whether a licence field's value says something about licensing but names no licence: npm's `UNLICENSED`, a
 * copyright line, `proprietary`, `see LICENSE in …`, `none`, `TBD`…
 */
export function namesNoLicense(value: string): boolean {
  const raw = value.replace(/\s+/g, ' ').trim();
  return NO_LICENSE.some(([pattern]) => pattern.test(raw));
}

/** The text says "or later" (spdx-correct adds `-or-later` to some GNU names that do not). */
const LATER = /later|newer|\+|>=|≥/i;

/** Words that fix a licence without a version number (`New BSD` is BSD-3-Clause, `Simplified BSD` BSD-2-Clause). */
const VERSIONLESS_NAMES = /\b(new|revised|modified|simplified|freebsd|x11|expat)\b/i;

export function normalizeSpdx(value: string): NormalizedLicense {
  const raw = value.replace(/\s+/g, ' ').trim();
  if (raw === '' || raw.toUpperCase() === 'NOASSERTION') return { spdx: 'NOASSERTION' };
  const parsed = parseLicenseExpression(raw);
  if (parsed.ok) return { spdx: spell(parsed.tree) };
  for (const [pattern, why] of NO_LICENSE) if (pattern.test(raw)) return { spdx: 'NOASSERTION', ambiguous: `"${raw}" names no licence: ${why}` };
  const corrected = safeCorrect(raw);
  if (corrected) {
    const ok = parseLicenseExpression(corrected);
    if (ok.ok) {
      // spdx-correct supplies a version the text does not have: GPL → GPL-3.0-or-later, BSD → BSD-2-Clause, EUPL → UPL-1.0.
      if (!/\d/.test(raw) && /\d/.test(corrected) && !VERSIONLESS_NAMES.test(raw)) {
        return { spdx: 'NOASSERTION', ambiguous: `"${raw}" names no version (spdx-correct would guess ${corrected}): say which licence is meant` };
      }
      // …or another version than the text names ("Eclipse Public License 2.0" → EPL-1.0): not a correction.
      if (sameVersions(raw, corrected)) return { spdx: spell(ok.tree).replace(/-or-later\b/g, (later) => (LATER.test(raw) ? later : '')) };
    }
  }
  // Names spdx-correct does not know ("ISC License", a notice's wording): the notice reader's names, when it finds exactly one.
  const named = namesIn(raw);
  if (named.length === 1) {
    const ok = parseLicenseExpression(named[0] as string);
    if (ok.ok) return { spdx: spell(ok.tree) };
  }
  return { spdx: 'NOASSERTION', ambiguous: `"${clip(raw)}" is not an SPDX licence expression, and no single licence could be read from it` };
}

/** Whether a value is a valid SPDX expression as written (SPDX's spelling), or NOASSERTION. */
export function isSpdxOrNoassertion(value: string): boolean {
  if (value === 'NOASSERTION') return true;
  const parsed = parseLicenseExpression(value);
  return parsed.ok && spell(parsed.tree) === value.replace(/\s+/g, ' ').trim();
}

/** Every major version the text names is a version of the correction (`GPL v2` → GPL-2.0; `BSD-3` → BSD-3-Clause). */
function sameVersions(raw: string, corrected: string): boolean {
  const majors = (text: string): string[] => [...text.matchAll(/(?<![\d.])(\d+)(?:\.\d+)*/g)].map((m) => m[1] as string);
  const wanted = majors(raw.replace(/\b(19|20)\d\d\b/g, ''));
  const got = new Set(majors(corrected));
  return wanted.every((v) => got.has(v));
}

function safeCorrect(raw: string): string | null {
  const cached = KNOWN_CORRECTIONS.get(raw);
  if (cached !== undefined) return cached;
  try {
    return correct(raw, { upgrade: false });
  } catch {
    return null;
  }
}

/** The expression in SPDX's spelling, brackets only where needed (AND binds tighter than OR). */
export function spell(tree: LicenseTree, parent?: 'and' | 'or'): string {
  if (tree.op === 'license') return `${tree.id}${tree.plus ? '+' : ''}${tree.exception ? ` WITH ${tree.exception}` : ''}`;
  const text = `${spell(tree.left, tree.op)} ${tree.op.toUpperCase()} ${spell(tree.right, tree.op)}`;
  return parent === 'and' && tree.op === 'or' ? `(${text})` : text;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
