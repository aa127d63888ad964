/**
 * Every parser of what a candidate controls, fed mutated real inputs, random
 * text and random structures: the declaration, the config file, DPGA registry
 * JSON, publiccode.yml, the manifests, `.gitignore` (in the walk that honours
 * it) and licence texts. The property is always the same: a located result or
 * the parser's documented error type — never anything else thrown (and never
 * a hang: vitest's time limit would end the suite).
 *
 * Seeded and bounded (test/fuzz/support.ts); `FUZZ_RUNS=20000` runs more.
 */
import { describe, it, expect, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parseDeclaration, makeDeclarationView, formatDeclarationError } from '../../src/declaration/load.js';
import { parseConfig, ConfigError } from '../../src/engine/config.js';
import { parseSource } from '../../src/import/source.js';
import { importRegistry } from '../../src/import/registry.js';
import { importPubliccode } from '../../src/import/publiccode.js';
import { toLoadedDeclaration } from '../../src/import/locate.js';
import { renderImportYaml } from '../../src/import/yaml.js';
import { findManifests, parseManifest } from '../../src/manifests/index.js';
import { listLocalFiles } from '../../src/snapshot/list-files.js';
import { identifyLicenseText } from '../../src/licenses/match.js';
import { licenseSection } from '../../src/licenses/identify.js';
import { fuzzParameters, fuzzParametersShare, fuzzTimeoutMs } from './support.js';

const REPO = process.cwd();
const read = (relative: string): string => fs.readFileSync(path.join(REPO, relative), 'utf8');
const filesIn = (relative: string, pattern: RegExp, limit = 12): string[] =>
  fs.readdirSync(path.join(REPO, relative)).filter((name) => pattern.test(name)).sort().slice(0, limit).map((name) => read(path.join(relative, name)));

/** Characters and tokens that matter to YAML, JSON, XML, TOML and the line formats. */
const TOKENS = [
  '\n', '\r\n', ' ', '  ', '\t', ':', ': ', '- ', '-', '{', '}', '[', ']', '"', "'", ',', '#', '&a ', '*a', '<<: *a', '!!binary ', '!!js/function ',
  '---\n', '...\n', '|', '>', '? ', '=', '==', '<', '>', '/>', '</', '<!--', '${', '\\', '%', '@', '\u0000', '\ufeff', '\u2028', '\ud800',
  '__proto__', 'constructor', 'prototype', 'null', 'true', '1e999', '-0', '0x', '9'.repeat(40), '[[', ']]', '"""', '\\u0000',
];

interface Mutation { at: number; remove: number; insert: string }
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 24 }),
  insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })),
});

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const { at, remove, insert } of mutations) {
    const position = at % (out.length + 1);
    out = out.slice(0, position) + insert + out.slice(position + remove);
  }
  return out;
}

/** A real input with a few mutations; random text; a random JSON or YAML-ish structure. */
function inputs(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([seed, mutations]) => mutate(seed, mutations)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value, null, 1) ?? 'null') },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('name', 'types', 'licenses', 'owner', 'sdgs', 'rules', 'ignore', 'packs', 'legal', 'supports', '__proto__'), fc.jsonValue({ maxDepth: 3 })).map((value) => JSON.stringify(value)) },
  );
}

const declarations = filesIn('fixtures/declarations', /\.(ya?ml|json)$/);
const configs = ['rules:\n  dpg-2-03: off\nignore:\n  - path: "vendor/**"\n    reason: vendored\npaths:\n  - path: "docs/**"\n    class: docs\nruleTimeoutMs: 5000\n', read('fixtures/candidates-evidence/dpi-registry/.dpg-check.yml')];
const nominees = filesIn('fixtures/registry/nominees', /\.json$/, 6);
const screenings = filesIn('fixtures/registry/digitalpublicgoods', /\.json$/, 6);
const publiccodes = filesIn('fixtures/publiccode', /\.ya?ml$/);
const licences = [read('LICENSE'), ...['fixtures/licenses/preface/LICENSE', 'fixtures/licenses/package-subfolder/LICENSE'].map(read)];

/** Every manifest among the fixtures, with its path (the path decides the parser). */
function manifestSeeds(): { path: string; text: string }[] {
  const all: string[] = [];
  const visit = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile()) all.push(child);
    }
  };
  visit('fixtures');
  return findManifests(all).map(({ path: file }) => ({ path: file, text: read(file) })).filter(({ text }) => text.length < 64 * 1024);
}
const manifests = manifestSeeds();

