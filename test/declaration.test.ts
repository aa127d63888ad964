import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DECLARATION_FILE_NAMES,
  MAX_NESTING_DEPTH,
  declarationSchema,
  findDeclaration,
  formatDeclarationError,
  formatKeyPath,
  makeDeclarationView,
  parseDeclaration,
  parseKeyPath,
  readDeclarationFile,
  type DeclarationError,
  type LoadedDeclaration,
} from '../src/declaration/load.js';
import { COMPLETE_DECLARATION_EXAMPLE, LICENSE_PARTS, ORGANIZATION_ROLES } from '../src/declaration/schema-mirror.js';
import { HANDLING_LEVELS, OWNER_TYPES } from '../src/declaration/types.js';
import { SOLUTION_TYPES } from '../src/model.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'declarations');

function fixture(name: string): LoadedDeclaration {
  return readDeclarationFile(path.join(FIXTURES, name), name);
}

/** The errors as the CLI prints them. */
function printed(loaded: LoadedDeclaration): string[] {
  return loaded.errors.map(formatDeclarationError);
}

function expectInvalid(loaded: LoadedDeclaration): void {
  expect(loaded.valid).toBe(false);
  expect(loaded.errors.length).toBeGreaterThan(0);
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-declaration-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function writeTemp(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('valid declarations', () => {
  it('accepts the complete YAML example, which answers every question', () => {
    const loaded = fixture('complete.yml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.syntaxOk).toBe(true);
    expect(loaded.valid).toBe(true);
    expect(loaded.data?.name).toBe('Open Clinic Registry');
  });

  it('accepts the same declaration written as JSON, with the same data', () => {
    const yaml = fixture('complete.yml');
    const json = fixture('complete.json');
    expect(json.errors).toEqual([]);
    expect(json.valid).toBe(true);
    expect(json.data).toEqual(yaml.data);
  });

  it('keeps the complete example identical to the compile-time checked one in schema-mirror.ts', () => {
    expect(fixture('complete.yml').data).toEqual(COMPLETE_DECLARATION_EXAMPLE);
  });

  it('accepts a minimal declaration (name and types)', () => {
    const loaded = fixture('minimal.yml');
    expect(loaded.valid).toBe(true);
    expect(loaded.errors).toEqual([]);
    expect(loaded.data).toEqual({ name: 'Minimal', types: ['software'] });
  });

  it('accepts a UTF-8 byte-order mark and a UTF-16 file with its mark', () => {
    const withBom = writeTemp('bom.yml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name: Bom\ntypes: [data]\n')]));
    expect(readDeclarationFile(withBom, 'bom.yml').valid).toBe(true);
    const utf16 = writeTemp('utf16.yml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: Wide\ntypes: [data]\n', 'utf16le')]));
    const loaded = readDeclarationFile(utf16, 'utf16.yml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.data?.name).toBe('Wide');
  });

  it('reads a non-UTF-8 file as Latin-1 and still parses it', () => {
    const loaded = fixture('latin1.yml');
    expect(loaded.valid).toBe(true);
    expect(loaded.data?.name).toBe('Café Santé');
  });
});

