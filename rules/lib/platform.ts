/** What the indicator-4 rules share: the questionnaire's wording. */
import type { DeclarationView } from '../../src/rule-api.js';

export const QUESTION_CLOSED = 'Does this solution use any closed components that create proprietary dependency?';
export const QUESTION_REPLACE = 'How can these closed component(s) be replaced with open alternative(s)?';
export const QUESTION_CORE = 'Which are the core technologies your solution depends on?';

export function declarationFile(declaration: DeclarationView): string {
  return declaration.path ?? 'dpg.yml';
}
