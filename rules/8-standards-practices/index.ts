/** Indicator 8 — Adherence to standards & best practices. */
import type { Rule } from '../../src/rule-api.js';
import { standardsDeclared } from './standards-declared.js';
import { practicesInRepository } from './practices-in-repository.js';
import { standardsInRepository } from './standards-in-repository.js';

export const rules: readonly Rule[] = [standardsDeclared, practicesInRepository, standardsInRepository];
