/**
 * Rule packs: a local module or an npm package exporting rules in exactly the
 * shape of the built-ins (`export const rules = [defineRule(...)]`, or a
 * default export of that array or of `{ rules }`). Named in the config file's
 * `packs`. Loading a pack runs its code, so only the user's own config names
 * packs: remote candidates never do.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { validateRuleMeta, type Rule } from '../rule-api.js';

export class PackError extends Error {}

export async function loadPack(spec: string, baseDir: string): Promise<Rule[]> {
  const local = spec.startsWith('.') || path.isAbsolute(spec);
  let url: string;
  try {
    url = local
      ? pathToFileURL(path.resolve(baseDir, spec)).href
      : pathToFileURL(createRequire(path.join(baseDir, 'noop.js')).resolve(spec)).href;
  } catch {
    throw new PackError(`rule pack ${spec}: cannot find it from ${baseDir} (install it, or give a path starting with ./)`);
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PackError(`rule pack ${spec}: cannot load it: ${reason}`);
  }
  const exported = module.rules ?? (module.default as { rules?: unknown } | undefined)?.rules ?? module.default;
  if (!Array.isArray(exported) || exported.length === 0) {
    throw new PackError(`rule pack ${spec}: exports no rules (expected \`export const rules = [defineRule(...)]\`)`);
  }
  const problems = exported.flatMap((rule, i) => validateRuleMeta(rule).map((p) => `rule ${i} (${(rule as Rule)?.meta?.id ?? 'no id'}): ${p}`));
  if (problems.length > 0) throw new PackError(`rule pack ${spec}: ${problems.join('; ')}`);
  const idProblems = packIdProblems(exported as Rule[]);
  if (idProblems.length > 0) throw new PackError(`rule pack ${spec}: ${idProblems.join('; ')}`);
  return exported as Rule[];
}

/**
 * A pack's rule ids carry the pack's prefix (`dpi/federation`), as ESLint's `plugin/rule`, so no pack id can
 * ever equal a built-in one (`dpg-2-07`), today's or a future one. One prefix per pack, and `dpg` is the
 * built-ins' own.
 */
export function packIdProblems(rules: readonly Rule[]): string[] {
  const problems: string[] = [];
  const prefixes = new Set<string>();
  for (const rule of rules) {
    const id = rule.meta.id;
    const slash = id.indexOf('/');
    if (slash <= 0) { problems.push(`rule id ${id} has no pack prefix (name it \`<pack>/${id}\`, e.g. \`dpi/federation\`)`); continue; }
    const prefix = id.slice(0, slash);
    if (/^dpg(-|$)/.test(prefix)) problems.push(`rule id ${id}: the prefix ${prefix} is reserved for the built-in rules`);
    prefixes.add(prefix);
  }
  if (prefixes.size > 1) problems.push(`its rule ids carry different prefixes (${[...prefixes].join(', ')}): one pack, one prefix`);
  return problems;
}

export async function loadPacks(specs: readonly string[], baseDir: string, builtIns: readonly Rule[]): Promise<Rule[]> {
  const taken = new Map<string, string>();
  for (const rule of builtIns) { taken.set(rule.meta.id, 'built-in'); taken.set(rule.meta.alias, 'built-in'); }
  const loaded: Rule[] = [];
  for (const spec of specs) {
    for (const rule of await loadPack(spec, baseDir)) {
      const names = new Set([rule.meta.id, rule.meta.alias]);
      for (const name of names) {
        const owner = taken.get(name);
        if (owner) throw new PackError(`rule pack ${spec}: rule name ${name} is already used by ${owner === 'built-in' ? 'a built-in rule' : `pack ${owner}`}`);
      }
      for (const name of names) taken.set(name, spec);
      loaded.push(rule);
    }
  }
  return loaded;
}
