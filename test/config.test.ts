import { describe, it, expect } from 'vitest';
import { parseConfig, ConfigError, DEFAULT_CONFIG, readCandidateConfig, resolveConfig } from '../src/engine/config.js';
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
    expect(config.rules.get('dpg-1-02')).toEqual({ enabled: true, options: { minWords: 20 } });
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

describe('resolveConfig: the reviewer\'s config against the candidate\'s', () => {
  const withPacks = parseConfig('packs: [./pack.mjs]\nrules:\n  dpg-8-02: off\n', '.dpg-check.yml');
  const reviewer = parseConfig('rules:\n  dpg-1-02: off\n', 'review.yml');

  it('the reviewer\'s config, when given, replaces the candidate\'s, which is not even read', () => {
    let read = 0;
    const resolved = resolveConfig({ reviewer, readCandidate: () => { read++; return withPacks; }, trusted: false, remote: true });
    expect(resolved).toEqual({ config: reviewer, warnings: [] });
    expect(read).toBe(0);
  });

  it('without one: the candidate\'s own, its packs only when it is trusted, else one warning', () => {
    expect(resolveConfig({ reviewer: undefined, readCandidate: () => undefined, trusted: false, remote: false }).config).toBe(DEFAULT_CONFIG);
    expect(resolveConfig({ reviewer: undefined, readCandidate: () => withPacks, trusted: true, remote: false })).toEqual({ config: withPacks, warnings: [] });
    const remote = resolveConfig({ reviewer: undefined, readCandidate: () => withPacks, trusted: false, remote: true });
    expect(remote.config.packs).toEqual([]);
    expect(remote.config.rules.get('dpg-8-02')?.enabled).toBe(false);
    expect(remote.warnings).toEqual(['.dpg-check.yml names rule packs (./pack.mjs); they were not loaded: a remote candidate\'s own config never runs code — pass your own --config to use packs']);
    expect(resolveConfig({ reviewer: undefined, readCandidate: () => withPacks, trusted: false, remote: false }).warnings[0]).toContain("a candidate's own config never runs code here");
  });

  it('a candidate config only in the snapshot is parsed from it; an unreadable one is a located problem', () => {
    expect(readCandidateConfig(createMemorySnapshot({ 'README.md': '#' }), undefined)).toBeUndefined();
    expect(readCandidateConfig(createMemorySnapshot({ '.dpg-check.yml': 'rules:\n  dpg-8-02: off\n' }), undefined)?.rules.get('dpg-8-02')?.enabled).toBe(false);
    const binary = createMemorySnapshot({}, { unreadable: { '.dpg-check.yml': 'binary' } });
    expect(() => readCandidateConfig(binary, undefined)).toThrow(ConfigError);
    expect(() => readCandidateConfig(binary, undefined)).toThrow('.dpg-check.yml:1:1 (root): cannot read the config file (binary)');
  });
});
