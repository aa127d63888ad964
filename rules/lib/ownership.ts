/** What the indicator-3 rules share: the questionnaire's wording. */
import type { DeclarationView } from '../../src/rule-api.js';

export const QUESTION_OWNER = 'Who owns this digital solution?';
export const QUESTION_OWNER_EVIDENCE = 'Provide evidence(s) of ownership.';
export const QUESTION_OWNS_ALL = 'Do you own all of the code, content and/or data in this solution?';
export const QUESTION_REDISTRIBUTE = 'Do you have the right to re-distribute this data, content or code?';

/** The declaration file's name for messages (`dpg.yml` when there is none yet). */
export function declarationFile(declaration: DeclarationView): string {
  return declaration.path ?? 'dpg.yml';
}