describe('the schema mirrors types.ts', () => {
  type SchemaNode = Record<string, unknown>;
  const schema = declarationSchema as SchemaNode;
  const defs = schema.$defs as Record<string, SchemaNode>;
  const resolve = (node: SchemaNode): SchemaNode =>
    typeof node.$ref === 'string' ? { ...defs[node.$ref.replace('#/$defs/', '')], ...node, $ref: undefined } : node;
  const at = (...keys: string[]): SchemaNode => {
    let node = schema;
    for (const key of keys) {
      const next = key === '[]' ? resolve(node).items : (resolve(node).properties as Record<string, SchemaNode>)[key];
      node = resolve(next as SchemaNode);
    }
    return node;
  };

  it('is draft 2020-12 with the published $id, and requires name and a non-empty, unique types list', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://unpkg.com/dpg-check/schema/declaration.schema.json');
    expect(schema.required).toEqual(['name', 'types']);
    expect(at('types')).toMatchObject({ minItems: 1, uniqueItems: true });
  });

  it('uses exactly the enums of the TypeScript model', () => {
    expect(at('types', '[]').enum).toEqual([...SOLUTION_TYPES]);
    expect(at('owner', 'type').enum).toEqual([...OWNER_TYPES]);
    expect(at('doNoHarm', 'dataPrivacy', 'piiLevel').enum).toEqual([...HANDLING_LEVELS]);
    expect(at('doNoHarm', 'content', 'contentLevel').enum).toEqual([...HANDLING_LEVELS]);
    expect(at('licenses', '[]', 'appliesTo').enum).toEqual([...LICENSE_PARTS]);
    expect(at('organizations', '[]', 'role').enum).toEqual([...ORGANIZATION_ROLES]);
  });

  /** Key paths such as `sdgs[].sdg`; for the schema, `additionalProperties: false` on every object is checked on the way. */
  function schemaKeyPaths(node: SchemaNode, prefix: string, out: Set<string>, objectsWithoutClosure: string[]): void {
    const resolved = resolve(node);
    if (resolved.type === 'object') {
      if (resolved.additionalProperties !== false) objectsWithoutClosure.push(prefix || '(root)');
      for (const [key, child] of Object.entries(resolved.properties as Record<string, SchemaNode>)) {
        const keyPath = prefix ? `${prefix}.${key}` : key;
        out.add(keyPath);
        expect(typeof (child as SchemaNode).description, `description of ${keyPath}`).toBe('string');
        expect(typeof (child as SchemaNode).title, `title of ${keyPath}`).toBe('string');
        schemaKeyPaths(child, keyPath, out, objectsWithoutClosure);
      }
    } else if (resolved.type === 'array' && resolved.items) {
      schemaKeyPaths(resolved.items as SchemaNode, `${prefix}[]`, out, objectsWithoutClosure);
    }
  }

  function dataKeyPaths(value: unknown, prefix: string, out: Set<string>): void {
    if (Array.isArray(value)) {
      for (const item of value) dataKeyPaths(item, `${prefix}[]`, out);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const keyPath = prefix ? `${prefix}.${key}` : key;
        out.add(keyPath);
        dataKeyPaths(child, keyPath, out);
      }
    }
  }

  it('has the same keys as the complete example (which tsc checks against types.ts), each closed, titled and described', () => {
    const fromSchema = new Set<string>();
    const open: string[] = [];
    schemaKeyPaths(schema, '', fromSchema, open);
    const fromExample = new Set<string>();
    dataKeyPaths(COMPLETE_DECLARATION_EXAMPLE, '', fromExample);
    expect([...fromSchema].sort()).toEqual([...fromExample].sort());
    expect(open).toEqual([]);
    expect(fromSchema.size).toBeGreaterThan(80);
  });
});

