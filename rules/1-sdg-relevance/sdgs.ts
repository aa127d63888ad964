/** What the indicator-1 rules share: the questionnaire's wording and SDG hints from the repository. */
import type { RuleContext } from '../../src/rule-api.js';
import type { Declaration } from '../../src/declaration/types.js';
import type { Evidence } from '../../src/model.js';
import { findLine } from '../shared.js';

export const QUESTION_WHICH_SDGS = 'Which SDGs is your solution relevant to?';
export const QUESTION_HOW_RELEVANT = "How is your solution relevant to each SDG you've selected above?";

export type SdgEntry = NonNullable<Declaration['sdgs']>[number];

/** Declared SDG entries with a goal number 1–17, keeping their index in the declaration. */
export function validSdgs(sdgs: Declaration['sdgs'] | undefined): (SdgEntry & { index: number })[] {
  if (!Array.isArray(sdgs)) return [];
  return sdgs
    .map((entry, index) => ({ ...entry, index }))
    .filter((entry) => typeof entry?.sdg === 'number' && Number.isInteger(entry.sdg) && entry.sdg >= 1 && entry.sdg <= 17);
}

export interface SdgHint { sdg: number; where: string; evidence: Evidence }

const TOPIC = /^sdgs?-?0?(\d{1,2})$/i;
const README_MENTION = /\b(?:SDG|Sustainable Development Goal)\s*#?\s*0?(\d{1,2})\b/gi;

/** SDGs the repository points at without declaring them: host topics (`sdg-3`) and README mentions ("SDG 3"). */
export function sdgHints(context: RuleContext): SdgHint[] {
  const hints = new Map<number, SdgHint>();
  const add = (sdg: number, hint: Omit<SdgHint, 'sdg'>): void => {
    if (sdg >= 1 && sdg <= 17 && !hints.has(sdg)) hints.set(sdg, { sdg, ...hint });
  };
  for (const topic of context.snapshot.host?.topics ?? []) {
    const match = TOPIC.exec(topic);
    if (match) add(Number(match[1]), { where: `topic \`${topic}\``, evidence: { kind: 'host', key: 'topics', value: topic } });
  }
  const readme = context.facts.readme;
  const text = readme ? context.snapshot.read(readme)?.text : undefined;
  if (readme && text) {
    for (const match of text.matchAll(README_MENTION)) {
      const sdg = Number(match[1]);
      if (hints.has(sdg)) continue;
      const at = findLine(text, new RegExp(`\\b(?:SDG|Sustainable Development Goal)\\s*#?\\s*0?${sdg}\\b`, 'i'));
      add(sdg, { where: `${readme}${at ? ` line ${at.line}` : ''}`, evidence: at ? { kind: 'file', path: readme, line: at.line, excerpt: at.excerpt } : { kind: 'file', path: readme } });
    }
  }
  return [...hints.values()].sort((a, b) => a.sdg - b.sdg);
}
