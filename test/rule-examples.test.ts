/**
 * The examples docs/rules.md shows are true: on a candidate holding just the
 * example's dpg.yml (and its files), the rule reports the status shown.
 */
import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtInRules } from '../rules/index.js';
import { checkCandidate } from '../src/engine/check.js';
import { ruleExamples, RULES_WITH_EXAMPLES } from '../src/rule-examples.js';
import type { RuleExample } from '../src/rule-api.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-rule-examples-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function statusesOf(alias: string, kind: string, example: RuleExample): Promise<string[]> {
  const dir = path.join(root, `${alias}-${kind}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'dpg.yml'), example.declaration);
  for (const [file, text] of Object.entries(example.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const report = await checkCandidate({ target: dir, only: [alias] });
  expect(report.candidate.declaration.valid, `${alias} ${kind}: the example is a valid declaration`).toBe(true);
  return report.findings.map((f) => f.status);
}

describe('rule examples', () => {
  it('every example names a built-in rule', () => {
    const aliases = new Set(builtInRules.map((r) => r.meta.alias));
    expect(RULES_WITH_EXAMPLES.filter((alias) => !aliases.has(alias))).toEqual([]);
    expect(RULES_WITH_EXAMPLES.length).toBeGreaterThanOrEqual(10);
  });

  for (const rule of builtInRules.filter((r) => RULES_WITH_EXAMPLES.includes(r.meta.alias))) {
    it(`${rule.meta.alias}: the passing example passes and the failing one fails (or is a gap, as shown)`, async () => {
      const { pass, fail } = ruleExamples(rule);
      expect(pass && fail, 'both examples').toBeTruthy();
      const passed = await statusesOf(rule.meta.alias, 'pass', pass as RuleExample);
      expect(passed.length).toBeGreaterThan(0);
      expect(new Set(passed)).toEqual(new Set([pass?.status ?? 'pass']));
      const failed = await statusesOf(rule.meta.alias, 'fail', fail as RuleExample);
      expect(failed).toContain(fail?.status ?? 'fail');
      expect(failed).not.toContain('pass');
    });
  }
});
