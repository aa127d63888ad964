/**
 * The names a rule answers to in config, `--explain` and `dpg-check explain`: its id, its alias, a former id
 * (deprecated; rules/host/renamed.json), and — in config only — one of its tags (`host`, `online`), as
 * markdownlint's tags select a group of rules.
 */
import renamed from '../../rules/host/renamed.json' with { type: 'json' };

/** Former id → current id, for rules that were renumbered (the host rules' `dpg-<n>-91`, `dpg-<n>-92`). */
export const RENAMED_RULE_IDS: ReadonlyMap<string, string> = new Map(Object.entries(renamed.renamed));

interface NamedRule { readonly meta: { readonly id: string; readonly alias: string; readonly tags?: readonly string[] | undefined } }

/** The current id a former one became; any other name as given. */
export function currentRuleName(name: string): string {
  return RENAMED_RULE_IDS.get(name) ?? name;
}

/** The former ids of a rule (usually none). */
export function formerIds(id: string): string[] {
  return [...(FORMER_IDS.get(id) ?? [])];
}

/** Current id → its former ids, built once: formerIds is asked for every rule of every candidate of a batch. */
const FORMER_IDS: ReadonlyMap<string, readonly string[]> = (() => {
  const byCurrent = new Map<string, string[]>();
  for (const [former, current] of RENAMED_RULE_IDS) byCurrent.set(current, [...(byCurrent.get(current) ?? []), former]);
  return byCurrent;
})();

/** Whether `name` names the rule: its id, its alias or one of its former ids. */
export function namesRule(rule: NamedRule, name: string): boolean {
  const wanted = currentRuleName(name);
  return rule.meta.id === wanted || rule.meta.alias === name;
}

/** The rule a name names (id, alias or former id), if any. */
export function findRule<R extends NamedRule>(rules: readonly R[], name: string): R | undefined {
  return rules.find((rule) => namesRule(rule, name));
}

/** Every name a config key may use for these rules: ids, aliases, former ids and tags. */
export function configNames(rules: readonly NamedRule[]): Set<string> {
  return new Set(rules.flatMap((rule) => [rule.meta.id, rule.meta.alias, ...formerIds(rule.meta.id), ...(rule.meta.tags ?? [])]));
}

/** Tags of these rules (a config key that is one of them selects every rule carrying it). */
export function ruleTags(rules: readonly NamedRule[]): Set<string> {
  return new Set(rules.flatMap((rule) => rule.meta.tags ?? []));
}
