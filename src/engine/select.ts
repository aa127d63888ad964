/** Which rules a check runs: the built-ins plus the config's packs, without those it turns off, optionally only some. */
import type { Rule } from '../rule-api.js';
import { builtInRules } from '../../rules/index.js';
import { CheckError } from './errors.js';
import { ruleOptionProblems, ruleSetting, type Config } from './config.js';
import { loadPacks } from './packs.js';
import { configNames, namesRule, ruleTags } from './rule-names.js';

/** Throws `PackError` for a pack that cannot load, `CheckError` for an unknown rule or options its schema refuses. */
export async function selectRules(config: Config, only?: readonly string[]): Promise<Rule[]> {
  const packRules = await loadPacks(config.packs, config.dir, builtInRules);
  const all = [...builtInRules, ...packRules];
  // A config key names a rule (id, alias, former id) or a tag; `only` names rules.
  const known = configNames(all);
  const unknown = [
    ...[...config.rules.keys()].filter((name) => !known.has(name)),
    ...(only ?? []).filter((name) => !all.some((rule) => namesRule(rule, name))),
  ];
  if (unknown.length > 0) throw new CheckError(`unknown rule ${unknown.join(', ')} (see \`dpg-check rules\`)`);
  const tags = ruleTags(all);
  const tagOptions = [...config.rules].filter(([name, setting]) => tags.has(name) && !all.some((rule) => namesRule(rule, name)) && Object.keys(setting.options).length > 0);
  if (tagOptions.length > 0) throw new CheckError(`the config is not valid:\n${tagOptions.map(([name, setting]) => `${setting.location ?? config.file ?? '(config)'} rules.${name}: a tag takes on or off, not options (give options to each rule)`).join('\n')}`);
  const optionProblems = await ruleOptionProblems(config, all);
  if (optionProblems.length > 0) throw new CheckError(`the config is not valid:\n${optionProblems.join('\n')}`);
  return all.filter((rule) => ruleSetting(config, rule)?.enabled !== false)
    .filter((rule) => !only || only.some((name) => namesRule(rule, name)));
}
