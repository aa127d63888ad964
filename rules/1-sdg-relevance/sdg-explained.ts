/**
 * dpg-1-02 sdg-explained: every declared SDG comes with a real explanation of
 * how the solution relates to it (DPG Standard, indicator 1: "State in a
 * couple of sentences the relationship between your solution and selected
 * SDG(s)'s targets"). Real means: enough words, not a placeholder, and not the
 * same text pasted under several SDGs. Naming SDG targets (e.g. 3.8) is a plus
 * the pass message reports; reviewers look for it, the form does not require it.
 *
 * Deeper reading (issue 7): an explanation that only restates the goal ("Ensure
 * healthy lives and promote well-being for all") is boilerplate; two
 * explanations that are nearly the same text are copies; an explanation that
 * names none of the goal's themes and none of its targets does not say how the
 * solution relates to *this* goal (the DPGA's impact-and-breadth framework asks
 * applicants to "be specific about the target, not just the SDG number",
 * shared/reference/impact-and-breadth.md). Targets listed in `targets` are
 * checked against the 169 targets of the 2030 Agenda (goals.json).
 *
 * What counts (policy, https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#1-relevance-to-sustainable-development-goals:
 * "must demonstrate relevance to advancing the SDGs"; the registry's approved
 * entries are the reviewers' practice):
 * - an SDG with no written explanation but a supporting link (an article, an
 *   impact page) is demonstrated by that link, for a reviewer to read — the
 *   registry's form took "evidence text or URL" per SDG, and approved DPGs
 *   answered with links alone; a text too short to judge with a link, the same;
 * - one explanation given for several SDGs counts for each SDG it speaks of:
 *   by number ("SDG 4", "Goal 4"), by target, or by naming the goal's
 *   themes at least twice (one passing word such as "access" is not enough); for an
 *   SDG it does not speak of, it is a gap asking for that SDG's own
 *   explanation.
 */
