/**
 * Small conventions of the command line, through the CLI: `explain
 * <indicator>` works as `--explain`, short flags, did-you-mean for mistyped
 * commands, rule options validated against the rule's `meta.schema`, and
 * `schema/config.schema.json` agreeing with the config parser.
 */
import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { run } from '../src/cli.js';
import { parseConfig, ConfigError } from '../src/engine/config.js';
import { builtInRules } from '../rules/index.js';
import { suggestCommand } from '../src/suggest.js';
import { PATH_CLASSES } from '../src/model.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

const CANDIDATE = 'fixtures/candidates/complete-software';
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-cli-conventions-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

describe('dpg-check explain', () => {
  it('explain <indicator> [target] prints what --explain <indicator> prints, with the same exit code', async () => {
    const subcommand = await cli(['explain', '2', CANDIDATE]);
    const option = await cli([CANDIDATE, '--explain', '2']);
    expect(subcommand.stderr).toBe('');
    expect(subcommand.stdout).toMatch(/^Indicator 2 — /);
    expect(subcommand.stdout).toBe(option.stdout);
    expect(subcommand.code).toBe(option.code);
  });

  it('explain <indicator> checks the current directory when no target is given', async () => {
    const cwd = process.cwd();
    try {
      process.chdir(CANDIDATE);
      const result = await cli(['explain', '9c']);
      expect(result.stdout).toMatch(/^Indicator 9c — Protection from Harassment: /);
      expect(result.stdout).toContain('Candidate: ');
    } finally {
      process.chdir(cwd);
    }
  });

  it('explain <rule> shows its documentation; with a target, its verdict there', async () => {
    const docs = await cli(['explain', 'sdg-explained']);
    expect(docs.stdout).toMatch(/^dpg-1-02 \(sdg-explained\): /);
    expect(docs.stdout).toContain('Options (.dpg-check.yml rules.<id>.options):\n  minWords: integer (≥ 1), default 12.');
    expect(docs.stdout).toMatch(/Passing dpg\.yml \(PASS\)\n {2}name: /);
    expect(docs.stdout).toMatch(/Failing dpg\.yml \(GAP\)/);
    const traced = await cli(['explain', 'sdg-explained', CANDIDATE]);
    expect(traced.stdout).toMatch(/^Rule dpg-1-02 \(sdg-explained\): /);
    expect(traced.stdout).toContain('Status:');
  });

  it('an unknown rule or indicator is a usage error naming the indicators', async () => {
    const result = await cli(['explain', '10']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('dpg-check: unknown rule or indicator 10 (indicators: 1, 2, 3, 4, 5, 6, 7, 8, 9a, 9b, 9c; rules: see `dpg-check rules`)\n');
  });
});

describe('short flags', () => {
  it('-f -o -q -c -v are --format --output --quiet --config --verbose', async () => {
    const config = path.join(temp, 'short.yml');
    fs.writeFileSync(config, 'rules:\n  dpg-8-02: off\n');
    const long = path.join(temp, 'long.json');
    const short = path.join(temp, 'short.json');
    const a = await cli([CANDIDATE, '--format', 'json', '--output', long, '--quiet', '--config', config]);
    const b = await cli([CANDIDATE, '-f', 'json', '-o', short, '-q', '-c', config]);
    expect(b.code).toBe(a.code);
    const strip = (file: string): unknown => ({ ...(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>), generatedAt: undefined, durationMs: undefined, timings: undefined });
    expect(strip(short)).toEqual(strip(long));
    expect((JSON.parse(fs.readFileSync(short, 'utf8')) as { ignored?: { ruleId?: string }[] }).ignored?.some((i) => i.ruleId === 'dpg-8-02')).toBe(true);
    const verbose = await cli([CANDIDATE, '-v', '-f', 'json']);
    expect(verbose.stderr).toMatch(/request/i);
    const help = await cli(['check', '--help']);
    for (const flag of ['-f, --format', '-o, --output', '-c, --config', '-q, --quiet', '-v, --verbose']) expect(help.stdout).toContain(flag);
  });
});

describe('did you mean', () => {
  it.each([['valdate', 'validate'], ['rulez', 'rules'], ['expalin', 'explain'], ['bacth', 'batch'], ['inti', 'init']])('%s → %s, exit 2, nothing checked', async (typed, meant) => {
    const result = await cli([typed, 'dpg.yml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`dpg-check: unknown command '${typed}' (did you mean '${meant}'?); to check a directory of that name, write ./${typed}\n`);
  });

  it('never for an existing directory, a path, a URL or a word far from every command', () => {
    const commands = ['check', 'validate', 'rules', 'explain', 'batch', 'merge', 'import', 'init'];
    expect(suggestCommand('rulez', commands, () => true)).toBeUndefined();
    expect(suggestCommand('./rulez', commands, () => false)).toBeUndefined();
    expect(suggestCommand('github:owner/rules', commands, () => false)).toBeUndefined();
    expect(suggestCommand('my-project', commands, () => false)).toBeUndefined();
    expect(suggestCommand('--formt', commands, () => false)).toBeUndefined();
    expect(suggestCommand('rules', commands, () => false)).toBeUndefined();
  });

  it('a mistyped option gets commander\'s suggestion', async () => {
    const result = await cli([CANDIDATE, '--formt', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(Did you mean --format?)');
  });
});

describe('rule options are validated against the rule\'s meta.schema', () => {
  it('a wrong option is a located config error (exit 2); a right one is used', async () => {
    const bad = path.join(temp, 'bad-options.yml');
    fs.writeFileSync(bad, 'rules:\n  sdg-explained:\n    options: { minWords: "twenty", maxWords: 3 }\n');
    const result = await cli([CANDIDATE, '--config', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the config is not valid:');
    expect(result.stderr).toMatch(/bad-options\.yml:3:\d+ rules\.sdg-explained\.options: must NOT have additional properties \(maxWords; the rule takes minWords, maxSimilarity\)/);
    expect(result.stderr).toMatch(/bad-options\.yml:3:\d+ rules\.sdg-explained\.options\.minWords: must be integer/);
    const good = path.join(temp, 'good-options.yml');
    fs.writeFileSync(good, 'rules:\n  dpg-1-02: { options: { minWords: 200 } }\n');
    const checked = await cli([CANDIDATE, '--config', good, '-f', 'json']);
    expect(checked.stderr).toBe('');
    expect([0, 1]).toContain(checked.code);
  });

  it('every built-in schema compiles, and rules reading options declare one', () => {
    const ajv = new Ajv2020({ strict: false });
    const withSchema = builtInRules.filter((r) => r.meta.schema);
    expect(withSchema.map((r) => r.meta.alias).sort()).toEqual(['copyright-consistent', 'no-committed-secrets', 'sdg-explained', 'secrets-outside-product', 'standards-in-repository']);
    for (const rule of withSchema) expect(() => ajv.compile(rule.meta.schema as object), rule.meta.id).not.toThrow();
  });
});

describe('schema/config.schema.json', () => {
  const schema = JSON.parse(fs.readFileSync('schema/config.schema.json', 'utf8')) as Record<string, unknown>;
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  const parses = (text: string): boolean => {
    try {
      parseConfig(text, 'c.yml');
      return true;
    } catch (error) {
      if (error instanceof ConfigError) return false;
      throw error;
    }
  };

  it.each([
    ['the README example', fs.readFileSync('README.md', 'utf8').split('## Config file')[1]?.split('```yaml\n')[1]?.split('```')[0] ?? 'missing'],
    ['rules off, on, true, false, { enabled, options }', 'rules:\n  a: off\n  b: on\n  c: true\n  d: false\n  e: { enabled: false }\n  f: { options: { x: 1 } }\n  g: {}\n'],
    ['ignore and paths entries', 'ignore:\n  - path: vendor/\n    reason: theirs\npaths:\n  - path: lib/\n    class: vendored\n    reason: a copy\n'],
    ['packs and ruleTimeoutMs', 'packs: [./p.mjs, dpg-check-pack-x]\nruleTimeoutMs: 600000\n'],
    ['an unknown key', 'rulez:\n  a: off\n'],
    ['a rule set to a number', 'rules:\n  a: 3\n'],
    ['a rule entry with another key', 'rules:\n  a: { level: high }\n'],
    ['options that are not a mapping', 'rules:\n  a: { options: [1] }\n'],
    ['an ignore without a reason', 'ignore:\n  - path: vendor/\n'],
    ['an ignore with a blank reason', 'ignore:\n  - path: vendor/\n    reason: "  "\n'],
    ['an unknown path class', 'paths:\n  - path: lib/\n    class: library\n    reason: x\n'],
    ['packs not a list', 'packs: ./p.mjs\n'],
    ['a pack that is not a string', 'packs: [3]\n'],
    ['a timeout of 0', 'ruleTimeoutMs: 0\n'],
    ['a timeout too long', 'ruleTimeoutMs: 600001\n'],
    ['a fractional timeout', 'ruleTimeoutMs: 1.5\n'],
    ['rules not a mapping', 'rules: [a]\n'],
    ['a list at the root', '- a\n'],
  ])('agrees with the parser: %s', (_, text) => {
    const data = parse(text) as unknown;
    expect(validate(data), JSON.stringify(validate.errors)).toBe(parses(text));
  });

  it('names every key the parser knows and every path class', () => {
    expect(Object.keys(schema.properties as object).sort()).toEqual(['ignore', 'packs', 'paths', 'ruleTimeoutMs', 'rules']);
    const paths = (schema.properties as Record<string, { items: { properties: { class: { enum: string[] } } } }>).paths;
    expect(paths?.items.properties.class.enum).toEqual([...PATH_CLASSES]);
  });
});
