/** Indicator 9c — Protection from harassment. */
import type { Rule } from '../../src/rule-api.js';
import { harassmentProtection } from './harassment-protection.js';
import { codeOfConduct } from './code-of-conduct.js';

export const rules: readonly Rule[] = [harassmentProtection, codeOfConduct];
