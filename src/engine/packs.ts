/**
 * Rule packs: a local module or an npm package exporting rules in exactly the
 * shape of the built-ins (`export const rules = [defineRule(...)]`, or a
 * default export of that array or of `{ rules }`). Named in the config file's
 * `packs`. Loading a pack runs its code, with the user's rights, so only the
 * user's own config names packs: remote and batch candidates never do.
 *
 * A pack's top-level code may not stall or end the check
 * (docs/security.md): it is first loaded in a worker
 * thread, which is stopped when it has not loaded within a time limit (an
 * endless loop at import) and which reports a top-level await that can never
 * settle or a `process.exit` at import; only a pack that loads there is then
 * imported here, under the exit guard (src/engine/pack-guard.ts) and the same
 * time limit. Its top-level code therefore runs twice: packs must not rely on
 * running once.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { validateRuleMeta, type Rule } from '../rule-api.js';
import { inPackScope, installExitGuard } from './pack-guard.js';
import { importModule } from '../import-module.js';

export class PackError extends Error {}

/** How long a pack's top-level code may take to load, in each of its two loads. */
export const PACK_LOAD_TIMEOUT_MS = 10_000;

export interface PackLoadOptions {
  /** Milliseconds a pack may take to load (default PACK_LOAD_TIMEOUT_MS). */
  loadTimeoutMs?: number;
}

/** The probe's code: import the pack, say how it went; an attempt to end the process is said before it ends the thread. */
const PROBE = `const { parentPort, workerData } = require('node:worker_threads');
const exit = process.exit;
process.exit = function (code) { parentPort.postMessage({ exit: code === undefined ? null : String(code) }); return exit.call(process, code); };
import(workerData.url).then(() => parentPort.postMessage({ loaded: true }), (error) => parentPort.postMessage({ failed: String(error && error.message || error).split('\\n')[0] }));`;

type ProbeAnswer = { loaded: true } | { failed: string } | { exit: string | null };

/** Loads the pack in a worker thread first: what its top-level code does there, within the time limit. */
function probePack(spec: string, url: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let answer: ProbeAnswer | undefined;
    // What the pack prints while probed is dropped: it prints it again when loaded for real.
    const worker = new Worker(PROBE, { eval: true, workerData: { url }, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new PackError(`rule pack ${spec}: did not load within ${timeoutMs / 1000} s (an endless loop or a long wait in its top-level code?)`));
    }, timeoutMs);
    // Loaded: done at once (the thread is stopped, not waited for: a pack may leave timers that keep it alive).
    worker.on('message', (message: ProbeAnswer) => {
      answer ??= message;
      if ('loaded' in answer) {
        clearTimeout(timer);
        void worker.terminate();
        resolve();
      }
    });
    worker.on('error', (error) => { answer ??= { failed: error.message.split('\n')[0] ?? String(error) }; });
    worker.on('exit', () => {
      clearTimeout(timer);
      if (answer && 'loaded' in answer) return;
      if (answer && 'exit' in answer) reject(new PackError(`rule pack ${spec}: its top-level code tries to end the process (process.exit(${answer.exit ?? ''}))`));
      // The loader's own message for a module that does not resolve or parse is the clearer one: the real import gives it.
      else if (answer && 'failed' in answer) resolve();
      else reject(new PackError(`rule pack ${spec}: its top-level code never finishes (a top-level await that never settles?)`));
    });
  });
}

/** Imports the pack here, under the exit guard and the time limit. */
async function importPack(spec: string, url: string, timeoutMs: number): Promise<Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const { scope, value: imported } = inPackScope(`rule pack ${spec} while loading`, () => importModule(url) as Promise<Record<string, unknown>>);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PackError(`rule pack ${spec}: did not load within ${timeoutMs / 1000} s (a top-level await that never settles?)`)), timeoutMs);
  });
  try {
    const module = await Promise.race([imported, timeout]);
    if (scope.attempts.length > 0) throw new PackError(`rule pack ${spec}: its top-level code tries to end the process (${scope.attempts[0]})`);
    return module;
  } catch (error) {
    if (error instanceof PackError) throw error;
    if (scope.attempts.length > 0) throw new PackError(`rule pack ${spec}: its top-level code tries to end the process (${scope.attempts[0]})`);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PackError(`rule pack ${spec}: cannot load it: ${reason}`);
  } finally {
    scope.active = false;
    clearTimeout(timer);
  }
}

export async function loadPack(spec: string, baseDir: string, options: PackLoadOptions = {}): Promise<Rule[]> {
  const local = spec.startsWith('.') || path.isAbsolute(spec);
  let url: string;
  try {
    url = local
      ? pathToFileURL(path.resolve(baseDir, spec)).href
      : pathToFileURL(createRequire(path.join(baseDir, 'noop.js')).resolve(spec)).href;
  } catch {
    throw new PackError(`rule pack ${spec}: cannot find it from ${baseDir} (install it, or give a path starting with ./)`);
  }
  const timeoutMs = options.loadTimeoutMs ?? PACK_LOAD_TIMEOUT_MS;
  // From here on, pack code may run: it cannot end the process unseen (src/engine/pack-guard.ts).
  installExitGuard();
  await probePack(spec, url, timeoutMs);
  const module = await importPack(spec, url, timeoutMs);
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

export async function loadPacks(specs: readonly string[], baseDir: string, builtIns: readonly Rule[], options: PackLoadOptions = {}): Promise<Rule[]> {
  const taken = new Map<string, string>();
  for (const rule of builtIns) { taken.set(rule.meta.id, 'built-in'); taken.set(rule.meta.alias, 'built-in'); }
  const loaded: Rule[] = [];
  for (const spec of specs) {
    for (const rule of await loadPack(spec, baseDir, options)) {
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