import { defineRuleDraft, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import { LINK_NOT_FOUND, sortEvidenceLinks, declared, isAnswered, linkEvidence, listOf, unresolvedLinkGaps, wordCount, REQUIREMENT } from '../../src/helpers.js';
import { QUESTION_HOW_RELEVANT, QUESTION_WHICH_SDGS, goal, readTargets, restatesGoal, similarity, validSdgs, type SdgEntry } from '../lib/sdgs.js';

export { targetsOf } from '../lib/sdgs.js';

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
/** Two explanations at least this alike (see `similarity`) are one text copied. Configurable as `maxSimilarity`. */
export const DEFAULT_MAX_SIMILARITY = 0.8;

function isPlaceholder(text: string, words: number): boolean {
  return !isAnswered(text) || FILLER.test(text) || (words < MARKER_TEXT_WORDS && MARKER.test(text));
}

export const sdgExplained = defineRuleDraft({
  meta: {
    id: 'dpg-1-02',
    alias: 'sdg-explained',
    level: 'requirement',
    requirement: REQUIREMENT['1'],
    policy: { fail: '—', gap: 'a declared SDG has no explanation or supporting link of its own, or its text does not speak of that goal' },
    title: 'Each declared SDG is explained',
    appliesTo: 'all',
    motivation: 'Relevance to the SDGs must be demonstrated, not just claimed: the application asks, for each selected SDG, a couple of sentences on how the solution relates to its targets.',
    messages: {
      explained: 'SDG {sdg} is explained ({words} words). Naming the SDG targets it advances (e.g. {example}) would strengthen the answer.',
      explainedWithTargets: 'SDG {sdg} is explained ({words} words), naming target(s) {targets}.',
      noDeclaration: `No declaration file: create dpg.yml (\`dpg-check init\`), answer "${QUESTION_WHICH_SDGS}" in \`sdgs\` and, for each SDG, "${QUESTION_HOW_RELEVANT}" in \`sdgs[].explanation\`.`,
      noSdgs: `No SDG is declared, so none is explained: answer "${QUESTION_WHICH_SDGS}" in \`sdgs\` and "${QUESTION_HOW_RELEVANT}" in \`sdgs[].explanation\`.`,
      missing: `SDG {sdg} has no explanation and no supporting link: answer "${QUESTION_HOW_RELEVANT}" in \`{key}\`, in a couple of sentences on the SDG's targets.`,
      evidenceOnly: 'SDG {sdg}: relevance is supported by {links}{short}; a reviewer reads it. A couple of sentences in `{key}` on the SDG\'s targets would make the answer self-contained.',
      sharedExplained: 'SDG {sdg} is explained by the text also given for {others} ({words} words), which speaks of this goal ({themes}).',
      placeholder: 'SDG {sdg}: the explanation "{excerpt}" is a placeholder, not an answer: state in a couple of sentences how the solution advances this SDG\'s targets, in `{key}`.',
      tooShort: 'SDG {sdg}: the explanation has {words} word(s), fewer than {min}: state in a couple of sentences how the solution advances this SDG\'s targets, in `{key}`.',
      duplicate: 'SDG {sdg} ({title}): the explanation is the same text as for {others} and does not speak of this goal (by its number, a target or its themes, e.g. {themes}): how does the solution relate to SDG {sdg} specifically? Answer in `{key}`.',
      duplicates: 'SDG {sdgs} have the same explanation{shared}, and it speaks of none of them (by number, a target or the goal\'s themes): how does the solution relate to each of them? Answer for each in its own explanation ({keys}).',
      nearDuplicate: 'SDG {sdg} ({title}): the explanation is nearly the same text as for {others} ({percent}% of its words shared) and does not speak of this goal (by its number, a target or its themes, e.g. {themes}): how does the solution relate to SDG {sdg} specifically? Answer in `{key}`.',
      restatesGoal: 'SDG {sdg}: the explanation "{excerpt}" restates the goal ({title}) instead of saying how the solution advances it: describe what the solution does for this goal, and for whom, in `{key}`.',
      offTopic: 'SDG {sdg} ({title}): the explanation names none of the goal\'s themes (e.g. {themes}) and none of its targets, so it does not say how the solution relates to this goal: explain the link, naming the target(s) it serves, in `{key}`.',
      linkNotFound: LINK_NOT_FOUND,
      badTargets: 'SDG {sdg}: `{key}` lists {problems}: SDG {sdg}\'s targets are {range} (https://sdgs.un.org/goals/goal{sdg}).',
    },
    remediation: 'For each declared SDG, write in `sdgs[].explanation` a couple of sentences on how the solution advances that goal, naming the SDG targets it serves (e.g. 3.8, see https://sdg-tracker.org/), and add links to impact evidence in `sdgs[].evidence`.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minWords: { type: 'integer', minimum: 1, default: DEFAULT_MIN_WORDS, description: 'Fewer words than this, and an explanation naming no target is too short to say how the solution advances the goal.' },
        maxSimilarity: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: DEFAULT_MAX_SIMILARITY, description: 'Explanations of different SDGs this similar (0–1) are one text repeated.' },
      },
    },
  },
  check(context: RuleContext): RuleOutcome[] {
    const { declaration, snapshot } = context;
    if (declaration.data === undefined) return [{ status: 'gap', messageId: 'noDeclaration', evidence: [declared(declaration, 'sdgs')] }];
    const sdgs = validSdgs(declaration.data.sdgs);
    if (sdgs.length === 0) return [{ status: 'gap', messageId: 'noSdgs', evidence: [declared(declaration, 'sdgs')] }];
    const minWords = positiveInteger(context.options.minWords) ?? DEFAULT_MIN_WORDS;
    const maxSimilarity = fraction(context.options.maxSimilarity) ?? DEFAULT_MAX_SIMILARITY;
    const sameText = groupByText(sdgs);
    const outcomes: RuleOutcome[] = [];
    /** The `duplicate` gaps by the text they share: several are one question (openg2p: one text under ten SDGs). */
    const duplicatesByText = new Map<string, { outcome: RuleOutcome; entry: SdgEntry & { index: number } }[]>();
    for (const entry of sdgs) {
      const outcome = explanationOutcome(entry);
      outcomes.push(outcome);
      if (outcome.messageId === 'duplicate') {
        const text = normalise(entry.explanation as string);
        duplicatesByText.set(text, [...(duplicatesByText.get(text) ?? []), { outcome, entry }]);
      }
      outcomes.push(...unresolvedLinkGaps(entry.evidence, `sdgs[${entry.index}].evidence`, snapshot, declaration));
      const targets = readTargets(entry);
      if (targets.unknown.length > 0 || targets.otherGoal.length > 0) {
        const problems = [
          ...(targets.unknown.length > 0 ? [`${listOf(targets.unknown)}, which ${targets.unknown.length === 1 ? 'is not a target' : 'are not targets'} of the 2030 Agenda`] : []),
          ...(targets.otherGoal.length > 0 ? [`${listOf(targets.otherGoal)}, which belong${targets.otherGoal.length === 1 ? 's' : ''} to another goal (declare that SDG too)`] : []),
        ];
        outcomes.push({ status: 'gap', messageId: 'badTargets', data: { sdg: entry.sdg, key: `sdgs[${entry.index}].targets`, problems: problems.join('; and '), range: targetRange(entry.sdg) }, evidence: [declared(declaration, `sdgs[${entry.index}].targets`)] });
      }
    }
    for (const [text, group] of duplicatesByText) {
      if (group.length < 2) continue;
      const numbers = group.map((g) => g.entry.sdg);
      const others = (sameText.get(text) ?? []).filter((n) => !numbers.includes(n));
      const keys = group.map((g) => `sdgs[${g.entry.index}].explanation`);
      const merged: RuleOutcome = {
        status: 'gap',
        messageId: 'duplicates',
        data: { sdgs: listOf(numbers.map(String)), shared: others.length > 0 ? ` as ${listOf(others.map((n) => `SDG ${n}`))}` : '', keys: listOf(keys.map((key) => `\`${key}\``)) },
        evidence: keys.map((key) => declared(declaration, key)),
      };
      outcomes.splice(outcomes.indexOf(group[0]!.outcome), 1, merged);
      for (const { outcome } of group.slice(1)) outcomes.splice(outcomes.indexOf(outcome), 1);
    }
    return outcomes;

    function explanationOutcome(entry: SdgEntry & { index: number }): RuleOutcome {
      const key = `sdgs[${entry.index}].explanation`;
      const evidence = [declared(declaration, typeof entry.explanation === 'string' ? key : `sdgs[${entry.index}]`)];
      const text = typeof entry.explanation === 'string' ? entry.explanation.trim() : '';
      const base = { sdg: entry.sdg, key };
      const links = sortEvidenceLinks(entry.evidence, snapshot).good;
      const linked = (short: string): RuleOutcome => ({ status: 'pass', messageId: 'evidenceOnly', data: { ...base, links: listOf(links), short }, evidence: [...evidence, ...linkEvidence(links)] });
      if (text === '') return links.length > 0 ? linked('') : { status: 'gap', messageId: 'missing', data: base, evidence };
      const words = wordCount(text);
      if (isPlaceholder(text, words)) return { status: 'gap', messageId: 'placeholder', data: { ...base, excerpt: excerpt(text) }, evidence };
      if (words < minWords) return links.length > 0 ? linked(` (the explanation itself has ${words} word(s))`) : { status: 'gap', messageId: 'tooShort', data: { ...base, words, min: minWords }, evidence };
      const title = goal(entry.sdg)?.title ?? `SDG ${entry.sdg}`;
      if (restatesGoal(text, entry.sdg)) return { status: 'gap', messageId: 'restatesGoal', data: { ...base, excerpt: excerpt(text), title }, evidence };
      const targets = readTargets(entry).valid;
      const theGoal = goal(entry.sdg);
      // A shared text counts for the goals it speaks of: it then relates the solution to this goal too.
      const speaksOfGoal = targets.length > 0 || namesGoal(text, entry.sdg) || themeMentions(text, entry.sdg) >= 2;
      const themes = theGoal?.examples ?? '';
      const others = (sameText.get(normalise(text)) ?? []).filter((n) => n !== entry.sdg);
      if (others.length > 0) {
        const othersText = listOf(others.map((n) => `SDG ${n}`));
        return speaksOfGoal
          ? { status: 'pass', messageId: 'sharedExplained', data: { sdg: entry.sdg, others: othersText, words, themes: themeFound(text, entry.sdg) }, evidence }
          : { status: 'gap', messageId: 'duplicate', data: { ...base, others: othersText, title, themes }, evidence };
      }
      const near = sdgs
        .filter((other) => other.sdg !== entry.sdg && typeof other.explanation === 'string')
        .map((other) => ({ sdg: other.sdg, score: similarity(text, other.explanation as string) }))
        .filter((other) => other.score >= maxSimilarity);
      if (near.length > 0 && !speaksOfGoal) {
        const percent = Math.round(Math.max(...near.map((n) => n.score)) * 100);
        return { status: 'gap', messageId: 'nearDuplicate', data: { ...base, others: listOf([...new Set(near.map((n) => `SDG ${n.sdg}`))]), percent, title, themes }, evidence };
      }
      if (targets.length === 0 && theGoal && !theGoal.themes.test(text)) {
        return { status: 'gap', messageId: 'offTopic', data: { ...base, title, themes: theGoal.examples }, evidence };
      }
      return targets.length > 0
        ? { status: 'pass', messageId: 'explainedWithTargets', data: { sdg: entry.sdg, words, targets: listOf(targets) }, evidence }
        : { status: 'pass', messageId: 'explained', data: { sdg: entry.sdg, words, example: `${entry.sdg}.1` }, evidence };
    }
  },
});

