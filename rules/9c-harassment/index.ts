/** Indicator 9c — Protection from harassment. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { harassmentProtection } from './harassment-protection.js';
import { codeOfConduct } from './code-of-conduct.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '9c', standardVersion: STANDARD, docsUrl: guidanceUrl('9c') }, [harassmentProtection, codeOfConduct]);