describe('syntax errors', () => {
  it('locates malformed YAML', () => {
    const loaded = fixture('bad-syntax.yml');
    expectInvalid(loaded);
    expect(loaded.syntaxOk).toBe(false);
    expect(loaded.data).toBeUndefined();
    expect(printed(loaded)).toEqual([
      'bad-syntax.yml:3:1 (root): invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('locates malformed JSON', () => {
    const loaded = fixture('bad-syntax.json');
    expectInvalid(loaded);
    expect(loaded.syntaxOk).toBe(false);
    // JSON.parse's wording differs between Node versions; the location must not.
    expect(printed(loaded)).toEqual([expect.stringMatching(/^bad-syntax\.json:4:3 \(root\): invalid JSON: \S/)]);
  });

  it('reports duplicate keys at the second occurrence', () => {
    const loaded = parseDeclaration('name: A\ntypes: [data]\nname: B\n', 'dpg.yml');
    expectInvalid(loaded);
    expect(loaded.errors[0]).toMatchObject({ line: 3, column: 1, key: '(root)' });
    expect(loaded.errors[0]!.message).toMatch(/unique/);
  });

  it('rejects an alias bomb quickly, at its first alias, without expanding it', () => {
    const started = performance.now();
    const loaded = fixture('alias-bomb.yml');
    expect(performance.now() - started).toBeLessThan(1000);
    expectInvalid(loaded);
    expect(loaded.data).toBeUndefined();
    expect(printed(loaded)).toEqual([
      'alias-bomb.yml:2:8 (root): too many alias expansions (more than 50): write the values out instead of repeating *aliases',
    ]);
  });

  it('still accepts a few aliases', () => {
    const loaded = parseDeclaration('name: A\ntypes: [data]\nprivacy:\n  evidence: &policy [PRIVACY.md]\ndoNoHarm:\n  dataPrivacy:\n    evidence: *policy\n', 'dpg.yml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.data?.doNoHarm?.dataPrivacy?.evidence).toEqual(['PRIVACY.md']);
  });

  it('rejects pathological nesting with a located error instead of exhausting the stack', () => {
    const cases: [string, number, number][] = [
      ['['.repeat(200_000), 1, MAX_NESTING_DEPTH + 1],
      [`name: x\ntypes: ${'- '.repeat(100_000)}a\n`, 2, 8 + 2 * MAX_NESTING_DEPTH],
      [Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), MAX_NESTING_DEPTH + 1, MAX_NESTING_DEPTH + 1],
    ];
    for (const [text, line, column] of cases) {
      const loaded = parseDeclaration(text, 'deep.yml');
      expectInvalid(loaded);
      expect(loaded.errors).toEqual([
        { file: 'deep.yml', line, column, key: '(root)', message: `the declaration nests lists or mappings more than ${MAX_NESTING_DEPTH} levels deep` },
      ]);
    }
    // Nesting within the limit is parsed normally (and fails only the schema).
    const moderate = parseDeclaration(`name: x\ntypes: [software]\naliases: ${'['.repeat(20)}${']'.repeat(20)}\n`, 'ok.yml');
    expect(moderate.syntaxOk).toBe(true);
    expect(moderate.errors.map((e) => e.key)).toEqual(['aliases[0]']);
  });
});

describe('schema errors', () => {
  it('locates wrong types and enum values, saying what was expected', () => {
    const loaded = fixture('wrong-types.yml');
    expectInvalid(loaded);
    expect(loaded.syntaxOk).toBe(true);
    expect(printed(loaded)).toEqual([
      'wrong-types.yml:2:9 types[0]: must be one of software, content, data, aimodel, standard',
      'wrong-types.yml:4:10 sdgs[0].sdg: must be an integer from 1 to 17, not a string ("three")',
    ]);
  });

  it('reports an unknown key where it is written, with the nearest allowed key', () => {
    const loaded = fixture('unknown-key.yml');
    expectInvalid(loaded);
    expect(printed(loaded)).toEqual([
      'unknown-key.yml:3:1 licence: unknown key "licence" (did you mean "licenses"?)',
      'unknown-key.yml:6:3 owner.nmae: unknown key "nmae" (did you mean "name"?)',
    ]);
  });

  it('lists the allowed keys of a small mapping when nothing is close', () => {
    const loaded = parseDeclaration('name: A\ntypes: [data]\nprivacy:\n  policies: [x]\n', 'dpg.yml');
    expect(printed(loaded)).toEqual(['dpg.yml:4:3 privacy.policies: unknown key "policies" (expected one of laws, adherence, evidence)']);
  });

  it('reports missing required keys at the mapping that lacks them', () => {
    const loaded = fixture('missing-required.yml');
    expectInvalid(loaded);
    expect(printed(loaded)).toEqual([
      'missing-required.yml:2:1 types: is required',
      'missing-required.yml:4:5 licenses[0].spdx: is required',
    ]);
  });

  it('explains ranges, formats, constants, empty values, repeated and single items', () => {
    const text = [
      'declarationVersion: 2', // 1
      'name: ""', // 2
      'types: [data, data]', // 3
      'website: example.org', // 4
      'contactEmail: not-an-email', // 5
      'sdgs:', // 6
      '  - sdg: 18', // 7
      '    explanation:', // 8
      'owner:', // 9
      '  contributorAgreement: true', // 10
      '  ownsAll: "yes"', // 11
      'doNoHarm:', // 12
      '  dataPrivacy: {piiLevel: stored}', // 13
      'licenses:', // 14
      '  - spdx: MIT', // 15
      '    evidence: [""]', // 16
    ].join('\n');
    const loaded = parseDeclaration(text, 'dpg.yml');
    expect(printed(loaded)).toEqual([
      'dpg.yml:1:21 declarationVersion: must be 1',
      'dpg.yml:2:7 name: must not be empty',
      'dpg.yml:3:15 types[1]: must not repeat "data" (already at types[0])',
      'dpg.yml:4:10 website: must be a list, not a string ("example.org") (write ["example.org"] for a single item)',
      'dpg.yml:5:15 contactEmail: must be an email address',
      'dpg.yml:7:10 sdgs[0].sdg: must be an integer from 1 to 17',
      'dpg.yml:8:5 sdgs[0].explanation: must be a string, not an empty value',
      'dpg.yml:10:25 owner.contributorAgreement: must be a non-empty string or false',
      'dpg.yml:11:12 owner.ownsAll: must be true or false, not a string ("yes")',
      'dpg.yml:13:27 doNoHarm.dataPrivacy.piiLevel: must be one of none, collected, collected-stored, collected-stored-distributed',
      'dpg.yml:16:16 licenses[0].evidence[0]: must not be empty',
    ]);
  });

  it('says when a value was read as something other than text', () => {
    const loaded = parseDeclaration('%YAML 1.1\n---\nname: 2024-01-31\ntypes: [software]\nbase: 1\n', 'dpg.yml');
    expect(printed(loaded)).toEqual([
      'dpg.yml:3:7 name: must be a non-empty string, not a date (quote it to keep it as text)',
      'dpg.yml:5:1 base: unknown key "base"',
    ]);
  });

  it('requires a non-empty types list and URLs in repositories', () => {
    const loaded = parseDeclaration('name: A\ntypes: []\nrepositories:\n  - url: github.com/x/y\n', 'dpg.yml');
    expect(printed(loaded)).toEqual([
      'dpg.yml:2:8 types: must list at least one of software, content, data, aimodel, standard',
      'dpg.yml:4:10 repositories[0].url: must be a URL (e.g. https://example.org)',
    ]);
  });

  it('rejects a document that is not a mapping', () => {
    const loaded = fixture('list.yml');
    expectInvalid(loaded);
    expect(loaded.syntaxOk).toBe(true);
    expect(loaded.data).toBeUndefined();
    expect(printed(loaded)).toEqual([
      'list.yml:1:1 (root): the declaration must be a mapping of keys to answers (e.g. `name: My solution`), not a list',
    ]);
    expect(printed(parseDeclaration('\n  "just text"\n', 'dpg.json'))).toEqual([
      'dpg.json:2:3 (root): the declaration must be a mapping of keys to answers (e.g. `name: My solution`), not a string ("just text")',
    ]);
  });

  it('reports every error once, sorted by line', () => {
    const loaded = parseDeclaration('types: [x, y]\nname: 3\nsdgs: [{sdg: 0}, {sdg: 99}]\n', 'dpg.yml');
    const lines = loaded.errors.map((e) => e.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(loaded.errors.map((e) => e.key)).toEqual(['types[0]', 'types[1]', 'name', 'sdgs[0].sdg', 'sdgs[1].sdg']);
    expect(new Set(printed(loaded)).size).toBe(loaded.errors.length);
  });
});

describe('reading files', () => {
  it('reports an empty file, and one with only comments', () => {
    const loaded = fixture('empty.yml');
    expectInvalid(loaded);
    expect(printed(loaded)).toEqual(['empty.yml:1:1 (root): the declaration is empty']);
    expect(printed(parseDeclaration('# nothing yet\n\n', 'dpg.yml'))).toEqual(['dpg.yml:1:1 (root): the declaration is empty']);
  });

  it('refuses a file over 1 MiB without reading it all', () => {
    const huge = writeTemp('huge.yml', `name: Huge\ntypes: [data]\ndescription: "${'x'.repeat(1024 * 1024)}"\n`);
    const loaded = readDeclarationFile(huge, 'huge.yml');
    expectInvalid(loaded);
    expect(loaded.errors).toHaveLength(1);
    expect(formatDeclarationError(loaded.errors[0]!)).toMatch(/^huge\.yml:1:1 \(root\): the declaration is too large \(1048\d{3} bytes; at most 1 MiB is read\)$/);
  });

  it('refuses a binary file at its first NUL byte', () => {
    const binary = writeTemp('binary.yml', Buffer.concat([Buffer.from('name: x\ntypes'), Buffer.from([0, 1, 2, 255])]));
    const loaded = readDeclarationFile(binary, 'binary.yml');
    expectInvalid(loaded);
    expect(loaded.syntaxOk).toBe(false);
    expect(printed(loaded)).toEqual(['binary.yml:2:6 (root): the declaration is a binary file (it contains NUL bytes), not YAML or JSON text']);
  });

  it('never throws for a missing file or a directory', () => {
    const missing = readDeclarationFile(path.join(tmp, 'absent.yml'), 'absent.yml');
    expect(printed(missing)).toEqual(['absent.yml:1:1 (root): cannot read the declaration: no such file']);
    expect(missing.locate('name')).toBeUndefined();
    const directory = readDeclarationFile(tmp, 'somedir');
    expect(printed(directory)).toEqual(['somedir:1:1 (root): cannot read the declaration: it is a directory']);
  });
});

describe('locating keys', () => {
  const loaded = fixture('complete.yml');

  it('finds top-level, nested and list keys where they are written', () => {
    expect(loaded.locate('name')).toEqual({ line: 9, column: 1 });
    expect(loaded.locate('owner.name')).toEqual({ line: 47, column: 3 });
    expect(loaded.locate('licenses[0].spdx')).toEqual({ line: 38, column: 5 });
    expect(loaded.locate('licenses[1].evidence[1]')).toEqual({ line: 43, column: 33 });
    expect(loaded.locate('sdgs[1]')).toEqual({ line: 33, column: 5 });
    expect(loaded.locate('doNoHarm.content.responseTime')).toEqual({ line: 116, column: 5 });
    expect(loaded.locate('(root)')).toEqual({ line: 5, column: 1 });
  });

  it('returns undefined for absent or malformed key paths', () => {
    expect(loaded.locate('licenses[7].spdx')).toBeUndefined();
    expect(loaded.locate('owner.nickname')).toBeUndefined();
    expect(loaded.locate('name.first')).toBeUndefined();
    expect(loaded.locate('licenses[x')).toBeUndefined();
  });

  it('formats and parses key paths, quoting keys that are not plain', () => {
    expect(formatKeyPath(['licenses', 0, 'spdx'])).toBe('licenses[0].spdx');
    expect(formatKeyPath(['owner', 'odd key', 2])).toBe('owner["odd key"][2]');
    expect(formatKeyPath([])).toBe('(root)');
    expect(parseKeyPath('owner["odd key"][2]')).toEqual(['owner', 'odd key', 2]);
    expect(parseKeyPath('doNoHarm.dataPrivacy.piiLevel')).toEqual(['doNoHarm', 'dataPrivacy', 'piiLevel']);
  });

  it('locates a quoted or numeric unknown key', () => {
    const odd = parseDeclaration('name: x\ntypes: [data]\n"odd key": 1\n', 'dpg.yml');
    expect(odd.errors[0]).toMatchObject({ key: '["odd key"]', line: 3, column: 1 });
    expect(odd.locate('["odd key"]')).toEqual({ line: 3, column: 1 });
  });
});

describe('discovery and the rules view', () => {
  it('discovers declarations in the documented order', () => {
    expect(DECLARATION_FILE_NAMES).toEqual(['dpg.yml', 'dpg.yaml', 'dpg.json', '.github/dpg.yml']);
    expect(findDeclaration((p) => p === 'dpg.json' || p === '.github/dpg.yml')).toBe('dpg.json');
    expect(findDeclaration((p) => p === '.github/dpg.yml')).toBe('.github/dpg.yml');
    expect(findDeclaration(() => false)).toBeUndefined();
  });

  it('gives rules located evidence and frozen data', () => {
    const loaded = fixture('complete.yml');
    const view = makeDeclarationView(loaded);
    expect(view.path).toBe('complete.yml');
    expect(view.valid).toBe(true);
    expect(view.evidence('licenses[0].spdx')).toEqual({ kind: 'declaration', path: 'complete.yml', key: 'licenses[0].spdx', line: 38, column: 5 });
    expect(view.evidence('scale.missing')).toEqual({ kind: 'declaration', path: 'complete.yml', key: 'scale.missing' });
    expect(view.locate('owner.name')).toEqual({ line: 47, column: 3 });
    expect(Object.isFrozen(view.data)).toBe(true);
    expect(Object.isFrozen(view.data?.licenses?.[0])).toBe(true);
    expect(() => (view.data!.types as string[]).push('data')).toThrow();
    // The loaded declaration itself is left as it was.
    expect(Object.isFrozen(loaded.data)).toBe(false);
  });

  it('keeps the data of a parsed but invalid declaration, marked invalid', () => {
    const view = makeDeclarationView(fixture('wrong-types.yml'));
    expect(view.valid).toBe(false);
    expect(view.data?.name).toBe('Wrong types');
  });

  it('describes the absence of a declaration', () => {
    const view = makeDeclarationView(undefined);
    expect(view.data).toBeUndefined();
    expect(view.path).toBeNull();
    expect(view.valid).toBe(false);
    expect(view.locate('name')).toBeUndefined();
    expect(view.evidence('sdgs')).toEqual({ kind: 'declaration', path: 'dpg.yml', key: 'sdgs' });
  });
});

describe('parseDeclaration never throws (property-based)', () => {
  const consistent = (loaded: LoadedDeclaration): boolean => {
    const located = loaded.errors.every(
      (e: DeclarationError) => Number.isInteger(e.line) && e.line >= 1 && Number.isInteger(e.column) && e.column >= 1 && e.key !== '' && e.message !== '',
    );
    return located && (loaded.valid ? loaded.errors.length === 0 && loaded.syntaxOk : loaded.errors.length > 0);
  };

  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => consistent(parseDeclaration(text, 'dpg.yml'))),
      { numRuns: 400 },
    );
  });

  it('on strings made of YAML punctuation', () => {
    const yamlish = fc.string({ unit: fc.constantFrom('-', ':', ' ', '\n', '[', ']', '{', '}', '&a', '*a', '"', "'", '#', '|', '>', '?', 'name', 'types', 'x', '!!', '%', '\t'), maxLength: 120 });
    fc.assert(
      fc.property(yamlish, (text) => consistent(parseDeclaration(text, 'dpg.yml'))),
      { numRuns: 400 },
    );
  });

  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => consistent(parseDeclaration(JSON.stringify(value, null, 1) ?? 'null', 'dpg.json'))),
      { numRuns: 300 },
    );
  });

  it('on arbitrary mappings with declaration keys', () => {
    const key = fc.constantFrom('name', 'types', 'sdgs', 'licenses', 'owner', 'sdg', 'spdx', 'evidence', 'piiLevel', 'doNoHarm', 'licence');
    const value = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (mapping) => consistent(parseDeclaration(JSON.stringify(mapping), 'dpg.json'))),
      { numRuns: 300 },
    );
  });
});
