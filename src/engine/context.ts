/**
 * Builds the frozen, read-only context a rule sees. Freezing is the cheap
 * half of isolation: a rule that tries to change the declaration or the
 * facts for the rules after it throws instead (strict mode), and that
 * becomes its own `error` finding.
 */
import type { DeclarationView, Facts, RuleContext } from '../rule-api.js';
import type { ReadOptions, Snapshot } from '../snapshot/types.js';
import { deepFreeze } from '../freeze.js';

/** One read-only facade per snapshot, shared by every rule's context (copying 50,000 paths per rule would cost). */
const facades = new WeakMap<Snapshot, Snapshot>();

export function readOnlySnapshot(snapshot: Snapshot): Snapshot {
  let facade = facades.get(snapshot);
  if (!facade) {
    const paths = Object.isFrozen(snapshot.paths) ? snapshot.paths : Object.freeze([...snapshot.paths]);
    facade = Object.freeze({
      source: Object.freeze({ ...snapshot.source }),
      paths,
      has: (path: string) => snapshot.has(path),
      read: (path: string, options?: ReadOptions) => {
        const file = snapshot.read(path, options);
        return file ? Object.freeze({ ...file }) : undefined;
      },
      skipped: (path: string) => snapshot.skipped(path),
      ...(snapshot.host ? { host: deepFreeze(structuredClone(snapshot.host)) } : {}),
      warnings: Object.freeze([...snapshot.warnings]),
      ...(snapshot.searchWithout ? { searchWithout: snapshot.searchWithout.bind(snapshot) } : {}),
    });
    facades.set(snapshot, facade);
  }
  return facade;
}

export function createRuleContext(snapshot: Snapshot, declaration: DeclarationView, facts: Facts, options: Readonly<Record<string, unknown>> = {}): RuleContext {
  deepFreeze(declaration.data);
  return Object.freeze({
    snapshot: readOnlySnapshot(snapshot),
    declaration: Object.freeze(declaration),
    facts,
    options: deepFreeze({ ...options }),
  });
}
