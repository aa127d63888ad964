/**
 * Documentation stays true to the code: docs/rules.md is generated from the
 * rules' metadata, every rule has its documentation, and the README names
 * every command. `UPDATE_DOCS=1 npx vitest run test/docs.test.ts` rewrites docs/rules.md.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { builtInRules } from '../rules/index.js';
import { renderRulesMarkdown, describeRule, withPolicyTable } from '../src/rule-docs.js';

describe('documentation', () => {
  it('docs/rules.md is current', () => {
    const expected = renderRulesMarkdown(builtInRules);
    if (process.env.UPDATE_DOCS) fs.writeFileSync('docs/rules.md', expected);
    expect(fs.readFileSync('docs/rules.md', 'utf8')).toBe(expected);
  });
  it('docs/policy.md has the current table of rules, levels and what fails or is a gap', () => {
    if (process.env.UPDATE_DOCS) fs.writeFileSync('docs/policy.md', withPolicyTable(fs.readFileSync('docs/policy.md', 'utf8'), builtInRules));
    const current = fs.readFileSync('docs/policy.md', 'utf8');
    expect(current).toBe(withPolicyTable(current, builtInRules));
    for (const rule of builtInRules) expect(rule.meta.policy, `${rule.meta.id} says what fails and what is a gap (meta.policy)`).toBeDefined();
    expect(current).toContain('| [dpg-2-02](rules.md#dpg-2-02) license-approved | 2 | requirement: “Digital public goods must demonstrate the use of an approved open license.');
  });
  it('every rule explains itself: motivation, remediation, a docs link and its messages', () => {
    const ids = new Set<string>();
    for (const rule of builtInRules) {
      expect(ids.has(rule.meta.id), `duplicate id ${rule.meta.id}`).toBe(false);
      ids.add(rule.meta.id);
      const text = describeRule(rule);
      expect(text).toContain(rule.meta.remediation);
      expect(rule.meta.motivation.length, rule.meta.id).toBeGreaterThan(20);
      expect(rule.meta.id, 'built-in ids are dpg-<indicator>-<nn>').toMatch(new RegExp(`^dpg-${rule.meta.indicator}-\\d{2}$`));
    }
  });
  it('the README shows the quick start and names every command and option', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const firstScreen = readme.split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toContain('npm ci && npm start');
    expect(firstScreen).toContain('npm test');
    for (const word of ['validate', 'rules', 'explain', '--declaration', '--type', '--path', '--format', '--output', '--fail-on', '--config', '--quiet', '--no-color']) {
      expect(readme, word).toContain(word);
    }
  });
});
