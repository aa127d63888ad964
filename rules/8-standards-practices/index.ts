/** Indicator 8 — Adherence to standards & best practices. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { standardsDeclared } from './standards-declared.js';
import { practicesInRepository } from './practices-in-repository.js';
import { standardsInRepository } from './standards-in-repository.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '8', standardVersion: STANDARD, docsUrl: guidanceUrl('8') }, [standardsDeclared, practicesInRepository, standardsInRepository]);
