import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCandidate, CheckError } from '../src/engine/check.js';
import { suiteProblems } from '../src/testing/rule-tester.js';
import { defineRule } from '../src/rule-api.js';

const dirs: string[] = [];
function candidate(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-pack-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

const packs = path.resolve('fixtures/packs');

describe('rule packs', () => {
  it('a local pack using the public API adds its findings to the report', async () => {
    const dir = candidate({ 'README.md': '# Clinic\n\nSupports HL7 FHIR R4.\n', '.dpg-check.yml': `packs:\n  - ${path.join(packs, 'health-pack.mjs')}\n` });
    const report = await checkCandidate({ target: dir });
    const finding = report.findings.find((f) => f.ruleId === 'health/fhir-mentioned');
    expect(finding).toMatchObject({ status: 'pass', indicator: '8', message: 'The README mentions FHIR (line 3).', docsUrl: 'https://hl7.org/fhir/' });
    expect(finding?.evidence).toEqual([{ kind: 'file', path: 'README.md', line: 3 }]);
  });
  it('a pack path is relative to the config file', async () => {
    const dir = candidate({ 'README.md': '# x\n', 'tools/.keep': '' });
    fs.copyFileSync(path.join(packs, 'broken-pack.mjs'), path.join(dir, 'tools', 'broken.mjs'));
    fs.writeFileSync(path.join(dir, '.dpg-check.yml'), 'packs: [./tools/broken.mjs]\n');
    const report = await checkCandidate({ target: dir });
    const broken = report.findings.find((f) => f.ruleId === 'broken/always-throws');
    expect(broken?.status).toBe('error');
    expect(broken?.message).toContain('cannot read properties of undefined');
    // the other rules still ran and reported
    expect(report.findings.filter((f) => f.status !== 'error').length).toBeGreaterThan(20);
    // The one-line README fails readme-usable, which is advice; the broken requirement rule's error decides.
    expect(report.findings.find((f) => f.ruleId === 'dpg-5-01')).toMatchObject({ status: 'fail', level: 'advice' });
    expect(report.indicators.find((i) => i.id === '5')?.verdict).toBe('error');
  });
  it('a pack that cannot be found, has no rules or clashes with a built-in name stops the check', async () => {
    const missing = candidate({ '.dpg-check.yml': 'packs: [./nope.mjs]\n' });
    await expect(checkCandidate({ target: missing })).rejects.toThrow(/rule pack \.\/nope\.mjs: cannot load it/);
    const empty = candidate({ '.dpg-check.yml': 'packs: [./empty.mjs]\n', 'empty.mjs': 'export const rules = [];\n' });
    await expect(checkCandidate({ target: empty })).rejects.toThrow(/exports no rules/);
    const clash = candidate({
      '.dpg-check.yml': 'packs: [./clash.mjs]\n',
      'clash.mjs': `export const rules = [{ meta: { id: 'mine/licence', alias: 'license-approved', indicator: '2', level: 'advice', title: 't', appliesTo: 'all', standardVersion: '1.1.7', motivation: 'm', messages: { a: 'a' }, remediation: 'r', docsUrl: 'https://x.org' }, check: () => ({ status: 'pass', messageId: 'a' }) }];\n`,
    });
    await expect(checkCandidate({ target: clash })).rejects.toThrow(CheckError);
    await expect(checkCandidate({ target: clash })).rejects.toThrow(/already used by a built-in rule/);
  });
  it('a pack rule id must carry the pack prefix: an unprefixed id, a built-in-form id or a dpg prefix is refused, naming the pack', async () => {
    const meta = (id: string): string => `{ meta: { id: '${id}', alias: 'a${id.replace(/[^a-z0-9]/g, '')}', indicator: '2', level: 'advice', title: 't', appliesTo: 'all', standardVersion: '1.1.7', motivation: 'm', messages: { a: 'a' }, remediation: 'r', docsUrl: 'https://x.org' }, check: () => ({ status: 'pass', messageId: 'a' }) }`;
    const cases: [string, RegExp][] = [
      [meta('dpg-2-07'), /rule pack \.\/p\.mjs: rule id dpg-2-07 has no pack prefix/],
      [meta('my-rule'), /rule pack \.\/p\.mjs: rule id my-rule has no pack prefix/],
      [meta('dpg/licence'), /rule pack \.\/p\.mjs: rule id dpg\/licence: the prefix dpg is reserved/],
      [`${meta('one/a')}, ${meta('two/b')}`, /rule pack \.\/p\.mjs: its rule ids carry different prefixes \(one, two\)/],
    ];
    for (const [rules, message] of cases) {
      const dir = candidate({ '.dpg-check.yml': 'packs: [./p.mjs]\n', 'p.mjs': `export const rules = [${rules}];\n` });
      await expect(checkCandidate({ target: dir })).rejects.toThrow(CheckError);
      await expect(checkCandidate({ target: dir })).rejects.toThrow(message);
    }
    const fine = candidate({ 'README.md': '# x\n', '.dpg-check.yml': 'packs: [./p.mjs]\n', 'p.mjs': `export const rules = [${meta('mine/a')}, ${meta('mine/b')}];\n` });
    expect((await checkCandidate({ target: fine })).findings.filter((f) => f.ruleId.startsWith('mine/')).map((f) => f.ruleId)).toEqual(['mine/a', 'mine/b']);
  });
  it('config turns rules off by id or alias and ignores paths with a reason', async () => {
    const dir = candidate({
      'README.md': '# x\n', 'vendor/LICENSE': 'Copyright (c) 2020 Vendor Inc\n',
      '.dpg-check.yml': 'rules:\n  dpg-8-02: off\n  code-of-conduct: off\nignore:\n  - path: vendor/\n    reason: third-party code\n',
    });
    const report = await checkCandidate({ target: dir });
    expect(report.findings.some((f) => f.ruleId === 'dpg-8-02' || f.ruleId === 'dpg-9c-02')).toBe(false);
    expect(report.ignored).toEqual([
      { path: 'vendor/', reason: 'third-party code' },
      { ruleId: 'dpg-8-02', reason: 'turned off in .dpg-check.yml' },
      { ruleId: 'code-of-conduct', reason: 'turned off in .dpg-check.yml' },
    ]);
    expect(JSON.stringify(report.findings)).not.toContain('vendor/LICENSE');
  });
});

describe('RuleTester strictness', () => {
  const rule = defineRule({
    meta: { id: 'test-rule', alias: 'test-rule', indicator: '1', level: 'advice', title: 't', appliesTo: 'all', standardVersion: '1.1.7', motivation: 'm', messages: { ok: 'ok', bad: 'bad' }, remediation: 'r', docsUrl: 'https://x.org' },
    check: () => ({ status: 'pass', messageId: 'ok' }),
  });
  it('accepts a well-formed suite', () => {
    expect(suiteProblems(rule, { valid: [{ name: 'a' }], invalid: [{ name: 'b', expect: [{ status: 'fail', messageId: 'bad' }] }] })).toEqual([]);
  });
  it('rejects an invalid case without expectations, unknown message ids, mislabelled and duplicate cases, invalid declarations', () => {
    const problems = suiteProblems(rule, {
      valid: [{ name: 'a', expect: [{ status: 'gap', messageId: 'bad' }] }, { name: 'a' }],
      invalid: [
        { name: 'no expectation' },
        { name: 'unknown id', expect: [{ status: 'fail', messageId: 'nope' }] },
        { name: 'only passes', expect: [{ status: 'pass', messageId: 'ok' }] },
        { name: 'bad declaration', declaration: { name: 'x', types: ['hardware'] } as never, expect: [{ status: 'fail', messageId: 'bad' }] },
      ],
    });
    expect(problems).toEqual([
      'valid case "a": expects a fail or gap, so it is an invalid case',
      'valid case "a": duplicate name',
      'invalid case "no expectation": an invalid case must list the findings it expects',
      'invalid case "unknown id": unknown message id "nope"',
      'invalid case "only passes": expects no fail or gap, so it is a valid case',
      expect.stringMatching(/^invalid case "bad declaration": its declaration is not schema-valid \(types\[0\]: must be one of/),
    ]);
  });
});
