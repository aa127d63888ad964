/** What the indicator-1 rules share: the questionnaire's wording, the goals and their targets, and SDG hints from the repository. */
import type { RuleContext } from '../../src/rule-api.js';
import type { Declaration } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { findLine, compareNumbered } from '../../src/helpers.js';
import table from '../1-sdg-relevance/goals.json' with { type: 'json' };

export const QUESTION_WHICH_SDGS = 'Which SDGs is your solution relevant to?';
export const QUESTION_HOW_RELEVANT = "How is your solution relevant to each SDG you've selected above?";

export type SdgEntry = NonNullable<Declaration['sdgs']>[number];

export interface Goal {
  sdg: number;
  /** Short name, e.g. "Good Health and Well-being". */
  title: string;
  /** The goal as the 2030 Agenda states it. */
  statement: string;
  /** Every target id of the goal: `3.1` … `3.9`, `3.a` … `3.d`. */
  targets: readonly string[];
  /** A few theme words for messages, e.g. "health, disease, patients, care". */
  examples: string;
  /** Words an explanation of this goal is expected to use (one of them at least). */
  themes: RegExp;
}

const GOALS: ReadonlyMap<number, Goal> = new Map(Object.entries(table.goals).map(([n, g]) => [Number(n), {
  sdg: Number(n), title: g.title, statement: g.statement, targets: g.targets, examples: g.examples, themes: new RegExp(g.themes, 'i'),
}]));
const FILLER_WORD = new RegExp(table.explanationFiller, 'i');

export function goal(sdg: number): Goal | undefined {
  return GOALS.get(sdg);
}

/** Declared SDG entries with a goal number 1–17, keeping their index in the declaration. */
export function validSdgs(sdgs: Declaration['sdgs'] | undefined): (SdgEntry & { index: number })[] {
  if (!Array.isArray(sdgs)) return [];
  return sdgs
    .map((entry, index) => ({ ...entry, index }))
    .filter((entry) => typeof entry?.sdg === 'number' && Number.isInteger(entry.sdg) && entry.sdg >= 1 && entry.sdg <= 17);
}

/** Lower-case words (letters and digits) of a text. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Whether an explanation only restates the goal: once the goal's own title and
 * statement, its number and filler ("our solution contributes to…") are taken
 * out, fewer than `minOwnWords` words of the applicant's own remain.
 */
/** Each goal's words, made once: a registry batch asked for them again for every SDG of every candidate. */
const GOAL_WORDS = new Map<number, ReadonlySet<string>>();

export function restatesGoal(text: string, sdg: number, minOwnWords = 4): boolean {
  const target = goal(sdg);
  if (!target) return false;
  let goalWords = GOAL_WORDS.get(sdg);
  if (!goalWords) GOAL_WORDS.set(sdg, (goalWords = new Set(words(`${target.title} ${target.statement}`))));
  const own = words(text).filter((w) => !goalWords.has(w) && !FILLER_WORD.test(w) && !/^\d+$/.test(w));
  return own.length < minOwnWords;
}

/**
 * How alike two explanations are: the Jaccard index of their sets of words
 * of four letters or more (short words say little about content). 1 for the
 * same text, reordered or re-cased; small edits to a long text stay near 1.
 */
export function similarity(a: string, b: string): number {
  const setA = new Set(words(a).filter((w) => w.length >= 4));
  const setB = new Set(words(b).filter((w) => w.length >= 4));
  if (setA.size === 0 || setB.size === 0) return 0;
  let shared = 0;
  for (const w of setA) if (setB.has(w)) shared++;
  return shared / (setA.size + setB.size - shared);
}

export interface TargetReading {
  /** Valid targets of this SDG that the entry names. */
  valid: string[];
  /** Target ids named that do not exist (e.g. `3.14`). */
  unknown: string[];
  /** Targets of another goal listed under this one (e.g. `4.1` under SDG 3). */
  otherGoal: string[];
}

/**
 * Targets of this SDG the entry names: its `targets` list, plus `N.x` in the
 * explanation when it speaks of targets or writes "SDG N.x" (a bare "3.5"
 * could be a quantity). The `targets` list is checked against the 169 targets.
 */
export function readTargets(entry: SdgEntry): TargetReading {
  const result: TargetReading = { valid: [], unknown: [], otherGoal: [] };
  const add = (list: string[], id: string): void => { if (!list.includes(id)) list.push(id); };
  const known = new Set(goal(entry.sdg)?.targets ?? []);
  for (const raw of Array.isArray(entry.targets) ? entry.targets : []) {
    if (typeof raw !== 'string') continue;
    const id = raw.trim().toLowerCase().replace(/^(sdg|target)\s*/i, '');
    const match = /^(\d{1,2})\.(\d{1,2}|[a-d])$/.exec(id);
    if (!match) { add(result.unknown, raw.trim()); continue; }
    if (Number(match[1]) !== entry.sdg) add(goal(Number(match[1]))?.targets.includes(id) ? result.otherGoal : result.unknown, id);
    else add(known.has(id) ? result.valid : result.unknown, id);
  }
  const text = typeof entry.explanation === 'string' ? entry.explanation : '';
  const inText = /\btargets?\b/i.test(text)
    ? new RegExp(`(?<![\\d.])${entry.sdg}\\.(\\d{1,2}|[a-d])(?![\\d.]*\\d)\\b`, 'gi')
    : new RegExp(`\\bSDG\\s*${entry.sdg}\\.(\\d{1,2}|[a-d])\\b`, 'gi');
  for (const match of text.matchAll(inText)) {
    const id = `${entry.sdg}.${(match[1] as string).toLowerCase()}`;
    // In prose an unknown id is more likely a number than a wrong target: it is left out, not reported.
    if (known.has(id)) add(result.valid, id);
  }
    return { valid: result.valid.sort(compareNumbered), unknown: result.unknown.sort(compareNumbered), otherGoal: result.otherGoal.sort(compareNumbered) };
}

/** Targets of this SDG the entry names, sorted (see `readTargets`). */
export function targetsOf(entry: SdgEntry): string[] {
  return readTargets(entry).valid;
}

export interface SdgHint { sdg: number; where: string; evidence: Evidence }

const TOPIC = /^(?:un-?)?sdgs?-?0?(\d{1,2})$/i;
const README_MENTION = /\b(?:SDG|Sustainable Development Goal)\s*#?\s*0?(\d{1,2})\b/gi;

/** SDGs the host's topics name (`sdg-3`, `sdg3`, `sdgs-13`), with the topic as evidence. */
export function topicSdgs(context: RuleContext): SdgHint[] {
  const found = new Map<number, SdgHint>();
  for (const topic of context.snapshot.host?.topics ?? []) {
    const match = TOPIC.exec(topic);
    const sdg = match ? Number(match[1]) : 0;
    if (sdg >= 1 && sdg <= 17 && !found.has(sdg)) found.set(sdg, { sdg, where: `topic \`${topic}\``, evidence: { kind: 'host', key: 'topics', value: topic } });
  }
  return [...found.values()].sort((a, b) => a.sdg - b.sdg);
}

/** SDGs the repository points at without declaring them: host topics (`sdg-3`) and README mentions ("SDG 3"). */
export function sdgHints(context: RuleContext): SdgHint[] {
  const hints = new Map<number, SdgHint>(topicSdgs(context).map((h) => [h.sdg, h]));
  const add = (sdg: number, hint: Omit<SdgHint, 'sdg'>): void => {
    if (sdg >= 1 && sdg <= 17 && !hints.has(sdg)) hints.set(sdg, { sdg, ...hint });
  };
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
