/** Indicator 4 — Platform Independence. */
import type { Rule } from '../../src/rule-api.js';
import { closedComponentsDeclared } from './closed-components-declared.js';
import { coreTechnologiesOpen } from './core-technologies-open.js';
import { dependenciesOpen } from './dependencies-open.js';

export const rules: readonly Rule[] = [closedComponentsDeclared, coreTechnologiesOpen, dependenciesOpen];
