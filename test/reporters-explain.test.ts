/**
 * `--explain <ruleId|indicator>`: traces a verdict back to each rule outcome
 * and each piece of evidence, and says why each status follows.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeRules, explain, ExplainError } from '../src/explain.js';
import { builtInRules } from '../rules/index.js';
import { cli, mixedReport } from './reporters-support.js';

const RULES = describeRules(builtInRules);

describe('--explain', () => {
  it('an indicator: its verdict, the precedence that decided it, the deciding rule, then every rule with evidence', () => {
    const text = explain(mixedReport(), '2', RULES);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Indicator 2 — Use of Approved Open Licenses: FAIL');
    expect(text).toContain('Why FAIL: an indicator\'s verdict is the most serious status among its findings (any fail → FAIL; else any error → ERROR;');
    expect(text).toContain('2 rules reported 3 findings (2 pass, 1 fail); the deciding one comes from dpg-2-02.');
    expect(text).toContain('Rule dpg-2-02 (license-approved): Licences are approved for what they cover');
    expect(text).toContain('  Status:      FAIL (the most serious of its 2 outcomes: 1 pass, 1 fail)');
    expect(text).toMatch(/ {2}Looked at: {3}the declaration and files matching LICENSE\*/);
    expect(text).toContain('    Evidence:  dpg.yml:12:5 licenses[0].spdx\n               LICENSE:1  "Attribution-NoDerivatives 4.0 International"');
    expect(text).toContain('    Why FAIL: the evidence listed shows a problem');
    expect(text).toContain('    What to do: Fix indicator 2.');
    expect(text).toContain('Licences identified:\n  MIT in LICENSE:1 (text, confidence 0.99)');
    // Built-in rules of the indicator that did not report are listed, saying why.
    for (const rule of builtInRules.filter((r) => r.meta.indicator === '2' && !['dpg-2-02', 'dpg-2-03'].includes(r.meta.id))) {
      expect(text).toContain(`Rule ${rule.meta.id} (${rule.meta.alias})`);
    }
    expect(text).toContain('Did not run: not selected for this check.');
  });

  it('a rule, by id or alias: what it looked at, what it found, why that status, and its indicator', () => {
    const byAlias = explain(mixedReport(), 'license-approved', RULES);
    expect(byAlias).toBe(explain(mixedReport(), 'dpg-2-02', RULES));
    expect(byAlias.split('\n')[0]).toBe('Rule dpg-2-02 (license-approved): Licences are approved for what they cover');
    expect(byAlias).toContain('  Outcome 1: FAIL (message example)');
    expect(byAlias).toContain('  Outcome 2: PASS (message example)');
    expect(byAlias).toContain('It counts towards indicator 2 (Use of Approved Open Licenses), whose verdict is FAIL');
    const gap = explain(mixedReport(), 'pack/example-3', RULES);
    expect(gap).toContain('Why GAP: the rule could not find or could not verify the evidence (a gap is never counted as a fail)');
    expect(gap).toContain('    Evidence:  host owner = example-org\n               No copyright line.');
    expect(gap).toContain('Looked at:   unknown (a rule not built in)');
    const error = explain(mixedReport(), '8', RULES);
    expect(error).toContain('Why ERROR: the rule itself could not run; this says nothing about the candidate.');
  });

  it('accepts 9A and "indicator 9a"; rejects what the report does not know', () => {
    expect(explain(mixedReport(), '9A', RULES)).toBe(explain(mixedReport(), 'indicator 9a', RULES));
    expect(explain(mixedReport(), '9a', RULES).split('\n')[0]).toBe('Indicator 9a — Data Privacy & Security: GAP');
    expect(() => explain(mixedReport(), 'no-such-rule', RULES)).toThrow(ExplainError);
    expect(() => explain(mixedReport(), '10', RULES)).toThrow(/unknown rule or indicator "10"/);
  });

  it('the CLI prints the explanation instead of the report; the exit code is the check\'s', async () => {
    const explained = await cli(['fixtures/candidates/content-nd', '--explain', '2']);
    expect(explained.code).toBe(1);
    expect(explained.stdout.split('\n')[0]).toBe('Indicator 2 — Use of Approved Open Licenses: FAIL');
    expect(explained.stdout).toMatch(/Rule dpg-2-02 \(license-approved\)[^]*Outcome 1: FAIL[^]*Evidence: {2}dpg\.yml:\d+:\d+ licenses\[0\]\.spdx/);
    const unknown = await cli(['fixtures/candidates/content-nd', '--explain', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('dpg-check: --explain: unknown rule or indicator "nope" (indicators: 1, 2, 3, 4, 5, 6, 7, 8, 9a, 9b, 9c; rules: see `dpg-check rules`)\n');
  });

  it('a rule turned off in the config is explained as such', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-explain-'));
    try {
      fs.cpSync('fixtures/candidates/content-nd', dir, { recursive: true });
      fs.writeFileSync(path.join(dir, '.dpg-check.yml'), 'rules:\n  license-approved: off\n');
      const { code, stdout } = await cli([dir, '--explain', 'dpg-2-02']);
      expect(code).toBe(0);
      expect(stdout).toContain('Did not run: turned off (turned off in .dpg-check.yml)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
