/** Indicator 9b — Inappropriate & illegal content. */
import type { Rule } from '../../src/rule-api.js';
import { contentModeration } from './content-moderation.js';
import { moderationPolicy } from './moderation-policy.js';

export const rules: readonly Rule[] = [contentModeration, moderationPolicy];
