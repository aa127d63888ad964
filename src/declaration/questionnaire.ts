/**
 * Questionnaire completeness: how many of the DPG application's questions the
 * declaration answers, with the unanswered ones listed. For product owners
 * preparing an application; it never changes a verdict (a missing answer is an
 * evidence gap of the rule that needs it, not a fail).
 */
import table from './questionnaire.json' with { type: 'json' };
import type { Declaration } from './types.js';
import type { IndicatorId, QuestionnaireSummary, SolutionType } from '../model.js';

interface Question {
  indicator: IndicatorId | 'general';
  key: string;
  /** Other keys that answer the question as well (the same answer in words rather than as a list). */
  or?: string[];
  question: string;
  /** Asked only when another answer has (or has not) this value. */
  when?: { key: string; equals?: unknown; notEquals?: unknown };
  /** Asked only of these solution types. */
  types?: SolutionType[];
}

const QUESTIONS = table.questions as Question[];

/** The value at a dotted key; `a[].b` collects `b` of every item of `a`. */
function valueAt(data: unknown, key: string): unknown {
  let values: unknown[] = [data];
  for (const part of key.split('.')) {
    const each = part.endsWith('[]');
    const name = each ? part.slice(0, -2) : part;
    values = values.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[name] : undefined;
      return each ? (Array.isArray(next) ? next : []) : [next];
    });
  }
  return key.includes('[]') ? (values.length > 0 && values.every(isAnswered) ? values : undefined) : values[0];
}

function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value).some(isAnswered);
  return true; // booleans and numbers: an explicit answer, "No" included
}

export function questionnaireSummary(data: Readonly<Declaration> | undefined, types: readonly SolutionType[]): QuestionnaireSummary {
  const asked = QUESTIONS.filter((q) => {
    if (q.types && !q.types.some((t) => types.includes(t))) return false;
    if (!q.when) return true;
    const value = valueAt(data, q.when.key);
    if ('equals' in q.when) return value === q.when.equals;
    return value !== undefined && value !== q.when.notEquals;
  });
  const unanswered = asked.filter((q) => ![q.key, ...(q.or ?? [])].some((key) => isAnswered(valueAt(data, key))));
  return {
    answered: asked.length - unanswered.length,
    total: asked.length,
    unanswered: unanswered.map((q) => ({ indicator: q.indicator, key: q.key, question: q.question })),
  };
}
