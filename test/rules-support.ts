/**
 * A rule file exports a draft (its meta without the indicator fields its folder's index.ts declares); tests run
 * the finished built-in rule, as the engine does.
 */
import type { Rule } from '../src/rule-api.js';
import { builtInRules } from '../rules/index.js';

/** The built-in rule a rule file's draft became. */
export function builtIn(draft: { readonly meta: { readonly id: string } }): Rule {
  const rule = builtInRules.find((r) => r.meta.id === draft.meta.id);
  if (!rule) throw new Error(`${draft.meta.id} is not a built-in rule (is it listed in its folder's index.ts?)`);
  return rule;
}
