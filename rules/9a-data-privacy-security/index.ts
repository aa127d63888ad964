/** Indicator 9a — Data privacy & security. */
import type { Rule } from '../../src/rule-api.js';
import { piiHandling } from './pii-handling.js';
import { securityPolicy } from './security-policy.js';

export const rules: readonly Rule[] = [piiHandling, securityPolicy];
