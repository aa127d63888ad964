/** Which rules a check runs: the built-ins plus the config's packs, without those it turns off, optionally only some. */
import type { Rule } from '../rule-api.js';
import { builtInRules } from '../../rules/index.js';
import { CheckError } from './errors.js';
import { ruleOptionProblems, ruleSetting, type Config } from './config.js';
import { loadPacks } from './packs.js';

/** Throws `PackError` for a pack that cannot load, `CheckError` for an unknown rule or options its schema refuses. */
export async function selectRules(config: Config, only?: readonly string[]): Promise<Rule[]> {
  const packRules = await loadPacks(config.packs, config.dir, builtInRules);
  const all = [...builtInRules, ...packRules];
  const known = new Set(all.flatMap((r) => [r.meta.id, r.meta.alias]));
  const unknown = [...config.rules.keys(), ...(only ?? [])].filter((id) => !known.has(id));
  if (unknown.length > 0) throw new CheckError(`unknown rule ${unknown.join(', ')} (see \`dpg-check rules\`)`);
  const optionProblems = await ruleOptionProblems(config, all);
  if (optionProblems.length > 0) throw new CheckError(`the config is not valid:\n${optionProblems.join('\n')}`);
  return all.filter((rule) => ruleSetting(config, rule)?.enabled !== false)
    .filter((rule) => !only || only.includes(rule.meta.id) || only.includes(rule.meta.alias));
}