describe('fuzz: the parsers of what a candidate controls', () => {
  it('has seeds for every parser', () => {
    for (const [name, seeds] of Object.entries({ declarations, configs, nominees, screenings, publiccodes, licences, manifests })) expect(seeds.length, name).toBeGreaterThan(0);
    expect(new Set(manifests.map((m) => path.basename(m.path))).size).toBeGreaterThan(5);
  });

  it('declaration: a located result, never a throw', () => {
    fc.assert(fc.property(inputs(declarations), fc.constantFrom('dpg.yml', 'dpg.json'), (text, file) => {
      const loaded = parseDeclaration(text, file);
      if (!loaded.valid) {
        expect(loaded.errors.length).toBeGreaterThan(0);
        for (const error of loaded.errors) expect(formatDeclarationError(error)).toMatch(new RegExp(`^${file.replace('.', '\\.')}:\\d+:\\d+ `));
      }
      makeDeclarationView(loaded);
    }), fuzzParameters(200));
  }, fuzzTimeoutMs(60_000));

  it('config: a config or a ConfigError, nothing else', () => {
    fc.assert(fc.property(inputs(configs), (text) => {
      try {
        parseConfig(text, '.dpg-check.yml');
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems.length).toBeGreaterThan(0);
      }
    }), fuzzParameters(400));
  }, fuzzTimeoutMs(60_000));

  it('registry JSON (nominee, screening, both): notes or an import, never a throw', () => {
    fc.assert(fc.property(inputs(nominees), inputs(screenings), fc.boolean(), (nomineeText, screeningText, combined) => {
      const nominee = parseSource(nomineeText, 'nominees/x.json');
      const screening = parseSource(screeningText, 'digitalpublicgoods/x.json');
      if (!nominee.file && !screening.file) return;
      const result = importRegistry({ slug: 'x', combined, ...(nominee.file ? { nominee: nominee.file } : {}), ...(screening.file ? { screening: screening.file } : {}) });
      toLoadedDeclaration(result);
      expect(typeof renderImportYaml(result)).toBe('string');
    }), fuzzParameters(200));
  }, fuzzTimeoutMs(60_000));

  it('publiccode.yml: notes or an import, never a throw', () => {
    fc.assert(fc.property(inputs(publiccodes), (text) => {
      const source = parseSource(text, 'publiccode.yml');
      if (!source.file) {
        expect(source.notes.length).toBeGreaterThan(0);
        return;
      }
      const result = importPubliccode(source.file);
      toLoadedDeclaration(result);
      expect(typeof renderImportYaml(result)).toBe('string');
    }), fuzzParameters(200));
  }, fuzzTimeoutMs(60_000));

  it('manifests (every kind among the fixtures): parsed or undefined, never a throw', () => {
    const seeds = fc.constantFrom(...manifests);
    fc.assert(fc.property(seeds, fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.option(fc.string({ unit: 'binary', maxLength: 200 })), (seed, mutations, random) => {
      const parsed = parseManifest(seed.path, random ?? mutate(seed.text, mutations));
      if (parsed) expect(parsed.path).toBe(seed.path);
    }), fuzzParameters(400));
  }, fuzzTimeoutMs(60_000));

  it('licence texts: matches or none, never a throw', () => {
    fc.assert(fc.property(inputs(licences), (text) => {
      for (const match of identifyLicenseText(text)) expect(['match', 'review']).toContain(match.verdict);
      licenseSection(text);
    }), fuzzParametersShare(40, 0.25));
  }, fuzzTimeoutMs(120_000));

  describe('.gitignore (the walk that honours it, outside git)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-fuzz-gitignore-'));
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
    const FILES = ['a.js', 'b.md', 'src/c.ts', 'src/deep/d.txt', 'docs/e.md', '.hidden/f', 'x y/z'];
    const gitignores = ['node_modules/\n*.log\n!keep.log\n/build\nsrc/**/d.txt\n', '# comment\n\\#x\n*.md\n!docs/*.md\n**/deep\n[abc].js\n'];
    let counter = 0;

    it('lists a subset of the files, never throws', async () => {
      await fc.assert(fc.asyncProperty(inputs(gitignores), async (text) => {
        const dir = path.join(root, String(++counter));
        for (const file of FILES) {
          fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
          fs.writeFileSync(path.join(dir, file), 'x');
        }
        fs.writeFileSync(path.join(dir, '.gitignore'), text);
        fs.writeFileSync(path.join(dir, 'src', '.gitignore'), text);
        const listing = await listLocalFiles(dir, fs.realpathSync(dir));
        for (const listed of listing.paths) expect([...FILES, '.gitignore', 'src/.gitignore']).toContain(listed);
        fs.rmSync(dir, { recursive: true, force: true });
      }), fuzzParametersShare(10, 0.05));
    }, fuzzTimeoutMs(60_000));
  });
});
