/**
 * Rule code may not end the process. Packs are code with the user's rights
 * (docs/security-packs-and-config.md), so this is not a sandbox; it is what
 * keeps a pack that calls `process.exit(0)` — by mistake or on purpose — from
 * turning a check into a silent pass in CI.
 *
 * Every rule's check (built-in or pack) and every pack's top-level code runs
 * inside a scope (`AsyncLocalStorage`, so promise continuations and timers
 * the code starts stay inside it). While the guard is installed,
 * `process.exit` and `process.reallyExit` called from inside a scope do not
 * end the process: the attempt is recorded on the scope and the call returns,
 * so the rule becomes an `error` finding and a pack becomes "cannot load".
 * (Returning rather than throwing: a throw from a timer the rule left would be
 * an uncaught exception, itself ending the process.) An attempt from a scope
 * that has already finished (a timer left behind) ends the process with
 * exit 2 and says why: the check is no longer complete.
 * Called from outside every scope (dpg-check itself), both behave as always.
 */
import fs from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';

export interface PackScope {
  /** What runs, in words: `rule health/fhir-mentioned`, `rule pack ./tools/rules.mjs while loading`. */
  readonly what: string;
  /** Each attempt to end the process, as `process.exit(0)`. */
  readonly attempts: string[];
  /** False once the code's result is taken: an attempt after that cannot become a finding. */
  active: boolean;
}

const scopes = new AsyncLocalStorage<PackScope>();

export function createPackScope(what: string): PackScope {
  return { what, attempts: [], active: true };
}

/** Runs `fn` inside `scope` (made first, so a caller whose `fn` is cut off by a timeout still holds it). */
export function runInPackScope<T>(scope: PackScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** Runs `fn` inside a new scope; the scope is returned so the caller can read its attempts. */
export function inPackScope<T>(what: string, fn: () => T): { scope: PackScope; value: T } {
  const scope = createPackScope(what);
  return { scope, value: runInPackScope(scope, fn) };
}

type Exit = (code?: number | string | null) => never;
let installed: { exit: Exit; reallyExit: Exit } | undefined;

/** Installs the guard (once per process; rule packs install it before their code first runs). */
export function installExitGuard(): void {
  if (installed) return;
  const proc = process as unknown as { exit: Exit; reallyExit: Exit };
  const original = { exit: proc.exit, reallyExit: proc.reallyExit };
  installed = original;
  const guarded = (which: keyof typeof original): Exit => function guardedExit(this: unknown, code?: number | string | null): never {
    const scope = scopes.getStore();
    if (!scope) return original[which].call(process, code);
    const attempt = `process.${which}(${describeCode(code)})`;
    scope.attempts.push(attempt);
    if (!scope.active) {
      try {
        fs.writeSync(2, `dpg-check: ${scope.what} tried to end the process (${attempt}) after it had finished; the check is not complete\n`);
      } finally {
        // Outside the scope: Node's own exit calls process.reallyExit, which is guarded too.
        scopes.exit(() => original.exit.call(process, 2));
      }
    }
    return undefined as never;
  } as Exit;
  proc.exit = guarded('exit');
  proc.reallyExit = guarded('reallyExit');
}

function describeCode(code: unknown): string {
  if (code === undefined) return '';
  return typeof code === 'number' || typeof code === 'string' ? JSON.stringify(code) : typeof code;
}
