/**
 * dpg-1-02 sdg-explained: every declared SDG comes with a real explanation of
 * how the solution relates to it (DPG Standard, indicator 1: "State in a
 * couple of sentences the relationship between your solution and selected
 * SDG(s)'s targets"). Real means: enough words, not a placeholder, and not the
 * same text pasted under several SDGs. Naming SDG targets (e.g. 3.8) is a plus
 * the pass message reports; reviewers look for it, the form does not require it.
 */
import { defineRule, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { STANDARD, declared, guidanceUrl, isAnswered, listOf, wordCount } from '../shared.js';
import { QUESTION_HOW_RELEVANT, QUESTION_WHICH_SDGS, validSdgs, type SdgEntry } from './sdgs.js';

/** "A couple of sentences" is rarely fewer than a dozen words. Configurable as `minWords`. */
export const DEFAULT_MIN_WORDS = 12;

/** Filler that is never an answer, wherever it appears. */
const FILLER = /lorem ipsum|dolor sit amet/i;
/**
 * Template markers. Real prose may contain them ("a todo app", "services to
 * be added"), so they count only in a short text (see `isPlaceholder`).
 */
const MARKER = /\b(todo|tbd|tba|fixme|xxx+)\b|to be (added|completed|defined|written|confirmed)|coming soon|\bplaceholder\b|\bfill (this|it) (in|out)\b|(insert|add|write) (your|the|an?) (explanation|description|text)|explain (here|how)|^\s*[<[{].*[>\]}]\s*$/i;
/** Below this many words a marker makes the whole text a placeholder. */
const MARKER_TEXT_WORDS = 25;

function isPlaceholder(text: string, words: number): boolean {
  return !isAnswered(text) || FILLER.test(text) || (words < MARKER_TEXT_WORDS && MARKER.test(text));
}

export const sdgExplained = defineRule({
  meta: {
    id: 'dpg-1-02',
    alias: 'sdg-explained',
    indicator: '1',
    title: 'Each declared SDG is explained',
    appliesTo: 'all',
    standardVersion: STANDARD,
    motivation: 'Relevance to the SDGs must be demonstrated, not just claimed: the application asks, for each selected SDG, a couple of sentences on how the solution relates to its targets.',
    messages: {
      explained: 'SDG {sdg} is explained ({words} words). Naming the SDG targets it advances (e.g. {example}) would strengthen the answer.',
      explainedWithTargets: 'SDG {sdg} is explained ({words} words), naming target(s) {targets}.',
      noDeclaration: `No declaration file: create dpg.yml (\`dpg-check init\`), answer "${QUESTION_WHICH_SDGS}" in \`sdgs\` and, for each SDG, "${QUESTION_HOW_RELEVANT}" in \`sdgs[].explanation\`.`,
      noSdgs: `No SDG is declared, so none is explained: answer "${QUESTION_WHICH_SDGS}" in \`sdgs\` and "${QUESTION_HOW_RELEVANT}" in \`sdgs[].explanation\`.`,
      missing: `SDG {sdg} has no explanation: answer "${QUESTION_HOW_RELEVANT}" in \`{key}\`, in a couple of sentences on the SDG's targets.`,
      placeholder: 'SDG {sdg}: the explanation "{excerpt}" is a placeholder, not an answer: state in a couple of sentences how the solution advances this SDG\'s targets, in `{key}`.',
      tooShort: 'SDG {sdg}: the explanation has {words} word(s), fewer than {min}: state in a couple of sentences how the solution advances this SDG\'s targets, in `{key}`.',
      duplicate: 'SDG {sdg}: the explanation is the same text as for {others}: explain for each SDG how the solution relates to it specifically, in `{key}`.',
    },
    remediation: 'For each declared SDG, write in `sdgs[].explanation` a couple of sentences on how the solution advances that goal, naming the SDG targets it serves (e.g. 3.8, see https://sdg-tracker.org/), and add links to impact evidence in `sdgs[].evidence`.',
    docsUrl: guidanceUrl('1'),
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'sdgs')] }];
    const sdgs = validSdgs(declaration.data.sdgs);
    if (sdgs.length === 0) return [{ status: 'gap', messageId: 'noSdgs', evidence: [declared(declaration, 'sdgs')] }];
    const minWords = positiveInteger(context.options.minWords) ?? DEFAULT_MIN_WORDS;
    const sameText = groupByText(sdgs);
    return sdgs.map((entry): RuleOutcome => {
      const key = `sdgs[${entry.index}].explanation`;
      const evidence = [declared(declaration, typeof entry.explanation === 'string' ? key : `sdgs[${entry.index}]`)];
      const text = typeof entry.explanation === 'string' ? entry.explanation.trim() : '';
      const base = { sdg: entry.sdg, key };
      if (text === '') return { status: 'gap', messageId: 'missing', data: base, evidence };
      const words = wordCount(text);
      if (isPlaceholder(text, words)) return { status: 'gap', messageId: 'placeholder', data: { ...base, excerpt: excerpt(text) }, evidence };
      if (words < minWords) return { status: 'gap', messageId: 'tooShort', data: { ...base, words, min: minWords }, evidence };
      const others = (sameText.get(normalise(text)) ?? []).filter((n) => n !== entry.sdg);
      if (others.length > 0) return { status: 'gap', messageId: 'duplicate', data: { ...base, others: listOf(others.map((n) => `SDG ${n}`)) }, evidence };
      const targets = targetsOf(entry);
      return targets.length > 0
        ? { status: 'pass', messageId: 'explainedWithTargets', data: { sdg: entry.sdg, words, targets: listOf(targets) }, evidence }
        : { status: 'pass', messageId: 'explained', data: { sdg: entry.sdg, words, example: `${entry.sdg}.1` }, evidence };
    });
  },
});

/** Normalised explanation text → the SDG numbers it is given for. */
function groupByText(sdgs: readonly SdgEntry[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const entry of sdgs) {
    if (typeof entry.explanation !== 'string') continue;
    const key = normalise(entry.explanation);
    if (key === '') continue;
    const numbers = groups.get(key) ?? [];
    if (!numbers.includes(entry.sdg)) numbers.push(entry.sdg);
    groups.set(key, numbers);
  }
  return groups;
}

function normalise(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/**
 * Targets of this SDG the entry names: its `targets` list, plus `N.x` in the
 * explanation when it speaks of targets or writes "SDG N.x" (a bare "3.5"
 * could be a quantity).
 */
export function targetsOf(entry: SdgEntry): string[] {
  const found = new Set<string>();
  const targetId = new RegExp(`^${entry.sdg}\\.(\\d{1,2}|[a-d])$`, 'i');
  for (const target of Array.isArray(entry.targets) ? entry.targets : []) {
    if (typeof target === 'string' && targetId.test(target.trim())) found.add(target.trim().toLowerCase());
  }
  const text = typeof entry.explanation === 'string' ? entry.explanation : '';
  const inText = /\btargets?\b/i.test(text)
    ? new RegExp(`(?<![\\d.])${entry.sdg}\\.(\\d{1,2}|[a-d])(?![\\d.]*\\d)\\b`, 'gi')
    : new RegExp(`\\bSDG\\s*${entry.sdg}\\.(\\d{1,2}|[a-d])\\b`, 'gi');
  for (const match of text.matchAll(inText)) found.add(`${entry.sdg}.${(match[1] as string).toLowerCase()}`);
  return [...found].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
