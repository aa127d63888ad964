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
  return exported as Rule[];
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
