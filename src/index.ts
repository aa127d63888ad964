/**
 * The public API of dpg-check, for rule packs and scripts. Rule packs need
 * only `defineRule` and the types; built-in rules use exactly the same.
 */
export { defineRule, defineRuleDraft, defineIndicatorRules, formatMessage, isUrl, validateRuleMeta } from './rule-api.js';
export type { Rule, RuleMeta, RuleDraft, IndicatorFields, RuleContext, RuleOutcome, CheckResult, Facts, DeclarationView, LinkStatus, RuleExample } from './rule-api.js';
export type { Declaration, HandlingLevel, OwnerType } from './declaration/types.js';
export type { Snapshot, FileText, HostMetadata, ReadOptions, SkipReason } from './snapshot/types.js';
export * from './model.js';
export { checkCandidate, CheckError, type CheckOptions } from './engine/check.js';
export { builtInRules } from '../rules/index.js';