/** `3.1–3.9 and 3.a–3.d` for messages. */
function targetRange(sdg: number): string {
  const targets = goal(sdg)?.targets ?? [];
  const numbered = targets.filter((t) => /\.\d+$/.test(t));
  const lettered = targets.filter((t) => /\.[a-d]$/.test(t));
  const span = (list: string[]): string => (list.length > 1 ? `${list[0] as string}–${list[list.length - 1] as string}` : list.join(''));
  return [span(numbered), span(lettered)].filter((s) => s !== '').join(' and ');
}

function fraction(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 && value <= 1 ? value : undefined;
}

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

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/** The goal's themes the text names, distinct, lower case. */
function themesNamed(text: string, sdg: number): string[] {
  const themes = goal(sdg)?.themes;
  if (!themes) return [];
  const all = new RegExp(themes.source, themes.flags.includes('g') ? themes.flags : `${themes.flags}g`);
  return [...new Set([...text.matchAll(all)].map((m) => m[0].toLowerCase()))];
}

/** How many times the text names one of the goal's themes. */
function themeMentions(text: string, sdg: number): number {
  const themes = goal(sdg)?.themes;
  if (!themes) return 0;
  return [...text.matchAll(new RegExp(themes.source, themes.flags.includes('g') ? themes.flags : `${themes.flags}g`))].length;
}

/** "SDG 4", "SDG4", "Goal 4", "SDG #4". */
function namesGoal(text: string, sdg: number): boolean {
  return new RegExp(`\\b(SDG|goal)\\s*#?\\s*${sdg}(?![\\d.])`, 'i').test(text);
}

/** For the message: the themes named, or the goal's number. */
function themeFound(text: string, sdg: number): string {
  const named = themesNamed(text, sdg);
  return named.length > 0 ? listOf(named.slice(0, 3).map((t) => `"${t}"`)) : `SDG ${sdg}`;
}
