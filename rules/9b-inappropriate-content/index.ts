/** Indicator 9b — Inappropriate & illegal content. */
import { defineIndicatorRules, type Rule } from '../../src/rule-api.js';
import { STANDARD, guidanceUrl } from '../../src/helpers.js';
import { contentModeration } from './content-moderation.js';
import { moderationPolicy } from './moderation-policy.js';

// Declared once for the indicator's rules: its number, the Standard's version, its guidance page.
export const rules: readonly Rule[] = defineIndicatorRules({ indicator: '9b', standardVersion: STANDARD, docsUrl: guidanceUrl('9b') }, [contentModeration, moderationPolicy]);
