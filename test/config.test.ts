import { describe, it, expect } from 'vitest';
import { parseConfig, ConfigError, DEFAULT_CONFIG, candidateConfigFile, candidateConfigReader, readCandidateConfig, resolveConfig } from '../src/engine/config.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';

function problems(text: string): string[] {
  try {
    parseConfig(text, '.dpg-check.yml');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('config file', () => {
  it('reads rules, ignores with reasons, packs and the timeout', () => {
    const config = parseConfig('rules:\n  dpg-8-02: off\n  dpg-1-02: { options: { minWords: 20 } }\nignore:\n  - path: vendor/\n    reason: third-party code\npacks: [./pack.mjs]\nruleTimeoutMs: 2000\n', 'c.yml');
    expect(config.rules.get('dpg-8-02')).toEqual({ enabled: false, options: {} });
    expect(config.rules.get('dpg-1-02')).toEqual({ enabled: true, options: { minWords: 20 }, location: 'c.yml:3:13' });
    expect(config.ignore).toEqual([{ path: 'vendor/', reason: 'third-party code' }]);
    expect(config.packs).toEqual(['./pack.mjs']);
    expect(config.ruleTimeoutMs).toBe(2000);
  });
  it('an empty file is the default config', () => {
    expect(parseConfig('', 'c.yml').rules.size).toBe(0);
  });
  it('locates unknown keys, ignores without reason and bad values', () => {
    expect(problems('rulez: {}\n')).toEqual(['.dpg-check.yml:1:1 rulez: unknown key (expected rules, ignore, paths, packs or ruleTimeoutMs)']);
    expect(problems('ignore:\n  - path: vendor/\n')[0]).toMatch(/^\.dpg-check\.yml:2:3 ignore\[0\]: needs a path and a reason/);
    expect(problems('rules:\n  dpg-1-01: sometimes\n')[0]).toMatch(/^\.dpg-check\.yml:2:13 rules\.dpg-1-01: must be off, on/);
    expect(problems('ruleTimeoutMs: -5\n')[0]).toMatch(/:1:16 ruleTimeoutMs: must be an integer/);
  });
  it('reports YAML syntax errors with line and column', () => {
    expect(problems('rules:\n  a: [unclosed\n')[0]).toMatch(/^\.dpg-check\.yml:\d+:\d+ \(root\): /);
  });
  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), 'rules: {}'].join('\n');
    expect(problems(bomb)[0]).toMatch(/alias/i);
  });
  it('a document that is not a mapping is located', () => {
    expect(problems('- a\n- b\n')[0]).toMatch(/^\.dpg-check\.yml:1:1 \(root\): the config must be a mapping/);
  });
});

describe('reading the candidate\'s own config (what resolveConfig weighs: test/hostile-config.test.ts)', () => {
  it('a candidate config only in the snapshot is parsed from it; an unreadable one is a located problem', () => {
    expect(candidateConfigFile(createMemorySnapshot({ 'README.md': '#' }))).toBeUndefined();
    const snapshot = createMemorySnapshot({ '.dpg-check.yml': 'rules:\n  dpg-8-02: off\n' });
    expect(candidateConfigFile(snapshot)).toBe('.dpg-check.yml');
    expect(candidateConfigReader(snapshot, undefined)('.dpg-check.yml').rules.get('dpg-8-02')?.enabled).toBe(false);
    const binary = createMemorySnapshot({}, { unreadable: { '.dpg-check.yml': 'binary' } });
    expect(() => candidateConfigReader(binary, undefined)('.dpg-check.yml')).toThrow(ConfigError);
    expect(() => candidateConfigReader(binary, undefined)('.dpg-check.yml')).toThrow('.dpg-check.yml:1:1 (root): cannot read the config file (binary)');
  });

  it('with --config given, a broken candidate config is a warning, never a reason the check cannot run', () => {
    const warnings: string[] = [];
    const binary = createMemorySnapshot({}, { unreadable: { '.dpg-check.yml': 'binary' } });
    expect(readCandidateConfig('.dpg-check.yml', candidateConfigReader(binary, undefined), false, warnings)).toBeUndefined();
    expect(warnings).toEqual(["the candidate's config .dpg-check.yml is not valid (.dpg-check.yml:1:1 (root): cannot read the config file (binary)); it was not applied"]);
    expect(resolveConfig({ reviewer: DEFAULT_CONFIG, candidate: undefined, trusted: true }).config).toBe(DEFAULT_CONFIG);
  });
});
