/** Indicator 4 — Platform Independence. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { closedComponentsDeclared } from './closed-components-declared.js';
import { coreTechnologiesOpen } from './core-technologies-open.js';
import { dependenciesOpen } from './dependencies-open.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '4', standardVersion: STANDARD, docsUrl: guidanceUrl('4') }, [closedComponentsDeclared, coreTechnologiesOpen, dependenciesOpen]);
