/** Indicator 1 — Relevance to Sustainable Development Goals. */
import type { Rule } from '../../src/rule-api.js';
import { sdgsDeclared } from './sdgs-declared.js';
import { sdgExplained } from './sdg-explained.js';

export const rules: readonly Rule[] = [sdgsDeclared, sdgExplained];
