/** Helpers of the hostile-rule tests (test/hostile-*.test.ts, test/fuzz/outcomes.test.ts). */
import type { Rule, RuleContext } from '../src/rule-api.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { makeDeclarationView } from '../src/declaration/load.js';
import { computeFacts } from '../src/engine/facts.js';
import { createRuleContext } from '../src/engine/context.js';

/** A requirement rule of indicator 8 with messages `ok` and `bad` (not frozen: a pack need not use defineRule). */
export function hostileRule(name: string, check: Rule['check']): Rule {
  return {
    meta: {
      id: `hostile/${name}`, alias: name, indicator: '8', level: 'requirement',
      requirement: { quote: 'A sentence of the standard, long enough to quote.', url: 'https://example.org/standard' },
      title: 'A hostile rule', appliesTo: 'all', standardVersion: '1.1.7', motivation: 'Testing isolation.',
      messages: { ok: 'fine {what}', bad: 'bad' }, remediation: 'None.', docsUrl: 'https://example.org',
    },
    check,
  };
}

export function ruleContext(files: Record<string, string> = {}): RuleContext {
  const snapshot = createMemorySnapshot(files);
  const view = makeDeclarationView(undefined);
  return createRuleContext(snapshot, view, computeFacts(snapshot, view));
}
