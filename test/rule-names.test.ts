/**
 * The names a rule answers to (issue 12): id, alias, a former id (deprecated), and in config a tag (`host`,
 * `online`), the rule's own entry winning over its tag's; and the indicator fields an indicator folder declares
 * once for its rules (`defineIndicatorRules`).
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../src/cli.js';
import { DEFAULT_CONFIG, ruleSetting, type Config, type RuleSetting } from '../src/engine/config.js';
import { selectRules } from '../src/engine/select.js';
import { CheckError } from '../src/engine/errors.js';
import { findRule } from '../src/engine/rule-names.js';
import { builtInRules } from '../rules/index.js';
import { defineIndicatorRules, defineRuleDraft, validateRuleMeta, type Report, type RuleDraft } from '../src/index.js';

const OFF: RuleSetting = { enabled: false, options: {} };
const ON: RuleSetting = { enabled: true, options: {} };
const configOf = (rules: Record<string, RuleSetting>): Config => ({ ...DEFAULT_CONFIG, rules: new Map(Object.entries(rules)) });
const idsOf = (rules: readonly { meta: { id: string } }[]): string[] => rules.map((r) => r.meta.id);
const tagged = (tag: string): string[] => idsOf(builtInRules.filter((r) => r.meta.tags?.includes(tag)));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

describe('config selects rules by tag', () => {
  it('`host: off` turns off exactly the host rules, `online: off` exactly the evidence-links rules', async () => {
    expect(tagged('host')).toEqual(['dpg-1-03', 'dpg-2-07', 'dpg-3-06', 'dpg-5-07', 'dpg-9a-06', 'dpg-9c-03']);
    expect(tagged('online')).toHaveLength(11);
    const withoutHost = idsOf(await selectRules(configOf({ host: OFF })));
    expect(withoutHost).toEqual(idsOf(builtInRules).filter((id) => !tagged('host').includes(id)));
    const withoutOnline = idsOf(await selectRules(configOf({ online: OFF })));
    expect(withoutOnline).toEqual(idsOf(builtInRules).filter((id) => !tagged('online').includes(id)));
  });

  it("a rule's own entry (id, alias or former id) wins over its tag's", async () => {
    const hostLicense = findRule(builtInRules, 'host-license-agrees')!;
    for (const own of ['dpg-2-07', 'host-license-agrees', 'dpg-2-91']) {
      expect(ruleSetting(configOf({ host: OFF, [own]: ON }), hostLicense)?.enabled, own).toBe(true);
      expect(idsOf(await selectRules(configOf({ [own]: ON, host: OFF })))).toContain('dpg-2-07');
    }
    expect(ruleSetting(configOf({ host: OFF }), hostLicense)?.enabled).toBe(false);
    expect(ruleSetting(configOf({ host: OFF }), findRule(builtInRules, 'license-approved')!)).toBeUndefined();
  });

  it('a former id turns its rule off; an unknown name or a tag given options is refused', async () => {
    expect(idsOf(await selectRules(configOf({ 'dpg-9c-92': OFF })))).not.toContain('dpg-9c-04');
    expect(idsOf(await selectRules(DEFAULT_CONFIG, ['dpg-5-91']))).toEqual(['dpg-5-07']);
    await expect(selectRules(configOf({ hots: OFF }))).rejects.toThrow(/unknown rule hots/);
    await expect(selectRules(configOf({ host: { enabled: true, options: { x: 1 } } }))).rejects.toThrow(CheckError);
    await expect(selectRules(configOf({ host: { enabled: true, options: { x: 1 } } }))).rejects.toThrow(/rules\.host: a tag takes on or off/);
  });

  it('a config file with `host: off` checks without the host rules', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-names-'));
    try {
      fs.writeFileSync(path.join(dir, 'dpg.yml'), 'name: X\ntypes: [software]\n');
      fs.writeFileSync(path.join(dir, '.dpg-check.yml'), 'rules:\n  host: off\n  dpg-1-92: off\n');
      const result = await cli([dir, '--format', 'json']);
      expect(result.stderr).not.toMatch(/unknown rule/);
      const report = JSON.parse(result.stdout) as Report;
      const ran = new Set(report.findings.map((f) => f.ruleId));
      for (const id of [...tagged('host'), 'dpg-1-04']) expect(ran.has(id), id).toBe(false);
      expect(ran.has('dpg-2-08')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('former ids stay accepted by explain', () => {
  it('`dpg-check explain dpg-2-91` documents dpg-2-07', async () => {
    const explained = await cli(['explain', 'dpg-2-91']);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/^dpg-2-07 \(host-license-agrees\)/);
    expect((await cli(['explain', 'dpg-2-93'])).code).toBe(2);
  });
});

describe('defineIndicatorRules', () => {
  const draft = (meta: Partial<RuleDraft['meta']> = {}): RuleDraft => defineRuleDraft({
    meta: { id: 'x/one', alias: 'one', level: 'advice', title: 'One', appliesTo: 'all', motivation: 'Because.', messages: { ok: 'ok' }, remediation: 'Do it.', ...meta },
    check: () => ({ status: 'pass', messageId: 'ok' }),
  });
  const fields = { indicator: '5', standardVersion: '1.1.7', docsUrl: 'https://example.org/5' } as const;

  it("fills the folder's indicator, standard version and docs page into each rule, which then passes validateRuleMeta", () => {
    const [rule] = defineIndicatorRules(fields, [draft()]);
    expect(rule?.meta).toMatchObject(fields);
    expect(validateRuleMeta(rule)).toEqual([]);
    expect(Object.isFrozen(rule?.meta)).toBe(true);
    expect(defineIndicatorRules(fields, [draft({ docsUrl: 'https://example.org/model-card' })])[0]?.meta.docsUrl).toBe('https://example.org/model-card');
  });

  it('refuses a rule that declares another indicator or standard version', () => {
    expect(() => defineIndicatorRules(fields, [draft({ indicator: '2' })])).toThrow(/x\/one: meta\.indicator is 2, but its indicator's rules declare 5/);
    expect(() => defineIndicatorRules(fields, [draft({ standardVersion: '1.1.6' })])).toThrow(/meta\.standardVersion/);
    expect(defineIndicatorRules(fields, [draft({ indicator: '5' })])).toHaveLength(1);
  });

  it('every built-in rule file leaves the indicator fields to its folder', () => {
    const root = 'rules';
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('index.ts') && !f.startsWith(`lib${path.sep}`));
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      expect(text, file).not.toMatch(/^\s*(standardVersion|indicator):/m);
      expect(text, file).not.toMatch(/\bdefineRule\(/);
    }
  });
});
