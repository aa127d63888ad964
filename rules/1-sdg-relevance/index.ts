/** Indicator 1 — Relevance to Sustainable Development Goals. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { sdgsDeclared } from './sdgs-declared.js';
import { sdgExplained } from './sdg-explained.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '1', standardVersion: STANDARD, docsUrl: guidanceUrl('1') }, [sdgsDeclared, sdgExplained]);
